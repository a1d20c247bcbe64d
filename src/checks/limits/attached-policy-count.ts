/**
 * IAM's quota of managed policies attached to one role: 10 by default, which can be raised to
 * at most 20. The role's attachments count, whether of policies created with it or attached by ARN.
 */
import { CHECK_IDS } from '../check-ids';
import type { FieldPath } from '../../spec/field-path';
import type { Finding } from '../finding';
import { checkError, checkWarning } from '../make-finding';
import { ATTACHED_POLICIES_DEFAULT_QUOTA, ATTACHED_POLICIES_MAX } from '../../iam/quotas';

/** A warning above 10 managed policies attached to the role at `path`, an error above 20. */
export function checkAttachedPolicyCount(roleName: string, customer: number, other: number, path: FieldPath): Finding[] {
  const total = customer + other;
  if (total <= ATTACHED_POLICIES_DEFAULT_QUOTA) return [];
  const given = `role "${roleName}" gets ${total} managed policies (${customer} created with it, ${other} attached by ARN)`;
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
