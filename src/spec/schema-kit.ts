/**
 * A small, dependency-free schema kit: one declaration gives the TypeScript type,
 * the validator (with defaults applied) and the published JSON Schema.
 *
 * The spec is validated on every synth, so this stays cheap to load.
 *
 * Two kinds of problem: a value of the wrong type (or a missing required field) makes its
 * parent unusable and `parse` returns `undefined`; a value of the right type that breaks a
 * limit (length, pattern, range) or an unknown field is recorded but the value is kept, so that
 * later checks still run and every problem of a spec is reported in one go.
 */
import { closest } from '../text/closest';
import { isPlainObject } from '../text/plain-object';

/** One problem found in a value, located by its field path. */
export interface SchemaIssue {
  /** Path segments from the document root, e.g. `["profiles", 0, "role", "name"]`. */
  readonly path: ReadonlyArray<string | number>;
  /** What is wrong, what was given and what is allowed. */
  readonly message: string;
  /** Locate it at the field's key, not its value (an unknown field). @default - at the value */
  readonly at?: 'key';
}

/** JSON Schema fragment (draft 2020-12). */
export type JsonSchema = { [key: string]: unknown };

type Path = ReadonlyArray<string | number>;

/** A schema node: checks and normalizes a value, and describes itself as JSON Schema. */
export abstract class Schema<T> {
  /** Phantom field carrying the value type. */
  declare readonly _type: T;
  description?: string;

  /** Returns the value with defaults applied, or `undefined` after recording issues. */
  abstract parse(value: unknown, path: Path, issues: SchemaIssue[]): T | undefined;
  abstract jsonSchema(): JsonSchema;

  /** Sets the description shown in the JSON Schema and the README. */
  describe(description: string): this {
    this.description = description;
    return this;
  }

  /** Makes the field optional; a missing value stays `undefined`. */
  optional(): Optional<T> {
    return new Optional(this);
  }

  /** Makes the field optional with a default used when it is missing. */
  default(value: T): Defaulted<T> {
    return new Defaulted(this, value);
  }

  protected withDescription(schema: JsonSchema): JsonSchema {
    return this.description ? { description: this.description, ...schema } : schema;
  }
}

/** The value type a schema produces. */
export type Infer<S> = S extends Schema<infer T> ? T : never;

/**
 * Describes a value for an error message: its JSON type and a short rendering. A date is not a
 * JSON type: YAML makes one of an unquoted timestamp (`2012-10-17` under `%YAML 1.1`, or tagged
 * `!!timestamp`), so the description says so and how to quote it.
 */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Object.prototype.toString.call(value) === '[object Date]') {
    const time = (value as Date).getTime();
    if (Number.isNaN(time)) return 'an invalid date/timestamp (YAML reads an unquoted timestamp as a date, not text; quote it)';
    const text = new Date(time)
      .toISOString()
      .replace(/T00:00:00\.000Z$/, '')
      .replace(/\.000Z$/, 'Z');
    return `the date/timestamp ${text}, not text (YAML reads an unquoted timestamp as a date; quote it: "${text}")`;
  }
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `"${value.length > 100 ? value.slice(0, 97) + '...' : value}"`;
  return `${typeof value} ${String(value)}`;
}

export class Optional<T> extends Schema<T | undefined> {
  private documentedDefault?: T;

  constructor(readonly inner: Schema<T>) {
    super();
    this.description = inner.description;
  }
  /**
   * Documents the default that the consumer applies when the field is absent, without filling
   * it in: the consumer can still tell "not set" from "set to the default".
   */
  appliedDefault(value: T): this {
    this.documentedDefault = value;
    return this;
  }
  /** The default documented with {@link appliedDefault}, for the consumer that applies it. @default - none documented */
  get appliedDefaultValue(): T | undefined {
    return this.documentedDefault;
  }
  parse(value: unknown, path: Path, issues: SchemaIssue[]): T | undefined {
    return value === undefined ? undefined : this.inner.parse(value, path, issues);
  }
  jsonSchema(): JsonSchema {
    const schema = withoutDescription(this.inner.jsonSchema());
    return this.withDescription(this.documentedDefault === undefined ? schema : { ...schema, default: this.documentedDefault });
  }
}

