/**
 * `aws_iam_role_policy_attachment`: one policy attached to a role, what `aws iam
 * attach-role-policy` does. It has no spec object of its own: a customer-managed policy of the
 * profile, or an entry of `role.managedPolicies` (its `policy_arn`), makes one.
 */
import type { ResourceKind } from './resource-kind';

export const attachmentKind = {
  type: 'aws_iam_role_policy_attachment',
  label: 'attachment',
  fields: {},
  reads: {
    /** The role's name. */
    role: { argument: 'role', read: 'plannedString' },
    /** The policy's ARN: a managed policy of the role's spec is this argument. */
    policyArn: { argument: 'policy_arn', read: 'plannedString' },
  },
  /** `<role name>/<policy ARN>`, `S3WriteRole/arn:aws:iam::123456789012:policy/S3WritePolicy`. */
  importId: (roleName: string, policyArn: string) => `${roleName}/${policyArn}`,
} as const satisfies ResourceKind;
