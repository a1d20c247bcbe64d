/**
 * IAM's quotas per account: 1,000 roles and 1,000 instance profiles by default, which can be
 * raised to 5,000 at most. They are counted per account across every stack of the spec (all
 * shards and environments deploying to it): from the roles and instance profiles synthesized,
 * or, before anything is synthesized, from the spec's stack plans, where each profile is one
 * role and one instance profile. A fleet over the quota is refused from the plans at once,
 * instead of after synthesizing thousands of profiles that IAM would never take.
 */
import type { ResolvedSpec } from '../../spec/model';
import { planStacks, type StackPlan } from '../../spec/plan-stacks';
import { resourcesOfType, soleAccountOf, type StackModel } from '../../stack-model/stack-model';
import { CHECK_IDS } from '../check-ids';
import type { FieldPath } from '../../spec/field-path';
import type { Finding } from '../finding';
import { checkError, checkWarning } from '../make-finding';

/** Roles, and instance profiles, per account with the default quota. */
export const ACCOUNT_IAM_DEFAULT_QUOTA = 1000;

/** Roles, and instance profiles, per account with the quota raised as far as it goes. */
export const ACCOUNT_IAM_MAX = 5000;

/** Which spec field names the account a stack deploys to. */
export type AccountFieldOf = (stack: StackModel) => FieldPath;

/** What one stack puts in its account, as far as the quotas count. */
interface StackCount {
  /** The account id, `''` when the stack names none. */
  readonly account: string;
  readonly roles: number;
  readonly profiles: number;
  /** The spec field that names the account. */
  readonly field: FieldPath;
}

/**
 * A warning when the stacks deploying to one account hold more than 1,000 roles or instance
 * profiles, an error above 5,000. Stacks that name no account count as one account.
 */
export function checkAccountQuotas(stacks: readonly StackModel[], accountFieldOf: AccountFieldOf): Finding[] {
  return checkCounts(
    stacks.map((stack) => ({
      account: soleAccountOf(stack.provider) ?? '',
      roles: resourcesOfType(stack, 'aws_iam_role').length,
      profiles: resourcesOfType(stack, 'aws_iam_instance_profile').length,
      field: accountFieldOf(stack),
    })),
  );
}

/**
 * The same findings from the spec alone, before synthesis: each profile of a stack plan is one
 * role and one instance profile in the plan's account.
 */
export function checkSpecAccountQuotas(spec: ResolvedSpec): Finding[] {
  return checkCounts(
    planStacks(spec).map((plan) => ({
      account: plan.accountId ?? '',
      roles: plan.profiles.length,
      profiles: plan.profiles.length,
      field: accountField(spec, plan),
    })),
  );
}

/** The spec field that names the account of a stack plan: its environment's accountId, else the spec's. */
export function accountField(spec: ResolvedSpec, plan: StackPlan): FieldPath {
  const environment = plan.environment === undefined ? undefined : spec.environments[plan.environment];
  if (environment?.accountId !== undefined) return ['environments', plan.environment!, 'accountId'];
  return spec.accountId !== undefined ? ['accountId'] : ['profiles'];
}

function checkCounts(stacks: readonly StackCount[]): Finding[] {
  const accounts = new Map<string, { roles: number; profiles: number; stacks: number; field: FieldPath }>();
  for (const stack of stacks) {
    const counts = accounts.get(stack.account) ?? { roles: 0, profiles: 0, stacks: 0, field: stack.field };
    counts.roles += stack.roles;
    counts.profiles += stack.profiles;
    counts.stacks++;
    accounts.set(stack.account, counts);
  }
  const findings: Finding[] = [];
  for (const [account, counts] of accounts) {
    const where = account ? `account ${account}` : 'the account (no accountId given)';
    for (const [kind, count] of [
      ['roles', counts.roles],
      ['instance profiles', counts.profiles],
    ] as const) {
      if (count <= ACCOUNT_IAM_DEFAULT_QUOTA) continue;
      const given = `${count.toLocaleString('en-US')} ${kind} in ${where}, across ${counts.stacks} stack${counts.stacks === 1 ? '' : 's'}`;
      findings.push(
        count > ACCOUNT_IAM_MAX
          ? checkError(
              CHECK_IDS.accountQuota,
              counts.field,
              `${given}; IAM allows at most ${ACCOUNT_IAM_MAX.toLocaleString('en-US')} ${kind} per account: spread the fleet over more accounts`,
            )
          : checkWarning(
              CHECK_IDS.accountQuota,
              counts.field,
              `${given}; IAM allows ${ACCOUNT_IAM_DEFAULT_QUOTA.toLocaleString('en-US')} ${kind} per account by default: raise the account's quota (up to ${ACCOUNT_IAM_MAX.toLocaleString('en-US')}) before deploying`,
            ),
      );
    }
  }
  return findings;
}