export class Defaulted<T> extends Schema<T> {
  constructor(
    readonly inner: Schema<T>,
    readonly defaultValue: T,
  ) {
    super();
    this.description = inner.description;
  }
  parse(value: unknown, path: Path, issues: SchemaIssue[]): T | undefined {
    if (value === undefined)
      return this.defaultValue !== null && typeof this.defaultValue === 'object' ? structuredClone(this.defaultValue) : this.defaultValue;
    return this.inner.parse(value, path, issues);
  }
  jsonSchema(): JsonSchema {
    return this.withDescription({ ...withoutDescription(this.inner.jsonSchema()), default: this.defaultValue });
  }
}

function withoutDescription(schema: JsonSchema): JsonSchema {
  const { description: _ignored, ...rest } = schema;
  return rest;
}

/** Options for a string field. */
export interface StringRules {
  /** Regular expression the whole value must match. */
  readonly pattern?: RegExp;
  /** Explains the pattern in words, for error messages. */
  readonly patternText?: string;
  readonly minLength?: number;
  readonly maxLength?: number;
  /** Why a value that breaks the pattern breaks it (`uppercase letters are not allowed`), for the message. */
  readonly explain?: (value: string) => string | undefined;
  /** Refuse Terraform template sequences (`${`, `%{`) in the value, for this reason (where Terraform takes no templates). @default - allowed (written literally) */
  readonly noTemplates?: string;
}

/** For a number or boolean where text is expected: how to write it as text in YAML. */
function quoteHint(value: unknown, path: Path): string {
  if (typeof value !== 'number' && typeof value !== 'boolean') return '';
  const field = path.length ? String(path[path.length - 1]) : 'the value';
  const digits = typeof value === 'number' ? ', and drops leading zeros' : '';
  return `; quote it, as in ${field}: "${String(value)}" (unquoted, YAML reads it as a ${typeof value}${digits})`;
}

export class StringSchema extends Schema<string> {
  constructor(readonly rules: StringRules = {}) {
    super();
  }
  parse(value: unknown, path: Path, issues: SchemaIssue[]): string | undefined {
    if (typeof value !== 'string') {
      issues.push({ path, message: `expected a string, got ${describeValue(value)}${quoteHint(value, path)}` });
      return undefined;
    }
    const { pattern, patternText, minLength, maxLength } = this.rules;
    if (minLength !== undefined && value.length < minLength) {
      issues.push({ path, message: `${describeValue(value)} is ${value.length} characters; at least ${minLength} required` });
    } else if (maxLength !== undefined && value.length > maxLength) {
      issues.push({ path, message: `${describeValue(value)} is ${value.length} characters; at most ${maxLength} allowed` });
    } else if (this.rules.noTemplates && /[$%]\{/.test(value)) {
      issues.push({ path, message: `${describeValue(value)} has a Terraform template sequence (\${ or %{); ${this.rules.noTemplates}` });
    } else if (pattern && !pattern.test(value)) {
      const why = this.rules.explain?.(value);
      issues.push({ path, message: `${describeValue(value)} is not ${patternText ?? `matching ${pattern.source}`}${why ? `: ${why}` : ''}` });
    }
    return value;
  }
  jsonSchema(): JsonSchema {
    const { pattern, minLength, maxLength } = this.rules;
    return this.withDescription({
      type: 'string',
      ...(pattern ? { pattern: pattern.source } : {}),
      ...(minLength !== undefined ? { minLength } : {}),
      ...(maxLength !== undefined ? { maxLength } : {}),
    });
  }
}

export class EnumSchema<T extends string> extends Schema<T> {
  constructor(readonly values: readonly T[]) {
    super();
  }
  parse(value: unknown, path: Path, issues: SchemaIssue[]): T | undefined {
    if (typeof value === 'string' && (this.values as readonly string[]).includes(value)) return value as T;
    issues.push({ path, message: `${describeValue(value)} is not one of ${this.values.map((v) => `"${v}"`).join(', ')}` });
    return undefined;
  }
  jsonSchema(): JsonSchema {
    return this.withDescription({ type: 'string', enum: [...this.values] });
  }
}

export class IntegerSchema extends Schema<number> {
  constructor(
    readonly min?: number,
    readonly max?: number,
  ) {
    super();
  }
  parse(value: unknown, path: Path, issues: SchemaIssue[]): number | undefined {
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      issues.push({ path, message: `expected a whole number, got ${describeValue(value)}` });
      return undefined;
    }
    if ((this.min !== undefined && value < this.min) || (this.max !== undefined && value > this.max)) {
      const allowed =
        this.min !== undefined && this.min === this.max ? `the only value allowed is ${this.min}` : `allowed ${this.min ?? '-∞'} to ${this.max ?? '∞'}`;
      issues.push({ path, message: `${value} is out of range; ${allowed}` });
    }
    return value;
  }
  jsonSchema(): JsonSchema {
    return this.withDescription({
      type: 'integer',
      ...(this.min !== undefined ? { minimum: this.min } : {}),
      ...(this.max !== undefined ? { maximum: this.max } : {}),
    });
  }
}

