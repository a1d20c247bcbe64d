/**
 * `suppressions: [{rule, reason}]`, a profile's or the spec's (for every profile), accept
 * security findings with a written reason: matching findings are kept and marked
 * `suppressedBecause`, so the report still shows them. A
 * suppression of an unknown rule, or of a validity check, is an error; one that matches nothing
 * is a warning, so stale suppressions get cleaned up.
 */
import type { ResolvedProfileSpec } from '../spec/model';
import type { SuppressionSpec } from '../spec/spec-schema';
import { closest } from '../text/closest';
import { ALL_CHECK_IDS, CHECK_IDS } from './check-ids';
import type { Finding } from './finding';
import { checkError, checkWarning } from './make-finding';

/**
 * Marks the findings of the profile that its suppressions cover, and adds findings for
 * suppressions that are invalid or unused. `ruleIds` are the ids that may be suppressed.
 */
export function applySuppressions(profile: ResolvedProfileSpec, findings: readonly Finding[], ruleIds: readonly string[]): Finding[] {
  return applySuppressionList(profile.suppressions, [...profile.fieldPath, 'suppressions'], findings, ruleIds, 'this profile');
}

/** The spec's own suppressions, over the findings of every profile that its profiles' suppressions left. */
export function applySpecSuppressions(suppressions: readonly SuppressionSpec[], findings: readonly Finding[], ruleIds: readonly string[]): Finding[] {
  return applySuppressionList(suppressions, ['suppressions'], findings, ruleIds, 'any profile');
}

function applySuppressionList(
  suppressions: readonly SuppressionSpec[],
  at: ReadonlyArray<string | number>,
  findings: readonly Finding[],
  ruleIds: readonly string[],
  scope: string,
): Finding[] {
  const reasons = new Map<string, string>();
  const problems: Finding[] = [];
  suppressions.forEach((suppression, i) => {
    const path = [...at, i, 'rule'];
    if (!ruleIds.includes(suppression.rule)) {
      problems.push(checkError(CHECK_IDS.suppressionUnknownRule, path, unknownRuleMessage(suppression.rule, ruleIds)));
      return;
    }
    if (reasons.has(suppression.rule)) {
      problems.push(checkWarning(CHECK_IDS.suppressionUnused, path, `${suppression.rule} is already suppressed by an earlier entry; remove this one`));
      return;
    }
    reasons.set(suppression.rule, suppression.reason);
    if (!findings.some((finding) => finding.rule === suppression.rule && !finding.suppressedBecause)) {
      problems.push(checkWarning(CHECK_IDS.suppressionUnused, path, `${suppression.rule} finds nothing in ${scope}; remove the suppression`));
    }
  });
  const marked = findings.map((finding) => {
    const reason = finding.suppressedBecause ? undefined : reasons.get(finding.rule);
    return reason === undefined ? finding : { ...finding, suppressedBecause: reason };
  });
  return [...marked, ...problems];
}

function unknownRuleMessage(rule: string, ruleIds: readonly string[]): string {
  if (ALL_CHECK_IDS.includes(rule)) {
    return `${rule} is a validity check, not a security rule: what it reports would be rejected by AWS or break the stack, so it cannot be suppressed`;
  }
  const suggestion = closest(rule, ruleIds);
  return `unknown rule "${rule}"${suggestion ? ` (did you mean "${suggestion}"?)` : ''}; rules: ${ruleIds.join(', ')}`;
}
