/** The verifier's failures as findings, so that they fail the run like every other check. */
import type { Finding } from '../checks/finding';
import type { ProfileVerification, VerifyRow } from './verify';

/** A request was decided otherwise than the spec expects (or EC2 cannot assume the role, or another account can). */
export const ACCESS_EXPECTATION_RULE = 'ACCESS_EXPECTATION';

/** A request could not be evaluated: a policy outside the stack or known only after apply, an object request without a key, an invalid policy, a missing instance profile. */
export const ACCESS_NOT_EVALUATED_RULE = 'ACCESS_NOT_EVALUATED';

/**
 * Error findings for what is not met, each at its place in the spec (or the Terraform) and with
 * its profile:
 * - `ACCESS_EXPECTATION` per check decided otherwise than expected, naming the request and the
 *   deciding statement: `put s3://b/k: expected deny, but allowed by S3WritePolicy statement 0`;
 * - `ACCESS_NOT_EVALUATED` per profile problem (a policy reference that cannot be resolved, at
 *   the reference, once, when the profile has expectations it blocks; a profile with no role to
 *   check), and per request that cannot be evaluated for a reason of its own.
 * When the results come from several stacks, each message ends with `(in <stack>)`.
 * Suppressions are not applied here: pass the findings through the checks' `applySuppressions`
 * (with these rule ids among the suppressible ones, if they are to be).
 */
export function verifyFindings(results: readonly ProfileVerification[]): Finding[] {
  const severalStacks = new Set(results.map((result) => result.stack)).size > 1;
  return results.flatMap((result) => {
    const where = severalStacks ? ` (in ${result.stack})` : '';
    const finding = (rule: string, path: ReadonlyArray<string | number>, message: string): Finding => ({
      rule,
      level: 'error',
      profile: result.profile,
      path,
      message: `${message}${where}`,
    });
    const blocked = result.rows.filter((row) => row.blockedByProfile).length;
    const profileFindings =
      blocked || !result.rows.length
        ? result.problems.map((problem) =>
            finding(
              ACCESS_NOT_EVALUATED_RULE,
              problem.path,
              blocked ? `${problem.message} (${blocked} expectation${blocked === 1 ? '' : 's'} of ${result.profile} not verified)` : problem.message,
            ),
          )
        : [];
    const rowFindings = result.rows
      .filter((row) => !row.met && !row.blockedByProfile)
      .map((row) => finding(row.problem === undefined ? ACCESS_EXPECTATION_RULE : ACCESS_NOT_EVALUATED_RULE, row.path, failureMessage(row)));
    return [...profileFindings, ...rowFindings];
  });
}

/** `put s3://b/k: expected deny, but allowed by S3WritePolicy statement 0`, or `…: cannot evaluate: …`. */
export function failureMessage(row: VerifyRow): string {
  if (row.problem !== undefined) return `${row.request}: ${row.problem}`;
  return `${row.request}: expected ${row.expected}, but ${decisionPhrase(row)}`;
}

/** `allowed by S3WritePolicy statement 0`, `explicitly denied by DenyTmp Sid NoTmp`, `implicitly denied: no statement of … allows it`. */
export function decisionPhrase(row: VerifyRow): string {
  switch (row.decision) {
    case 'allowed':
      return `allowed by ${row.deciding}`;
    case 'explicitly denied':
      return `explicitly denied by ${row.deciding}`;
    case 'implicitly denied':
      return `implicitly denied: ${row.deciding}`;
    default:
      return row.problem ?? 'not evaluated';
  }
}
