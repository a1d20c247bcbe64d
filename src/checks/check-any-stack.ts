/** The checks and security rules on any cdktf stack, as on the stacks a spec builds. */
import { stackModelOfStack, type SynthesizableStack } from '../stack-model/stack-model-of-stack';
import { checkStacks } from './check-stack';
import { sortFindings } from './check-spec';
import type { Finding, Severity } from './finding';
import { SECURITY_RULES } from './rules';
import { checkError } from './make-finding';
import { problemsInAnyRelease } from '../terraform/provider-schema';
import type { SecurityRule } from './rules/security-rule';

/** Which rules {@link checkStack} runs. */
export interface CheckStackOptions {
  /** The security rules. @default - every rule (`SECURITY_RULES`) */
  readonly rules?: readonly SecurityRule[];
}

/**
 * Every finding on the stack as it synthesizes: policy grammar and IAM catalog, IAM quotas,
 * AWS names, the security rules, and arguments an AWS provider release the generated
 * constraint admits does not take (`AWS_PROVIDER_ARGUMENTS`), in a stable order. Nothing is suppressed (suppressions are
 * a spec's).
 */
export async function checkStack(stack: SynthesizableStack, options: CheckStackOptions = {}): Promise<Finding[]> {
  const config = stack.toTerraform();
  const model = stackModelOfStack({ node: stack.node, origins: stack.origins, toTerraform: () => config });
  return sortFindings([...(await checkStacks([model], options.rules ?? SECURITY_RULES)), ...providerArgumentFindings(config)]);
}

/** The rule of {@link providerArgumentFindings}. */
export const PROVIDER_ARGUMENTS_RULE = 'AWS_PROVIDER_ARGUMENTS';

/**
 * An error for each argument of the types the project writes that AWS provider 5.100 or 6.x
 * does not take (an override writing `cpu_core_count`, which 6.0 removed): the stack would
 * fail `terraform validate` on one of the majors the generated constraint admits.
 */
function providerArgumentFindings(config: unknown): Finding[] {
  return problemsInAnyRelease(config, { knownTypesOnly: true }).map((problem) => checkError(PROVIDER_ARGUMENTS_RULE, [], problem.message));
}

const SEVERITY_RANK: Record<Severity, number> = { low: 0, medium: 1, high: 2 };

/** The findings at `severity` or above: security findings by severity, and every other error (an invalid name, a broken document). */
export function findingsAtOrAbove(findings: readonly Finding[], severity: Severity): Finding[] {
  return findings.filter(
    (finding) => !finding.suppressedBecause && (finding.severity ? SEVERITY_RANK[finding.severity] >= SEVERITY_RANK[severity] : finding.level === 'error'),
  );
}
