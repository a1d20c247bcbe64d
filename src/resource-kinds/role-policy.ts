/**
 * `aws_iam_role_policy`: an inline policy embedded in a role, what `aws iam put-role-policy`
 * does. It lives and dies with the role; an entry of `role.inlinePolicies` makes one.
 */
import type { InlinePolicySpec } from '../spec/spec-schema';
import type { FieldTable, ResourceKind } from './resource-kind';

export const rolePolicyKind = {
  type: 'aws_iam_role_policy',
  label: 'inline policy',
  fields: {
    name: { argument: 'name', read: 'plannedString' },
    document: { argument: 'policy', read: 'document', modelKey: 'document' },
  } as const satisfies FieldTable<InlinePolicySpec>,
  reads: {
    /** The role's name. */
    role: { argument: 'role', read: 'plannedString' },
  },
  /** `<role name>:<policy name>`, `WebServerRole:WebServerLogs`. */
  importId: (roleName: string, policyName: string) => `${roleName}:${policyName}`,
} as const satisfies ResourceKind;
