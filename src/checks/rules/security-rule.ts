/**
 * The shape of a security rule, as cdk-nag has them: an id, a severity, what it checks, the ids
 * of the same check in other tools, and a pure check over a profile that returns compliant,
 * not applicable, or the violations found.
 */
import type { FieldPath } from '../../spec/field-path';
import type { Severity } from '../finding';
import type { RuleContext } from '../rule-context';

/** One place where a rule is broken. */
export interface RuleViolation {
  /** The field at fault, e.g. `profiles[0].policies[0].document.Statement[0].Action[1]`. */
  readonly path: FieldPath;
  /** What is wrong, what was given, what to do instead. */
  readonly message: string;
}

/** The outcome of a rule on one profile. */
export type RuleResult =
  | { readonly status: 'compliant' }
  | { readonly status: 'not-applicable' }
  | { readonly status: 'non-compliant'; readonly violations: readonly RuleViolation[] };

/** A security rule. */
export interface SecurityRule {
  /** Stable UPPER_SNAKE id, e.g. `EC2_IMDSV2_REQUIRED`; used in suppressions. */
  readonly id: string;
  /** `high` and `medium` fail the run unless suppressed; `low` warns. */
  readonly severity: Severity;
  /** What the rule requires, in one sentence. */
  readonly description: string;
  /** Ids of the same check in other tools (checkov, trivy, cdk-nag, IAM Access Analyzer). */
  readonly references: readonly string[];
  /**
   * The spec field, relative to a profile (`["instance", "monitoring"]`), whose default is the
   * tool's deliberate choice and the rule's non-compliant value: a finding at that field is not
   * raised when the spec leaves the field out, only when the spec sets the value itself. The
   * synthesized Terraform cannot tell a default from the same value written in the spec, so
   * `checkSpec` applies this with the spec in hand (`tool-defaults.ts`); on a plan or a stack
   * checked without a spec (`check --plan`, `checkStack`) the finding is raised.
   * @default - every finding is raised
   */
  readonly quietOnToolDefault?: readonly string[];
  /** Checks one profile. */
  check(context: RuleContext): RuleResult;
}

/** The profile follows the rule. */
export const COMPLIANT: RuleResult = { status: 'compliant' };

/** The rule has nothing to check in this profile (no instance, no trust policy…). */
export const NOT_APPLICABLE: RuleResult = { status: 'not-applicable' };

/** Non-compliant with these violations; compliant when there are none. */
export function violations(found: readonly RuleViolation[]): RuleResult {
  return found.length ? { status: 'non-compliant', violations: found } : COMPLIANT;
}
