/**
 * The partition of the ARNs a role names outside its policies' resources (which
 * `check-resources.ts` checks): the principals of its trust policy that are ARNs (IAM users,
 * roles, sessions, identity providers), and the policies it gets by ARN (managed policies,
 * whether attached or listed, and its permissions boundary). IAM takes ARNs of the account's own
 * partition only, as `arnPartitionProblem` says; a policy given by name is built for the
 * stack's partition, so only ARNs written out can be of another one.
 */
import { CHECK_IDS } from '../check-ids';
import type { Finding } from '../finding';
import { arnPartitionProblem, type StackPartition } from '../../iam/arn';
import { checkError } from '../make-finding';
import type { ExternalPolicyArn } from '../rule-context';
import type { ParsedPolicy } from './parsed-policy';

/** Principal types whose values may be ARNs (a `Service` is a name, a `CanonicalUser` an id). */
const ARN_PRINCIPAL_TYPES = ['AWS', 'Federated'];

/** Errors for the principals of a trust policy that are ARNs of another partition than the stack's. */
export function checkPrincipalPartitions(policy: ParsedPolicy, stack: StackPartition): Finding[] {
  return policy.statements.flatMap((statement) =>
    (statement.principal?.entries ?? []).flatMap((entry) => {
      if (!ARN_PRINCIPAL_TYPES.includes(entry.type)) return [];
      const problem = arnPartitionProblem(
        entry.value,
        stack,
        () => 'IAM refuses a principal of another partition (MalformedPolicyDocument: Invalid principal in policy)',
      );
      return problem ? [checkError(CHECK_IDS.arnPartition, entry.path, `${entry.type} principal ${problem}`)] : [];
    }),
  );
}

/** Errors for the policies a role gets by ARN (managed policies, its permissions boundary) that are of another partition. */
export function checkPolicyArnPartitions(references: readonly ExternalPolicyArn[], stack: StackPartition): Finding[] {
  return references.flatMap((reference) => {
    const problem = arnPartitionProblem(
      reference.arn,
      stack,
      () => "IAM refuses a policy ARN of another partition (an AWS-managed policy given by name gets the stack's partition)",
    );
    return problem ? [checkError(CHECK_IDS.arnPartition, reference.path, problem)] : [];
  });
}
