import type { SpecProblem } from '../spec/spec-error';

/** How much a security finding matters. `high` and `medium` fail the run unless suppressed; `low` warns. */
export type Severity = 'high' | 'medium' | 'low';

/** What a finding does to the run. */
export type FindingLevel = 'error' | 'warning';

/** One result of a rule: where (file field path, profile), what, and how bad. */
export interface Finding extends SpecProblem {
  /** Stable rule id, e.g. `IAM_ROLE_NAME_LENGTH` or `EC2_IMDSV2_REQUIRED`. */
  readonly rule: string;
  /** `error` fails the run; `warning` is reported only. */
  readonly level: FindingLevel;
  /** Security rules only. */
  readonly severity?: Severity;
  /** The instance profile the finding is about, when it is about one. */
  readonly profile?: string;
  /** Ids of the same check in other tools (checkov, trivy, cdk-nag, Access Analyzer). */
  readonly references?: readonly string[];
  /** Set when the spec suppresses this finding; a suppressed finding never fails the run. */
  readonly suppressedBecause?: string;
}

/** The level a security severity maps to. */
export function levelOf(severity: Severity): FindingLevel {
  return severity === 'low' ? 'warning' : 'error';
}

/** Findings that fail the run: errors not suppressed. */
export function failing(findings: readonly Finding[]): Finding[] {
  return findings.filter((finding) => finding.level === 'error' && !finding.suppressedBecause);
}
