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
import { instanceKind, instanceProfileKind, policyKind, roleKind } from '../resource-kinds';
import { isBlockField, type ResourceKind } from '../resource-kinds/resource-kind';

/** A `validation` block: a Terraform condition, its message, and a value of the variable it rejects. */
export interface ModuleValidation {
  /** Terraform expression (no `${}` around it). */
  readonly condition: string;
  /** A sentence, as Terraform wants `error_message`: the spec's own, or one of {@link ruleMessage}. */
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

/** How the rules are written: the value's expression, how a candidate value of the variable makes the field's value, and what the messages call them. */
export interface RuleSubject {
  /** The variable the validation goes on. */
  readonly variable: string;
  /** Terraform expression of the field's value, e.g. `var.role_name` or `"${var.team}-writer"`. */
  readonly expression: string;
  /** The field's value when the variable is `candidate` (the others keep theirs). */
  readonly valueFor: (candidate: string) => string;
  /** The resource argument the field sets, in the messages' words (see {@link argumentNameOf}); undefined where no resource kind has the field. */
  readonly argument?: string;
  /** The variable is part of the field's value (`expression` is a string template), not all of it. */
  readonly part: boolean;
  /** The variable fills other fields too: a message about its whole value says which argument it is about. @default false */
  readonly fillsOthers?: boolean;
  /** The variable may be null (no value): the rules apply only to a value. */
  readonly nullable: boolean;
}

/** The spec objects of a profile and the resource kind each one is built into (as the stack records their origins). */
const PROFILE_OBJECT_KINDS: Readonly<Record<string, ResourceKind>> = {
  policies: policyKind,
  role: roleKind,
  instanceProfile: instanceProfileKind,
  instance: instanceKind,
};

/**
 * The Terraform argument that the field at `path` inside a profile sets, as a module's user
 * knows it: `the IAM policy's description`, `the EC2 instance's root_block_device.volume_type`,
 * `the IAM role's tags["Team"]`, `an entry of the EC2 instance's vpc_security_group_ids`. A field
 * that sets no argument of its own (the id of an adopted instance) is named in words. Undefined
 * outside the profile's resources.
 */
export function argumentNameOf(path: ReadonlyArray<string | number>): string | undefined {
  const [object, ...rest] = path;
  const kind = PROFILE_OBJECT_KINDS[String(object)];
  // A list of such objects (the policies): the index says which, the kind's label is enough.
  const [field, ...inner] = typeof rest[0] === 'number' ? rest.slice(1) : rest;
  const entry = kind?.fields[String(field)];
  if (!kind || !entry) return undefined;
  // A field of a nested block (`rootVolume.type`): the block's argument and its own.
  const nested = isBlockField(entry) && typeof inner[0] === 'string' ? entry.fields[inner[0]] : undefined;
  const argument = nested ? `${entry.argument}.${nested.argument}` : (entry.argument ?? words(String(field)));
  const key = nested ? inner[1] : inner[0];
  const named = `the ${kind.label}'s ${argument}${typeof key === 'string' ? `[${JSON.stringify(key)}]` : ''}`;
  return typeof key === 'number' ? `an entry of ${named}` : named;
}

/** A field name in words: `existingId` → `existing id`. */
function words(field: string): string {
  return field.replace(/[A-Z]/g, (letter) => ` ${letter.toLowerCase()}`);
}

/** One rule on a subject: its condition, what the value must do for it (`be 1 to 64 characters`), and a value of the variable it rejects. */
interface Rule {
  readonly condition: string;
  readonly must: string;
  readonly rejects: unknown;
}

/**
 * The one wording of the module's validation messages, in the words of the module's user: the
 * variable they set, the argument it fills (when it is part of it, or fills others too), and the
 * rule. `entries` when the rule is on each entry of a list or each value of a map:
 * - `role_name must be 1 to 64 characters.`
 * - `role_name, the instance profile's name, must be 1 to 128 characters.` (it fills the role's name too)
 * - `bucket_name is part of the IAM policy's description ("Write to ${var.bucket_name}"), which must be at most 1000 characters.`
 * - `Every entry of security_group_ids must be a security group id like "sg-0123456789abcdef0".`
 * The template is the argument's expression in the module's `main.tf`; the stack writes the
 * message as literal text (`$${`), so Terraform prints it and never evaluates it.
 */
export function ruleMessage(subject: RuleSubject, must: string, entries?: 'entry' | 'value'): string {
  const named = entries ? `Every ${entries} of ${subject.variable}` : subject.variable;
  if (subject.part) {
    const field = subject.argument ? `${subject.argument} (${subject.expression})` : subject.expression;
    return `${named} is part of ${field}, which must ${must}.`;
  }
  return subject.argument && subject.fillsOthers ? `${named}, ${subject.argument}, must ${must}.` : `${named} must ${must}.`;
}

/** Characters that break most patterns; the first one a pattern rejects is the rejected example. */
const PATTERN_BREAKERS = ['!', ' ', '#', '{', 'UPPER', '-', '.', '/'];

/** Validations of a string field's rules (lengths, pattern). */
export function stringValidations(rules: StringSchema['rules'], subject: RuleSubject): ModuleValidation[] {
  return stringRules(rules, subject).map(({ condition, must, rejects }) => ({ condition, message: ruleMessage(subject, must), rejects }));
}

/** The rules of a string field (lengths, pattern), each with a candidate of the variable that makes the field's value break it. */
function stringRules(rules: StringSchema['rules'], subject: RuleSubject): Rule[] {
  const { minLength, maxLength, pattern, patternText } = rules;
  const out: Rule[] = [];
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
    if (bounds.length && rejects !== undefined) out.push({ condition: guard(bounds.join(' && ')), must: lengthRule(minLength, maxLength), rejects });
  }
  if (pattern) {
    const rejects = PATTERN_BREAKERS.find((candidate) => {
      const value = subject.valueFor(candidate);
      return lengthOk(value) && !pattern.test(value);
    });
    if (rejects !== undefined) {
      out.push({
        condition: guard(`can(regex(${hclString(pattern.source)}, ${subject.expression}))`),
        must: patternText ? `be ${patternText}` : `match the regular expression ${pattern.source}`,
        rejects,
      });
    }
  }
  return out;
}

