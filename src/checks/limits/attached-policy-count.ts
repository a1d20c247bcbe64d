/**
 * IAM's quota of managed policies attached to one role: 10 by default, which can be raised to
 * at most 20. Both the profile's customer-managed policies and `role.managedPolicies` count.
 */
import type { ResolvedProfileSpec } from '../../spec/model';
import { CHECK_IDS } from '../check-ids';
import type { Finding } from '../finding';
import { checkError, checkWarning } from '../make-finding';

/** Managed policies per role with the default quota. */
export const ATTACHED_POLICIES_DEFAULT_QUOTA = 10;

/** Managed policies per role with the quota raised as far as it goes. */
export const ATTACHED_POLICIES_MAX = 20;

/** A warning above 10 attached policies, an error above 20. */
export function checkAttachedPolicyCount(profile: ResolvedProfileSpec): Finding[] {
  const customer = profile.policies.length;
  const named = profile.role.managedPolicies.length;
  const total = customer + named;
  if (total <= ATTACHED_POLICIES_DEFAULT_QUOTA) return [];
  const given = `role "${profile.role.name}" gets ${total} managed policies (${customer} in policies, ${named} in role.managedPolicies)`;
  const path = [...profile.fieldPath, 'role'];
  if (total > ATTACHED_POLICIES_MAX) {
    return [checkError(CHECK_IDS.rolePolicyCount, path, `${given}; IAM attaches at most ${ATTACHED_POLICIES_MAX} to a role: merge some policies`)];
  }
  return [
    checkWarning(
      CHECK_IDS.rolePolicyCount,
      path,
      `${given}; IAM attaches ${ATTACHED_POLICIES_DEFAULT_QUOTA} to a role by default: raise the account's quota (up to ${ATTACHED_POLICIES_MAX}) before deploying, or merge some policies`,
    ),
  ];
}
