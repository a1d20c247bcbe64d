/**
 * IAM's quotas per account: 1,000 roles and 1,000 instance profiles by default, which can be
 * raised to 5,000 at most. They are counted per account across every stack of the spec (all
 * shards and environments deploying to it), from the roles and instance profiles synthesized.
 */
import { resourcesOfType, soleAccountOf, type StackModel } from '../../stack-model/stack-model';
import { CHECK_IDS } from '../check-ids';
import type { FieldPath } from '../field-path';
import type { Finding } from '../finding';
import { checkError, checkWarning } from '../make-finding';

/** Roles, and instance profiles, per account with the default quota. */
export const ACCOUNT_IAM_DEFAULT_QUOTA = 1000;

/** Roles, and instance profiles, per account with the quota raised as far as it goes. */
export const ACCOUNT_IAM_MAX = 5000;

/** Which spec field names the account a stack deploys to. */
export type AccountFieldOf = (stack: StackModel) => FieldPath;

/**
 * A warning when the stacks deploying to one account hold more than 1,000 roles or instance
 * profiles, an error above 5,000. Stacks that name no account count as one account.
 */
export function checkAccountQuotas(stacks: readonly StackModel[], accountFieldOf: AccountFieldOf): Finding[] {
  const accounts = new Map<string, { roles: number; profiles: number; stacks: StackModel[] }>();
  for (const stack of stacks) {
    const account = soleAccountOf(stack.provider) ?? '';
    const counts = accounts.get(account) ?? { roles: 0, profiles: 0, stacks: [] };
    counts.roles += resourcesOfType(stack, 'aws_iam_role').length;
    counts.profiles += resourcesOfType(stack, 'aws_iam_instance_profile').length;
    counts.stacks.push(stack);
    accounts.set(account, counts);
  }
  const findings: Finding[] = [];
  for (const [account, counts] of accounts) {
    const where = account ? `account ${account}` : 'the account (no accountId given)';
    const path = accountFieldOf(counts.stacks[0]);
    for (const [kind, count] of [['roles', counts.roles], ['instance profiles', counts.profiles]] as const) {
      if (count <= ACCOUNT_IAM_DEFAULT_QUOTA) continue;
      const given = `${count.toLocaleString('en-US')} ${kind} in ${where}, across ${counts.stacks.length} stack${counts.stacks.length === 1 ? '' : 's'}`;
      findings.push(
        count > ACCOUNT_IAM_MAX
          ? checkError(CHECK_IDS.accountQuota, path, `${given}; IAM allows at most ${ACCOUNT_IAM_MAX.toLocaleString('en-US')} ${kind} per account: spread the fleet over more accounts`)
          : checkWarning(CHECK_IDS.accountQuota, path, `${given}; IAM allows ${ACCOUNT_IAM_DEFAULT_QUOTA.toLocaleString('en-US')} ${kind} per account by default: raise the account's quota (up to ${ACCOUNT_IAM_MAX.toLocaleString('en-US')}) before deploying`),
      );
    }
  }
  return findings;
}
