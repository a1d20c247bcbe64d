/** `aws_iam_policy`: a customer-managed policy, what `aws iam create-policy` makes. */
import type { CustomerManagedPolicySpec } from '../spec/spec-schema';
import type { FieldTable, ResourceKind } from './resource-kind';

export const policyKind = {
  type: 'aws_iam_policy',
  label: 'IAM policy',
  fields: {
    name: {
      argument: 'name',
      read: 'plannedString',
      moduleInput: { name: 'policy_name', describe: (policy) => `Name of the customer-managed policy ${policy}.` },
    },
    description: { argument: 'description' },
    path: { argument: 'path', read: 'iamPath' },
    tags: { argument: 'tags' },
    document: { argument: 'policy', read: 'document', modelKey: 'document' },
  } as const satisfies FieldTable<CustomerManagedPolicySpec>,
  reads: {},
  /** The policy ARN, `arn:aws:iam::123456789012:policy/S3WritePolicy` (path included). */
  importId: (partition: string, accountId: string, path: string, name: string) => `arn:${partition}:iam::${accountId}:policy${path}${name}`,
} as const satisfies ResourceKind;
