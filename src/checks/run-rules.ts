/** Runs security rules on a profile and turns their violations into findings. */
import { Finding, levelOf } from './finding';
import type { RuleContext } from './rule-context';
import type { SecurityRule } from './rules/security-rule';

/** The findings of `rules` on one profile; compliant and not-applicable rules give none. */
export function runRules(context: RuleContext, rules: readonly SecurityRule[]): Finding[] {
  return rules.flatMap((rule) => {
    const result = rule.check(context);
    if (result.status !== 'non-compliant') return [];
    return result.violations.map((violation): Finding => ({
      rule: rule.id,
      level: levelOf(rule.severity),
      severity: rule.severity,
      path: violation.path,
      message: violation.message,
      references: rule.references,
    }));
  });
}
