/**
 * Follows the links between a stack's resources the way AWS will once they exist: an
 * attachment joins a role (by name) to a policy (by ARN), an instance profile carries a role
 * (by name), an instance launches with a profile (by name). Links are followed through
 * Terraform references (`${aws_iam_role.r.name}`, known only after apply) or through known
 * values (a literal name, a policy ARN of the stack's account). A policy ARN that is no policy
 * of the stack (AWS-managed, or another stack's) is kept as an external ARN.
 */
import {
  type AttachmentResource,
  type InstanceProfileResource,
  type InstanceResource,
  isUnknown,
  type Planned,
  type PolicyResource,
  resourcesOfType,
  type RoleResource,
  type RolePolicyResource,
  soleAccountOf,
  type StackModel,
} from './stack-model';
import { pushTo } from '../text/multimap';

/** A policy attached to a role that the stack does not create: AWS-managed, or made elsewhere. */
export interface ExternalPolicy {
  /** The policy ARN, or unknown when it is a reference the model cannot follow. */
  readonly arn: Planned<string>;
  /** Where the role gets it: an attachment, or the role's own `managed_policy_arns`. */
  readonly from: AttachmentResource | RoleResource;
  /** Index in `managed_policy_arns` when it comes from the role. */
  readonly index?: number;
}

/** A role and what reaches it: its policies, the instance profiles that carry it, the instances launched with them. */
export interface IdentityChain {
  readonly role: RoleResource;
  /** Customer-managed policies of the stack attached to the role, with the attachment of each. */
  readonly policies: ReadonlyArray<{ readonly policy: PolicyResource; readonly attachment: AttachmentResource }>;
  readonly externalPolicies: readonly ExternalPolicy[];
  /** The role's inline policies (`aws_iam_role_policy`), in the stack's order. */
  readonly inlinePolicies: readonly RolePolicyResource[];
  /** The stack's policy the role's permissions boundary names, when it is one of the stack's. */
  readonly boundaryPolicy?: PolicyResource;
  readonly instanceProfiles: readonly InstanceProfileResource[];
  readonly instances: readonly InstanceResource[];
}

/** A stack's resources grouped by role, and what belongs to no role. */
export interface StackIdentities {
  readonly chains: readonly IdentityChain[];
  /** Policies of the stack attached to no role of it. */
  readonly unattachedPolicies: readonly PolicyResource[];
  /** Instances whose profile carries no role of the stack (or that have no profile). */
  readonly instancesWithoutRole: readonly InstanceResource[];
  /** Attachments whose role is no role of the stack. */
  readonly strayAttachments: readonly AttachmentResource[];
  /** Inline policies whose role is no role of the stack. */
  readonly strayInlinePolicies: readonly RolePolicyResource[];
  /** The instance profile an instance launches with, when it is one of the stack's. */
  profileOf(instance: InstanceResource): InstanceProfileResource | undefined;
  /** The stack's policy a policy ARN names (through a reference, or as IAM will name it), if any. */
  policyByArn(arn: Planned<string>): PolicyResource | undefined;
}

