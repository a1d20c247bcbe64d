/** What a security rule sees of one profile: the spec, its parsed policies, its instance, the IAM catalog. */
import type { ResolvedProfileSpec, ResolvedSpec } from '../spec/model';
import type { EffectiveInstance } from './effective-instance';
import type { IamCatalog } from './iam/iam-catalog';
import type { ParsedPolicy, ParsedStatement } from './policy/parsed-policy';

/** One profile, ready for the rules. */
export interface RuleContext {
  readonly spec: ResolvedSpec;
  readonly profile: ResolvedProfileSpec;
  /** Position of the profile in `profiles`. */
  readonly profileIndex: number;
  /** The profile's customer-managed policies. */
  readonly policies: readonly ParsedPolicy[];
  /** The role's trust policy; absent means the built-in EC2 trust. */
  readonly trustPolicy?: ParsedPolicy;
  /** The instance as Terraform manages it; absent when the profile has none. */
  readonly instance?: EffectiveInstance;
  /** iam-data, loaded for the services the policies name. */
  readonly catalog: IamCatalog;
}

/** The `Allow` statements of the given policies. */
export function allowStatements(policies: readonly ParsedPolicy[]): ParsedStatement[] {
  return policies.flatMap((policy) => policy.statements.filter((statement) => statement.effect === 'Allow'));
}
