/**
 * The resource kinds: one descriptor per Terraform type the project creates and reads (see
 * docs/resource-kinds.md to add one), and the registry of the managed ones.
 */
import { attachmentKind } from './attachment';
import { instanceKind } from './instance';
import { instanceProfileKind } from './instance-profile';
import { policyKind } from './policy';
import { roleKind } from './role';
import { rolePolicyKind } from './role-policy';

export { attachmentKind } from './attachment';
export { ADOPTED_INSTANCE_PLACEHOLDERS, instanceKind, INSTANCE_LAUNCH_DEFAULTS, UNMANAGED_INSTANCE_ARGUMENTS } from './instance';
export { instanceProfileKind } from './instance-profile';
export { PARTITION_ADDRESS, partitionKind } from './partition';
export { policyKind } from './policy';
export { roleKind } from './role';
export { rolePolicyKind } from './role-policy';

/** The managed resource kinds, in the order the walkthrough creates them: policy, role, attachment, instance profile, instance; a role's inline policies after its attachments. */
export const RESOURCE_KINDS = [policyKind, roleKind, attachmentKind, rolePolicyKind, instanceProfileKind, instanceKind] as const;

/** One of {@link RESOURCE_KINDS}. */
export type ManagedResourceKind = (typeof RESOURCE_KINDS)[number];
