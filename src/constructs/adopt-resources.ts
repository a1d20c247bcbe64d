import { attachmentKind, instanceProfileKind, policyKind, roleKind, rolePolicyKind } from '../resource-kinds';
import type { ResolvedProfileSpec } from '../spec/model';
import type { InstanceProfileChain } from './instance-profile-chain';
import { managedPolicyArn } from './managed-policy-arn';
import { importExisting } from './import-blocks';

/** Where the adopted resources live: the partition and the account. */
export interface AdoptionTarget {
  /** The partition of the ARNs in import ids: the stack's `data.aws_partition.current.partition`, as the configuration's own ARNs. */
  readonly partition: string;
  /** Needed for customer-managed policies, whose import ids are ARNs. */
  readonly accountId?: string;
}

/**
 * Adds `import` blocks for the hand-made resources a profile adopts, with the ids the AWS
 * provider expects, so that `terraform apply` brings them under management without
 * recreating anything.
 */
export function adoptResources(chain: InstanceProfileChain, profile: ResolvedProfileSpec, target: AdoptionTarget): void {
  const { adopt, role, instanceProfile } = profile;
  const { partition } = target;
  const customerPolicyArn = (name: string) => {
    const policy = profile.policies.find((candidate) => candidate.name === name)!;
    return policyKind.importId(partition, requireAccount(target), policy.path, policy.name);
  };

  if (adopt.role) importExisting(chain.role, roleKind.importId(role.name));
  if (adopt.instanceProfile) importExisting(chain.instanceProfile, instanceProfileKind.importId(instanceProfile.name));
  if (adopt.policies) {
    for (const [name, policy] of chain.policies) importExisting(policy, customerPolicyArn(name));
  }
  if (adopt.inlinePolicies) {
    for (const [name, inline] of chain.inlinePolicies) importExisting(inline, rolePolicyKind.importId(role.name, name));
  }
  if (adopt.attachments) {
    for (const [policyRef, attachment] of chain.attachments) {
      const arn = chain.policies.has(policyRef) ? customerPolicyArn(policyRef) : managedPolicyArn(policyRef, partition);
      importExisting(attachment, attachmentKind.importId(role.name, arn));
    }
  }
}

function requireAccount(target: AdoptionTarget): string {
  if (!target.accountId) throw new Error('accountId is required to adopt customer-managed policies');
  return target.accountId;
}
