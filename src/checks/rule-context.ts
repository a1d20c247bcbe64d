/**
 * What a security rule sees: one role with what is attached to it, or one instance, or one
 * policy attached to no role, all as synthesized or planned, with the IAM catalog.
 */
import type { StackModel } from '../stack-model/stack-model';
import type { EffectiveInstance } from './effective-instance';
import type { FieldPath } from '../spec/field-path';
import type { IamCatalog } from '../iam/iam-catalog';
import type { ParsedPolicy, ParsedStatement } from './policy/parsed-policy';

/** A policy the role gets that the stack does not create (AWS-managed, or made elsewhere), by ARN. */
export interface ExternalPolicyArn {
  readonly arn: string;
  /** Where the role gets it: the attachment's `policy_arn` (or its spec field). */
  readonly path: FieldPath;
}

/** One unit the rules check. */
export interface RuleContext {
  /** The stack the resources are in (its provider: partition, region, account). */
  readonly stack: StackModel;
  /** The stack's policies: the customer-managed ones attached to the role and its inline policies, or one policy attached to no role. */
  readonly policies: readonly ParsedPolicy[];
  /** The role's trust policy as synthesized; absent when the unit has no role. */
  readonly trustPolicy?: ParsedPolicy;
  /** Policies attached to the role by ARN that the stack does not create. */
  readonly externalPolicies: readonly ExternalPolicyArn[];
  /** The instance; absent when the unit is a role or a policy. */
  readonly instance?: EffectiveInstance;
  /** iam-data, loaded for the services the policies name. */
  readonly catalog: IamCatalog;
}

/** The `Allow` statements of the given policies. */
export function allowStatements(policies: readonly ParsedPolicy[]): ParsedStatement[] {
  return policies.flatMap((policy) => policy.statements.filter((statement) => statement.effect === 'Allow'));
}
