/**
 * A policy document read into typed statements, each element located by its field path in the
 * spec, so checks walk statements instead of raw JSON and point at the exact entry.
 */
import type { ConditionOperatorInfo } from '../../iam/simulator';
import type { PolicyDocument } from '../../spec/model';
import type { FieldPath } from '../../spec/field-path';
import type { ConditionScalar } from '../../iam/policy-document';

/** An identity-based (customer-managed) policy, or a role's trust policy. */
export type PolicyKind = 'identity' | 'trust';

/** A value and where it is in the spec. */
export interface Located<T> {
  readonly value: T;
  readonly path: FieldPath;
}

/** `Action` / `NotAction` or `Resource` / `NotResource`: a string or a list of strings. */
export interface StatementList {
  /** The element name as written: `Action`, `NotAction`, `Resource` or `NotResource`. */
  readonly key: string;
  /** `NotAction` / `NotResource`. */
  readonly negated: boolean;
  /** Where the element is. */
  readonly path: FieldPath;
  /** The strings, each with its own path (`…Action[1]`, or `…Action` for a single string). */
  readonly entries: readonly Located<string>[];
}

/** One principal of a `Principal` element, e.g. `{ type: "Service", value: "ec2.amazonaws.com" }`. */
export interface PrincipalEntry extends Located<string> {
  /** `AWS`, `Service`, `Federated` or `CanonicalUser`. */
  readonly type: string;
}

/** `Principal` / `NotPrincipal`. */
export interface StatementPrincipal {
  /** The element name as written. */
  readonly key: 'Principal' | 'NotPrincipal';
  /** Where the element is. */
  readonly path: FieldPath;
  /** `"Principal": "*"`: anyone. */
  readonly anyone: boolean;
  /** The principals of a mapping, each with its type and path. */
  readonly entries: readonly PrincipalEntry[];
}

/** A set qualifier of a condition operator. */
export type SetQualifier = 'ForAllValues' | 'ForAnyValue';

/** A condition operator as written, split into its parts: `ForAnyValue:StringLikeIfExists`. */
export interface ConditionOperator {
  /** The operator as written. */
  readonly text: string;
  /** `ForAllValues:` / `ForAnyValue:`, when given. */
  readonly qualifier?: SetQualifier;
  /** The base operator from the catalog, e.g. `StringLike`. */
  readonly base: ConditionOperatorInfo;
  /** Whether it ends in `IfExists`. */
  readonly ifExists: boolean;
}

/** One condition key of one operator: `"StringEquals": {"aws:SourceAccount": "123456789012"}`. */
export interface ParsedCondition {
  readonly operator: ConditionOperator;
  /** The condition key as written (IAM compares key names ignoring case). */
  readonly key: string;
  /** Where the key is: `…Condition.StringEquals.aws:SourceAccount`. */
  readonly path: FieldPath;
  /** The values that are scalars, each located (`…[1]` for a list entry). */
  readonly values: readonly Located<ConditionScalar>[];
}

/** A statement with the elements that could be read. */
export interface ParsedStatement {
  /** Where the statement is: `…Statement[2]`, or `…Statement` for a single statement. */
  readonly path: FieldPath;
  /** The statement id, when given and valid. */
  readonly sid?: string;
  /** Absent when missing or invalid (reported by the parser). */
  readonly effect?: 'Allow' | 'Deny';
  /** `Action` or `NotAction`; absent when missing or invalid. */
  readonly actions?: StatementList;
  /** `Resource` or `NotResource`; absent when missing, invalid or not allowed (trust policies). */
  readonly resources?: StatementList;
  /** `Principal` or `NotPrincipal` of a trust policy; absent otherwise. */
  readonly principal?: StatementPrincipal;
  /** Whether the statement has a `Condition`. */
  readonly hasCondition: boolean;
  /** The condition keys whose operator IAM knows, in the order written. */
  readonly conditions: readonly ParsedCondition[];
}

/** A policy document with its statements. */
export interface ParsedPolicy {
  readonly kind: PolicyKind;
  /** Where the document is, e.g. `profiles[0].policies[1].document`. */
  readonly path: FieldPath;
  /** The document as given. */
  readonly document: PolicyDocument;
  readonly statements: readonly ParsedStatement[];
}