/** Groups the stack's resources into identity chains. */
export function identitiesOf(stack: StackModel): StackIdentities {
  const roles = resourcesOfType(stack, 'aws_iam_role');
  const policies = resourcesOfType(stack, 'aws_iam_policy');
  const profiles = resourcesOfType(stack, 'aws_iam_instance_profile');
  const instances = resourcesOfType(stack, 'aws_instance');
  const account = soleAccountOf(stack.provider);

  const roleOf = linker(roles, 'name');
  const profileOf = linker(profiles, 'name');
  const policyByAddress = new Map(policies.map((policy) => [policy.address, policy] as const));
  const policyByPathName = new Map(policies.flatMap((policy) => (isUnknown(policy.name) ? [] : [[`${policy.path}${policy.name}`, policy] as const])));
  const policyByArn = (arn: Planned<string>): PolicyResource | undefined => {
    if (isUnknown(arn)) return arn.reference?.attribute === 'arn' ? policyByAddress.get(arn.reference.address) : undefined;
    const match = /^arn:([^:]+):iam::(\d{12}):policy(\/.*)$/.exec(arn);
    if (!match || match[1] !== stack.provider.partition || (account !== undefined && match[2] !== account)) return undefined;
    return policyByPathName.get(match[3]);
  };

  const attached = new Set<PolicyResource>();
  const strayAttachments: AttachmentResource[] = [];
  const byRole = new Map<RoleResource, { policies: IdentityChain['policies'][number][]; externalPolicies: ExternalPolicy[] }>(
    roles.map((role) => [role, { policies: [], externalPolicies: role.managedPolicyArns.map((arn, index) => ({ arn, from: role, index })) }]),
  );
  for (const attachment of resourcesOfType(stack, 'aws_iam_role_policy_attachment')) {
    const role = roleOf(attachment.role);
    if (!role) {
      strayAttachments.push(attachment);
      continue;
    }
    const policy = policyByArn(attachment.policyArn);
    const entry = byRole.get(role)!;
    if (policy) {
      attached.add(policy);
      entry.policies.push({ policy, attachment });
    } else entry.externalPolicies.push({ arn: attachment.policyArn, from: attachment });
  }

  const inlineByRole = new Map<RoleResource, RolePolicyResource[]>();
  const strayInlinePolicies: RolePolicyResource[] = [];
  for (const inline of resourcesOfType(stack, 'aws_iam_role_policy')) {
    const role = roleOf(inline.role);
    if (role) pushTo(inlineByRole, role, inline);
    else strayInlinePolicies.push(inline);
  }

  const profileOfInstance = (instance: InstanceResource) => (instance.iamInstanceProfile === undefined ? undefined : profileOf(instance.iamInstanceProfile));
  const carryingByRole = new Map<RoleResource, InstanceProfileResource[]>();
  const roleOfProfile = new Map<InstanceProfileResource, RoleResource>();
  for (const profile of profiles) {
    const role = profile.role === undefined ? undefined : roleOf(profile.role);
    if (!role) continue;
    roleOfProfile.set(profile, role);
    pushTo(carryingByRole, role, profile);
  }
  const instancesByRole = new Map<RoleResource, InstanceResource[]>();
  for (const instance of instances) {
    const profile = profileOfInstance(instance);
    const role = profile && roleOfProfile.get(profile);
    if (role) pushTo(instancesByRole, role, instance);
  }
  const chains = roles.map((role): IdentityChain => ({
    role,
    ...byRole.get(role)!,
    inlinePolicies: inlineByRole.get(role) ?? [],
    boundaryPolicy: role.permissionsBoundary === undefined ? undefined : policyByArn(role.permissionsBoundary),
    instanceProfiles: carryingByRole.get(role) ?? [],
    instances: instancesByRole.get(role) ?? [],
  }));
  const reached = new Set(chains.flatMap((chain) => chain.instances));
  return {
    chains,
    unattachedPolicies: policies.filter((policy) => !attached.has(policy)),
    instancesWithoutRole: instances.filter((instance) => !reached.has(instance)),
    strayAttachments,
    strayInlinePolicies,
    profileOf: profileOfInstance,
    policyByArn,
  };
}

/** Finds the resource a planned value names: through its reference, or by the known value of `attribute`. */
function linker<T extends { readonly address: string; readonly name: Planned<string> }>(
  resources: readonly T[],
  attribute: 'name',
): (value: Planned<string>) => T | undefined {
  const byName = new Map(resources.flatMap((resource) => (isUnknown(resource[attribute]) ? [] : [[resource[attribute] as string, resource] as const])));
  const byAddress = new Map(resources.map((resource) => [resource.address, resource] as const));
  return (value) => {
    if (!isUnknown(value)) return byName.get(value);
    return value.reference ? byAddress.get(value.reference.address) : undefined;
  };
}
