import { Token } from 'cdktf';
import type { IConstruct } from 'constructs';
import type { Schema, SchemaIssue } from '../spec/schema-kit';

/** One prop to validate: where it is among the construct's props, its value, and the spec schema field that holds its rule. */
export interface PropRule {
  /** The prop's path, e.g. `role.name`. */
  readonly prop: string;
  /** The value given; `undefined` (not set) and unresolved tokens are skipped. */
  readonly value: unknown;
  /** The rule: the spec schema's own field, so a construct and a spec accept the same values. */
  readonly schema: Schema<unknown>;
}

/**
 * Registers a validation on the construct that checks its props at synth against the same
 * rules the spec is checked with, skipping values that are Terraform references (resolved only
 * when Terraform runs). Each error names the prop, the value and what is allowed.
 */
export function validateProps(construct: IConstruct, rules: () => readonly PropRule[]): void {
  construct.node.addValidation({
    validate: () =>
      rules().flatMap(({ prop, value, schema }) => {
        if (value === undefined || Token.isUnresolved(value)) return [];
        const issues: SchemaIssue[] = [];
        schema.parse(value, [], issues);
        return issues.map((issue) => `${prop}: ${issue.message}`);
      }),
  });
}