export class BooleanSchema extends Schema<boolean> {
  parse(value: unknown, path: Path, issues: SchemaIssue[]): boolean | undefined {
    if (typeof value === 'boolean') return value;
    issues.push({ path, message: `expected true or false, got ${describeValue(value)}` });
    return undefined;
  }
  jsonSchema(): JsonSchema {
    return this.withDescription({ type: 'boolean' });
  }
}

export class ArraySchema<T> extends Schema<T[]> {
  constructor(
    readonly item: Schema<T>,
    readonly minItems = 0,
  ) {
    super();
  }
  parse(value: unknown, path: Path, issues: SchemaIssue[]): T[] | undefined {
    if (!Array.isArray(value)) {
      issues.push({ path, message: `expected a list, got ${describeValue(value)}` });
      return undefined;
    }
    if (value.length < this.minItems) {
      issues.push({ path, message: `has ${value.length} entries; at least ${this.minItems} required` });
      return undefined;
    }
    const parsed = value.map((item, index) => this.item.parse(item, [...path, index], issues));
    return parsed.every((item) => item !== undefined) ? (parsed as T[]) : undefined;
  }
  jsonSchema(): JsonSchema {
    return this.withDescription({
      type: 'array',
      items: this.item.jsonSchema(),
      ...(this.minItems ? { minItems: this.minItems } : {}),
    });
  }
}

export class RecordSchema<T> extends Schema<Record<string, T>> {
  constructor(
    readonly value: Schema<T>,
    /** Rules for the keys (e.g. names that become folder names); any string when absent. */
    readonly keys?: StringSchema,
  ) {
    super();
  }
  parse(value: unknown, path: Path, issues: SchemaIssue[]): Record<string, T> | undefined {
    if (!isPlainObject(value)) {
      issues.push({ path, message: `expected a mapping, got ${describeValue(value)}` });
      return undefined;
    }
    const result: Record<string, T> = {};
    let usable = true;
    for (const [key, item] of Object.entries(value)) {
      const keyIssues: SchemaIssue[] = [];
      this.keys?.parse(key, [...path, key], keyIssues);
      issues.push(...keyIssues.map((issue) => ({ ...issue, message: `the name ${issue.message}` })));
      if (keyIssues.length) usable = false;
      const parsed = this.value.parse(item, [...path, key], issues);
      if (parsed === undefined) usable = false;
      else result[key] = parsed;
    }
    return usable ? result : undefined;
  }
  jsonSchema(): JsonSchema {
    const keys = this.keys && withoutDescription(this.keys.jsonSchema());
    return this.withDescription({ type: 'object', ...(keys ? { propertyNames: keys } : {}), additionalProperties: this.value.jsonSchema() });
  }
}

