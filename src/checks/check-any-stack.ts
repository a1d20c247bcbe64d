/** The checks and security rules on any cdktf stack, as on the stacks a spec builds. */
import { stackModelOfStack, type SynthesizableStack } from '../stack-model/stack-model-of-stack';
import { checkStacks } from './check-stack';
import { sortFindings } from './check-spec';
import type { Finding, Severity } from './finding';
import { SECURITY_RULES } from './rules';
import type { SecurityRule } from './rules/security-rule';

/** Which rules {@link checkStack} runs. */
export interface CheckStackOptions {
  /** The security rules. @default - every rule (`SECURITY_RULES`) */
  readonly rules?: readonly SecurityRule[];
}

/**
 * Every finding on the stack as it synthesizes: policy grammar and IAM catalog, IAM quotas,
 * AWS names, and the security rules, in a stable order. Nothing is suppressed (suppressions are
 * a spec's).
 */
export async function checkStack(stack: SynthesizableStack, options: CheckStackOptions = {}): Promise<Finding[]> {
  return sortFindings(await checkStacks([stackModelOfStack(stack)], options.rules ?? SECURITY_RULES));
}

const SEVERITY_RANK: Record<Severity, number> = { low: 0, medium: 1, high: 2 };

/** The findings at `severity` or above: security findings by severity, and every other error (an invalid name, a broken document). */
export function findingsAtOrAbove(findings: readonly Finding[], severity: Severity): Finding[] {
  return findings.filter(
    (finding) => !finding.suppressedBecause && (finding.severity ? SEVERITY_RANK[finding.severity] >= SEVERITY_RANK[severity] : finding.level === 'error'),
  );
}
