/**
 * The rules the spec schema applies to a profile field, turned into Terraform `validation`
 * conditions on the module variable that fills it, each with a value it rejects (for the
 * module's tests). One source: the schema that validates the spec validates the module inputs.
 */
import {
  ArraySchema,
  Defaulted,
  EitherSchema,
  EnumSchema,
  IntegerSchema,
  ObjectSchema,
  Optional,
  RecordSchema,
  Schema,
  StringSchema,
} from '../spec/schema-kit';
import { profileSchema } from '../spec/spec-schema';
import { hclString } from '../render/hcl-text';

/** A `validation` block: a Terraform condition, its message, and a value of the variable it rejects. */
export interface ModuleValidation {
  /** Terraform expression (no `${}` around it). */
  readonly condition: string;
  /** A sentence, as Terraform wants `error_message`. */
  readonly message: string;
  /** A value of the variable that makes the condition false. */
  readonly rejects: unknown;
}

/** The schema of the field at `path` inside a profile whose value is `profile`; undefined where no rule applies (inside a policy document). */
export function profileFieldSchema(path: ReadonlyArray<string | number>, profile: unknown): Schema<unknown> | undefined {
  let schema: Schema<unknown> | undefined = profileSchema as Schema<unknown>;
  let value: unknown = profile;
  for (const segment of path) {
    schema = schema && unwrap(schema, value);
    if (schema instanceof ObjectSchema) schema = (schema.shape as Record<string, Schema<unknown>>)[segment];
    else if (schema instanceof ArraySchema) schema = schema.item as Schema<unknown>;
    else if (schema instanceof RecordSchema) schema = schema.value as Schema<unknown>;
    else return undefined;
    value = (value as Record<string | number, unknown> | undefined)?.[segment];
  }
  return schema && unwrap(schema, value);
}

function unwrap(schema: Schema<unknown>, value: unknown): Schema<unknown> {
  let current = schema;
  for (;;) {
    if (current instanceof Optional || current instanceof Defaulted) current = current.inner as Schema<unknown>;
    else if (current instanceof EitherSchema) current = (current.isFirst(value) ? current.first : current.second) as Schema<unknown>;
    else return current;
  }
}

/** How the rules are written: the value's expression, and how a candidate value of the variable makes the field's value. */
export interface RuleSubject {
  /** The variable the validation goes on. */
  readonly variable: string;
  /** Terraform expression of the field's value, e.g. `var.role_name` or `"${var.team}-writer"`. */
  readonly expression: string;
  /** The field's value when the variable is `candidate` (the others keep theirs). */
  readonly valueFor: (candidate: string) => string;
  /** What the message names: `profiles[0].role.name ("{{var.team}}-writer")`. */
  readonly field: string;
  /** The variable may be null (no value): the rules apply only to a value. */
  readonly nullable: boolean;
}

/** Characters that break most patterns; the first one a pattern rejects is the rejected example. */
const PATTERN_BREAKERS = ['!', ' ', '#', '{', 'UPPER', '-', '.', '/'];

/** Validations of a string field's rules (lengths, pattern). */
export function stringValidations(rules: StringSchema['rules'], subject: RuleSubject): ModuleValidation[] {
  const { minLength, maxLength, pattern, patternText } = rules;
  const out: ModuleValidation[] = [];
  const guard = (condition: string) => (subject.nullable ? nullOr(`var.${subject.variable}`, condition) : condition);
  const lengthOk = (text: string) => (minLength === undefined || text.length >= minLength) && (maxLength === undefined || text.length <= maxLength);
  if (minLength !== undefined || maxLength !== undefined) {
    const bounds = [
      minLength !== undefined && minLength > 0 ? `length(${subject.expression}) >= ${minLength}` : '',
      maxLength !== undefined ? `length(${subject.expression}) <= ${maxLength}` : '',
    ].filter(Boolean);
    const fixedLength = subject.valueFor('').length;
    const rejects = [maxLength !== undefined ? 'a'.repeat(Math.max(1, maxLength + 1 - fixedLength)) : undefined, ''].find(
      (candidate) => candidate !== undefined && !lengthOk(subject.valueFor(candidate)),
    );
    if (bounds.length && rejects !== undefined) {
      const range =
        maxLength === undefined
          ? minLength === 1
            ? 'not be empty'
            : `be at least ${minLength} characters`
          : `be ${minLength ? `${minLength} to ${maxLength}` : `at most ${maxLength}`} characters`;
      out.push({ condition: guard(bounds.join(' && ')), message: `${capitalize(subject.field)} must ${range}.`, rejects });
    }
  }
  if (pattern) {
    const rejects = PATTERN_BREAKERS.find((candidate) => {
      const value = subject.valueFor(candidate);
      return lengthOk(value) && !pattern.test(value);
    });
    if (rejects !== undefined) {
      out.push({
        condition: guard(`can(regex(${hclString(pattern.source)}, ${subject.expression}))`),
        message: `${capitalize(subject.field)} must be ${patternText ?? `matching ${pattern.source}`}.`,
        rejects,
      });
    }
  }
  return out;
}

/** Validations of any field a whole variable fills: a string, a number, an enumeration, a list or a map of strings. */
export function fieldValidations(schema: Schema<unknown> | undefined, subject: RuleSubject): ModuleValidation[] {
  const variable = `var.${subject.variable}`;
  const guard = (condition: string) => (subject.nullable ? nullOr(variable, condition) : condition);
  if (schema instanceof StringSchema) return stringValidations(schema.rules, subject);
  if (schema instanceof EnumSchema) {
    return [
      {
        condition: guard(`contains(${hclList(schema.values)}, ${variable})`),
        message: `${capitalize(subject.field)} must be one of ${schema.values.join(', ')}.`,
        rejects: 'not-one-of-them',
      },
    ];
  }
  if (schema instanceof IntegerSchema) {
    const bounds = [schema.min !== undefined ? `${variable} >= ${schema.min}` : '', schema.max !== undefined ? `${variable} <= ${schema.max}` : ''].filter(
      Boolean,
    );
    if (!bounds.length) return [];
    return [
      {
        condition: guard(bounds.join(' && ')),
        message: `${capitalize(subject.field)} must be from ${schema.min ?? '-∞'} to ${schema.max ?? '∞'}.`,
        rejects: schema.max !== undefined ? schema.max + 1 : schema.min! - 1,
      },
    ];
  }
  const each = (items: string, item: Schema<unknown>) => {
    if (!(item instanceof StringSchema)) return [];
    const element = {
      variable: 'item',
      expression: 'item',
      nullable: false,
      valueFor: (candidate: string) => candidate,
      field: `every entry of ${subject.field}`,
    };
    return stringValidations(item.rules, element).map((validation) => ({
      condition: guard(`alltrue([for item in ${items} : ${validation.condition}])`),
      message: validation.message,
      rejects: items.startsWith('values(') ? { key: validation.rejects } : [validation.rejects],
    }));
  };
  if (schema instanceof ArraySchema) return each(variable, schema.item as Schema<unknown>);
  if (schema instanceof RecordSchema) return each(`values(${variable})`, schema.value as Schema<unknown>);
  return [];
}

/** The condition for a value that may be null: Terraform evaluates both sides of `||`, so the test on the value sits behind a conditional. */
function nullOr(variable: string, condition: string): string {
  return `${variable} == null ? true : ${condition}`;
}

function hclList(values: readonly string[]): string {
  return `[${values.map(hclString).join(', ')}]`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