/** Any JSON mapping, kept as given (policy documents are checked by their own rules). */
export class JsonObjectSchema extends Schema<Record<string, unknown>> {
  parse(value: unknown, path: Path, issues: SchemaIssue[]): Record<string, unknown> | undefined {
    if (isPlainObject(value)) return value;
    issues.push({ path, message: `expected a mapping, got ${describeValue(value)}` });
    return undefined;
  }
  jsonSchema(): JsonSchema {
    return this.withDescription({ type: 'object' });
  }
}

/** Any JSON value, kept as given (a module variable's default, checked against its declared type). */
export class JsonValueSchema extends Schema<unknown> {
  parse(value: unknown): unknown {
    return value;
  }
  jsonSchema(): JsonSchema {
    return this.withDescription({});
  }
}

type Shape = Record<string, Schema<unknown>>;
type OptionalKeys<S extends Shape> = { [K in keyof S]: undefined extends Infer<S[K]> ? K : never }[keyof S];
type RequiredKeys<S extends Shape> = Exclude<keyof S, OptionalKeys<S>>;
/** The object type of a shape: optional fields become optional properties. */
export type InferShape<S extends Shape> = { readonly [K in RequiredKeys<S>]: Infer<S[K]> } & {
  readonly [K in OptionalKeys<S>]?: Infer<S[K]>;
};

export class ObjectSchema<S extends Shape> extends Schema<InferShape<S>> {
  constructor(readonly shape: S) {
    super();
  }
  parse(value: unknown, path: Path, issues: SchemaIssue[]): InferShape<S> | undefined {
    if (!isPlainObject(value)) {
      issues.push({ path, message: `expected a mapping, got ${describeValue(value)}` });
      return undefined;
    }
    let usable = true;
    const { known, knownSet, fields } = this.fields();
    for (const key of Object.keys(value)) {
      if (!knownSet.has(key)) {
        const hint = closest(key, known);
        const home = hint ? undefined : this.fieldHome(key);
        const advice = hint ? ` (did you mean "${hint}"?)` : home ? `: it belongs under "${home}" (indent it there)` : '';
        issues.push({ path: [...path, key], message: `unknown field "${key}"${advice}; allowed here: ${known.join(', ')}`, at: 'key' });
      }
    }
    const result: Record<string, unknown> = {};
    for (const [key, schema] of fields) {
      const fieldValue = value[key];
      if (fieldValue === undefined && !(schema instanceof Optional) && !(schema instanceof Defaulted)) {
        issues.push({ path: [...path, key], message: 'is required' });
        usable = false;
        continue;
      }
      // A field left out is not read, so it needs no path of its own.
      const parsed = schema.parse(fieldValue, fieldValue === undefined ? path : [...path, key], issues);
      if (parsed !== undefined) result[key] = parsed;
      else if (fieldValue !== undefined) usable = false;
    }
    return usable ? (result as InferShape<S>) : undefined;
  }
  private fieldList?: { readonly known: readonly string[]; readonly knownSet: ReadonlySet<string>; readonly fields: ReadonlyArray<[string, Schema<unknown>]> };

  /** The shape's fields, listed once per schema (a fleet's items are each parsed with it). */
  private fields(): NonNullable<ObjectSchema<S>['fieldList']> {
    if (!this.fieldList) {
      const known = Object.keys(this.shape);
      this.fieldList = { known, knownSet: new Set(known), fields: Object.entries(this.shape) };
    }
    return this.fieldList;
  }

  /** The field of this object (`instance`) whose own fields include `key`, for a key written one level too high. */
  private fieldHome(key: string): string | undefined {
    for (const [name, schema] of Object.entries(this.shape)) {
      let inner: Schema<unknown> = schema as Schema<unknown>;
      while (inner instanceof Optional || inner instanceof Defaulted) inner = inner.inner as Schema<unknown>;
      if (inner instanceof ArraySchema) inner = inner.item as Schema<unknown>;
      if (inner instanceof ObjectSchema && key in inner.shape) return name;
    }
    return undefined;
  }

