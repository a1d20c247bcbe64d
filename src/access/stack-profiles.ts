/**
 * The instance profiles of a stack as the verifier reads them: each with the role it carries
 * (that role's identity chain: its policies as synthesized) and the instance launched with it.
 */
import { identitiesOf, type IdentityChain } from '../stack-model/identity-chains';
import { type InstanceProfileResource, type InstanceResource, isUnknown, resourcesOfType, type SpecPath, type StackModel } from '../stack-model/stack-model';

/** One instance profile of a stack. */
export interface StackProfile {
  readonly stack: StackModel;
  /** The instance profile's name, or its Terraform address when the name is known only after apply. */
  readonly name: string;
  readonly instanceProfile: InstanceProfileResource;
  /** The role it carries and what reaches the role; absent when it carries no role of the stack. */
  readonly chain?: IdentityChain;
  /** The first instance launched with it, when the stack launches one. */
  readonly instance?: InstanceResource;
  /** The spec profile it was built from (`["profiles", 0]`), else its Terraform address. */
  readonly path: SpecPath;
}

/** Every instance profile of the stack, in the stack's order. */
export function profilesOfStack(stack: StackModel): StackProfile[] {
  const identities = identitiesOf(stack);
  const chainOf = new Map(identities.chains.flatMap((chain) => chain.instanceProfiles.map((profile) => [profile, chain] as const)));
  return resourcesOfType(stack, 'aws_iam_instance_profile').map((instanceProfile): StackProfile => {
    const chain = chainOf.get(instanceProfile);
    return {
      stack,
      name: isUnknown(instanceProfile.name) ? instanceProfile.address : instanceProfile.name,
      instanceProfile,
      chain,
      instance: chain?.instances.find((instance) => identities.profileOf(instance) === instanceProfile),
      path: stack.origins.get(instanceProfile.address)?.profile ?? [instanceProfile.address],
    };
  });
}