/** What a length rule asks: `be 1 to 64 characters`, `be at most 1000 characters`, `not be empty`. */
function lengthRule(minLength: number | undefined, maxLength: number | undefined): string {
  if (maxLength === undefined) return minLength === 1 ? 'not be empty' : `be at least ${minLength} characters`;
  return `be ${minLength ? `${minLength} to ${maxLength}` : `at most ${maxLength}`} characters`;
}

/** Validations of any field a whole variable fills: a string, a number, an enumeration, a list or a map of strings. */
export function fieldValidations(schema: Schema<unknown> | undefined, subject: RuleSubject): ModuleValidation[] {
  const variable = `var.${subject.variable}`;
  const guard = (condition: string) => (subject.nullable ? nullOr(variable, condition) : condition);
  const phrased = (rules: Rule[], entries?: 'entry' | 'value') =>
    rules.map(({ condition, must, rejects }) => ({ condition, message: ruleMessage(subject, must, entries), rejects }));
  if (schema instanceof StringSchema) return stringValidations(schema.rules, subject);
  if (schema instanceof EnumSchema) {
    const must = `be one of ${schema.values.map((value) => JSON.stringify(value)).join(', ')}`;
    return phrased([{ condition: guard(`contains(${hclList(schema.values)}, ${variable})`), must, rejects: 'not-one-of-them' }]);
  }
  if (schema instanceof IntegerSchema) {
    const { min, max } = schema;
    const bounds = [min !== undefined ? `${variable} >= ${min}` : '', max !== undefined ? `${variable} <= ${max}` : ''].filter(Boolean);
    if (!bounds.length) return [];
    const must = min === undefined ? `be at most ${max}` : max === undefined ? `be at least ${min}` : `be from ${min} to ${max}`;
    return phrased([{ condition: guard(bounds.join(' && ')), must, rejects: max !== undefined ? max + 1 : min! - 1 }]);
  }
  const each = (items: string, item: Schema<unknown>, entries: 'entry' | 'value') => {
    if (!(item instanceof StringSchema)) return [];
    const element = { variable: 'item', expression: 'item', part: false, nullable: false, valueFor: (candidate: string) => candidate };
    const rules = stringRules(item.rules, element).map((rule) => ({
      condition: guard(`alltrue([for item in ${items} : ${rule.condition}])`),
      must: rule.must,
      rejects: entries === 'value' ? { key: rule.rejects } : [rule.rejects],
    }));
    return phrased(rules, entries);
  };
  if (schema instanceof ArraySchema) return each(variable, schema.item as Schema<unknown>, 'entry');
  if (schema instanceof RecordSchema) return each(`values(${variable})`, schema.value as Schema<unknown>, 'value');
  return [];
}

/** The condition for a value that may be null: Terraform evaluates both sides of `||`, so the test on the value sits behind a conditional. */
function nullOr(variable: string, condition: string): string {
  return `${variable} == null ? true : ${condition}`;
}

function hclList(values: readonly string[]): string {
  return `[${values.map(hclString).join(', ')}]`;
}