  jsonSchema(): JsonSchema {
    const properties: Record<string, JsonSchema> = {};
    const required: string[] = [];
    for (const [key, schema] of Object.entries(this.shape)) {
      properties[key] = schema.jsonSchema();
      if (!(schema instanceof Optional) && !(schema instanceof Defaulted)) required.push(key);
    }
    return this.withDescription({
      type: 'object',
      properties,
      ...(required.length ? { required } : {}),
      additionalProperties: false,
    });
  }
}

/** A value that must match one of several schemas, chosen by a test on the raw value. */
export class EitherSchema<A, B> extends Schema<A | B> {
  constructor(
    readonly first: Schema<A>,
    readonly second: Schema<B>,
    readonly isFirst: (value: unknown) => boolean,
  ) {
    super();
  }
  parse(value: unknown, path: Path, issues: SchemaIssue[]): A | B | undefined {
    return this.isFirst(value) ? this.first.parse(value, path, issues) : this.second.parse(value, path, issues);
  }
  jsonSchema(): JsonSchema {
    return this.withDescription({ oneOf: [this.first.jsonSchema(), this.second.jsonSchema()] });
  }
}

/** One of several mapping schemas, chosen by the value of a tag field (e.g. `type: s3`). */
export class TaggedSchema<V> extends Schema<V> {
  constructor(
    readonly tag: string,
    readonly variants: Readonly<Record<string, Schema<V>>>,
    readonly defaultTag: string,
  ) {
    super();
  }
  parse(value: unknown, path: Path, issues: SchemaIssue[]): V | undefined {
    if (!isPlainObject(value)) {
      issues.push({ path, message: `expected a mapping, got ${describeValue(value)}` });
      return undefined;
    }
    const tag = value[this.tag] ?? this.defaultTag;
    const variant = typeof tag === 'string' ? this.variants[tag] : undefined;
    if (!variant) {
      const allowed = Object.keys(this.variants)
        .map((name) => `"${name}"`)
        .join(', ');
      issues.push({ path: [...path, this.tag], message: `${describeValue(tag)} is not one of ${allowed}` });
      return undefined;
    }
    return variant.parse({ ...value, [this.tag]: tag }, path, issues);
  }
  jsonSchema(): JsonSchema {
    return this.withDescription({
      oneOf: Object.entries(this.variants).map(([name, variant]) => {
        const schema = variant.jsonSchema();
        const required = ((schema.required ?? []) as string[]).filter((field) => field !== this.tag);
        return {
          ...schema,
          ...(name === this.defaultTag ? {} : { required: [this.tag, ...required] }),
        };
      }),
    });
  }
}

/** Builders, named after the JSON types they accept. */
export const s = {
  string: (rules?: StringRules) => new StringSchema(rules),
  enum: <T extends string>(...values: T[]) => new EnumSchema<T>(values),
  integer: (min?: number, max?: number) => new IntegerSchema(min, max),
  boolean: () => new BooleanSchema(),
  array: <T>(item: Schema<T>, minItems?: number) => new ArraySchema(item, minItems),
  record: <T>(value: Schema<T>, keys?: StringSchema) => new RecordSchema(value, keys),
  jsonObject: () => new JsonObjectSchema(),
  json: () => new JsonValueSchema(),
  object: <S extends Shape>(shape: S) => new ObjectSchema(shape),
  either: <A, B>(first: Schema<A>, second: Schema<B>, isFirst: (value: unknown) => boolean) => new EitherSchema(first, second, isFirst),
  tagged: <M extends Record<string, Schema<unknown>>>(tag: string, variants: M, defaultTag: keyof M & string) =>
    new TaggedSchema<Infer<M[keyof M]>>(tag, variants as Record<string, Schema<Infer<M[keyof M]>>>, defaultTag),
};
