/**
 * The library: constructs for an EC2 instance's access to AWS (a role trusted by EC2, its
 * policies and grants, the instance profile, the instance), and the checks, the offline access
 * proofs and the jest matchers, which read any cdktf stack as it synthesizes.
 */
export { InstanceProfileChain, ec2TrustPolicy } from './constructs/instance-profile-chain';
export type {
  CustomerManagedPolicyProps,
  InstanceProfileChainProps,
  InstanceProfileProps,
  ManagedPolicyAttachmentProps,
  RoleProps,
} from './constructs/instance-profile-chain';
export { Ec2Instance, instanceProfileNamed } from './constructs/ec2-instance';
export type { EbsVolumeType, Ec2InstanceProps, InstanceProfileReference, RootVolumeProps } from './constructs/ec2-instance';
export { ExistingRole } from './constructs/existing-role';
export type { ExistingRoleProps } from './constructs/existing-role';
export { GrantableRole } from './constructs/role-grants';
export type { GrantableRoleProps, GrantsPolicyProps } from './constructs/role-grants';
export { S3_GRANT_OBJECT_ACTIONS, S3_LIST_ACTION, s3GrantStatements } from './constructs/s3-grants';
export type { BucketReference, GrantStatement, S3GrantKind, S3GrantOptions } from './constructs/s3-grants';
export { IAM_POLICY_VERSION, PolicyDocumentLocal } from './constructs/policy-document';
export type { PolicyDocumentLocalProps } from './constructs/policy-document';
export { SECURE_DEFAULTS } from './secure-defaults';
export { InstanceProfileStack } from './constructs/instance-profile-stack';
export type { InstanceProfileStackProps } from './constructs/instance-profile-stack';

export { checkStack, findingsAtOrAbove } from './checks/check-any-stack';
export type { CheckStackOptions } from './checks/check-any-stack';
export { SECURITY_RULES } from './checks/rules';
export type { SecurityRule } from './checks/rules';
export { formatFindingsTable } from './checks/report';
export type { Finding, FindingLevel, Severity } from './checks/finding';

export { decideAccess } from './pipeline/decide-access';
export type { StackAccessDecision } from './pipeline/decide-access';
export { setupAccessMatchers } from './pipeline/jest-matchers';
export type { AccessRequestInput } from './access/request';
export type { VerifyRow } from './access/verify';

export { loadSpec, parseSpec } from './spec/load-spec';
export type { LoadedSpec } from './spec/model';

export { validateStackOffline } from './validate-stack-offline';
export { TerraformUnavailableError } from './terraform/terraform-unavailable-error';
export type { TerraformValidation } from './terraform/terraform-runner';
