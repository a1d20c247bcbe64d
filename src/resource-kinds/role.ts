/** `aws_iam_role`: the role the instance assumes, what `aws iam create-role` makes. */
import type { RoleSpec } from '../spec/spec-schema';
import type { FieldTable, ResourceKind } from './resource-kind';

export const roleKind = {
  type: 'aws_iam_role',
  label: 'IAM role',
  fields: {
    name: {
      argument: 'name',
      read: 'plannedString',
      moduleInput: { name: 'role_name', describe: (role) => `Name of the IAM role ${role}, which the instance assumes.` },
    },
    path: { argument: 'path', read: 'iamPath' },
    description: { argument: 'description' },
    // Without a trust policy in the spec, the construct writes EC2's: findings about it point at the role.
    trustPolicy: { argument: 'assume_role_policy', read: 'document', originOnlyWhenSet: true },
    permissionsBoundary: { argument: 'permissions_boundary', read: 'optionalString' },
    /** Not written to Terraform: the proofs read it (a boundary made elsewhere, given by its document). */
    permissionsBoundaryDocument: {},
    maxSessionDuration: { argument: 'max_session_duration', read: 'knownNumber' },
    /** No argument of the role: each is an attachment of its own (`aws_iam_role_policy_attachment`). */
    managedPolicies: {},
    /** No argument of the role: each is an inline policy of its own (`aws_iam_role_policy`). */
    inlinePolicies: {},
    tags: { argument: 'tags' },
  } as const satisfies FieldTable<RoleSpec>,
  reads: {
    /** `managed_policy_arns`, when the role lists its attachments itself (hand-written Terraform). */
    managedPolicyArns: { argument: 'managed_policy_arns', read: 'plannedStrings' },
  },
  /** The role name, `S3WriteRole`. */
  importId: (roleName: string) => roleName,
} as const satisfies ResourceKind;
