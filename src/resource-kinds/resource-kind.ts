/**
 * What a resource kind declares, once for its Terraform type: the type, its diagram label, its
 * import id, which spec field sets which argument, and how the stack model reads the arguments
 * back. The constructs, the origins of findings, the stack-model reader, the checks' view of an
 * instance, the diagram and the module derive their lists from the descriptors in this folder
 * instead of writing them again.
 */
import { type InferShape, ObjectSchema, Optional, type Schema } from '../spec/schema-kit';
import { isPlainObject } from '../text/plain-object';

/**
 * How the stack-model reader reads an argument's value (`stack-model/resource-values.ts` holds
 * one reader for each): `plannedString` a string or a value known only after apply;
 * `optionalString` the same, absent when not set or empty; `knownString`, `knownBoolean`,
 * `knownNumber` a value known before apply, else absent; `document` a policy document (a JSON
 * string or an object); `iamPath` an IAM path, "/" when not set; `plannedStrings` a list of
 * planned strings, empty when not a list.
 */
export type ValueReading = 'plannedString' | 'optionalString' | 'knownString' | 'knownBoolean' | 'knownNumber' | 'document' | 'iamPath' | 'plannedStrings';

/** A module input a spec field becomes when a generated module leaves the field open. */
export interface ModuleInputField {
  /** The input's name; prefixed with the profile's Terraform name when the module has several profiles. */
  readonly name: string;
  /** Its description, given the name of what it belongs to (the policy, the role, the instance profile of an instance). */
  readonly describe: (owner: string) => string;
  /** For an instance's field: an input of an instance the module launches, or of one it adopts. @default "launched" */
  readonly instance?: 'launched' | 'adopted';
}

/** A spec field that sets one Terraform argument; or, among a kind's `reads`, an argument the stack model reads that no spec field sets. */
export interface ArgumentField {
  /** The Terraform argument (snake_case, as in the provider's documentation). */
  readonly argument: string;
  /** How the stack model reads it back. @default - the stack model does not read it */
  readonly read?: ValueReading;
  /** Its name in the stack model. @default - the argument in camelCase: `instance_type` → `instanceType` */
  readonly modelKey?: string;
  /** What AWS does when a managed argument is not set, where that is fixed: the checks see that value. @default - not set stays not set */
  readonly unsetMeans?: boolean | number | string;
  /** A plan of AWS provider 5.x holds only a hash of its value (`user_data`; 6.x holds the text): the plan reader takes the text from the plan when it is not a hash, else from the configuration. @default false */
  readonly hashedInPlan?: boolean;
  /** Findings about the argument point at the field only when the spec sets it (else the construct sets the argument itself). @default false */
  readonly originOnlyWhenSet?: boolean;
  /** The module input the field becomes when a generated module leaves it open. @default - none */
  readonly moduleInput?: ModuleInputField;
}

/** A spec field that is a nested block of arguments (`rootVolume` → `root_block_device`). */
export interface BlockField {
  /** The block's Terraform argument. */
  readonly argument: string;
  /** Its fields, by their spec names. */
  readonly fields: Readonly<Record<string, ArgumentField>>;
}

/** A spec field that sets no argument by itself: its construct uses it (an import id, a lifecycle setting, a tag). */
export interface ConstructField {
  readonly argument?: undefined;
  /** The module input the field becomes when a generated module leaves it open. @default - none */
  readonly moduleInput?: ModuleInputField;
}

/** What one spec field is to its resource. */
export type FieldEntry = ArgumentField | BlockField | ConstructField;

/** A descriptor's table of the fields of a spec object: an entry for each of its fields, and no other. */
export type FieldTable<Spec, Entry = FieldEntry> = { readonly [K in keyof Required<Spec>]: Entry };

/**
 * The Terraform side of a table of fields declared with their schemas (`spec/instance-fields.ts`):
 * each entry without its `schema`, a nested block's fields too. The field names, their order and
 * their doc comments are the table's.
 */
export type TerraformSide<Table> = {
  readonly [F in keyof Table]: Table[F] extends { readonly fields: infer Nested }
    ? Omit<Table[F], 'schema' | 'fields'> & { readonly fields: TerraformSide<Nested> }
    : Omit<Table[F], 'schema'>;
};

/** See {@link TerraformSide}. */
export function terraformSide<Table extends Readonly<Record<string, { readonly schema: unknown }>>>(table: Table): TerraformSide<Table> {
  const side: Record<string, unknown> = {};
  for (const [field, { schema: _schema, ...entry }] of Object.entries(table)) {
    const nested = (entry as { readonly fields?: Readonly<Record<string, { readonly schema: unknown }>> }).fields;
    side[field] = nested ? { ...entry, fields: terraformSide(nested) } : entry;
  }
  return side as TerraformSide<Table>;
}

/**
 * The construct props of a table's fields that set arguments: each typed as its spec field
 * (read-only), a nested block as the props of its own fields. Their doc comments are the
 * table's.
 */
export type FieldProps<Fields, Spec> = {
  readonly [F in keyof Fields]?: F extends keyof Spec
    ? Fields[F] extends { readonly fields: infer Nested }
      ? FieldProps<Nested, NonNullable<Spec[F]>>
      : ReadonlyProp<NonNullable<Spec[F]>>
    : never;
};

/** A prop's type: a list or a mapping read-only, anything else as it is. */
type ReadonlyProp<T> = T extends ReadonlyArray<infer Item> ? readonly Item[] : T extends object ? Readonly<T> : T;

/** One Terraform resource type, as the whole project knows it. */
export interface ResourceKind {
  /** The Terraform resource type: `aws_iam_role`. */
  readonly type: string;
  /** What the diagram calls it. */
  readonly label: string;
  /** The spec fields of the object the resource is built from (a policy, `role`, `instance`), by name. */
  readonly fields: Readonly<Record<string, FieldEntry>>;
  /** Arguments the stack model reads that no spec field sets (references, what the construct sets itself). */
  readonly reads: Readonly<Record<string, ArgumentField | BlockField>>;
  /** The id an `import` block takes for it, as the AWS provider documents it. */
  readonly importId: (...parts: never[]) => string;
}

/** A Terraform argument in camelCase, as cdktf's config objects name it: `vpc_security_group_ids` → `vpcSecurityGroupIds`. */
export type CamelCase<S extends string> = S extends `${infer Head}_${infer Tail}` ? `${Head}${Capitalize<CamelCase<Tail>>}` : S;

/** See {@link CamelCase}. */
export function camelCase<S extends string>(argument: S): CamelCase<S> {
  return argument.replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase()) as CamelCase<S>;
}

/** Whether a field is a nested block of arguments. */
export function isBlockField(entry: FieldEntry): entry is BlockField {
  return 'fields' in entry;
}

/** The name the stack model gives an argument (see {@link ArgumentField.modelKey}); made once per descriptor entry. */
export function modelKeyOf(entry: ArgumentField | BlockField): string {
  let key = modelKeys.get(entry);
  if (key === undefined) modelKeys.set(entry, (key = ('modelKey' in entry && entry.modelKey) || camelCase(entry.argument)));
  return key;
}

const modelKeys = new WeakMap<ArgumentField | BlockField, string>();

/** The fields of a table that set an argument, with their names. */
export function argumentFields(fields: Readonly<Record<string, FieldEntry>>): Array<[string, ArgumentField | BlockField]> {
  return Object.entries(fields).filter((entry): entry is [string, ArgumentField | BlockField] => entry[1].argument !== undefined);
}

/** Every argument entry of a kind: those of its fields, then its other reads (what the stack model reads from). */
export function argumentEntries(kind: ResourceKind): Array<ArgumentField | BlockField> {
  return [...argumentFields(kind.fields).map(([, entry]) => entry), ...Object.values(kind.reads)];
}

/**
 * The spec field of each argument a resource's fields set, by argument path (`root_block_device`
 * and `root_block_device.encrypted`), for the spec object at `path` whose value is `value`.
 */
export function argumentOrigins(
  fields: Readonly<Record<string, FieldEntry>>,
  path: ReadonlyArray<string | number>,
  value: Readonly<Record<string, unknown>>,
): Record<string, ReadonlyArray<string | number>> {
  const origins: Record<string, ReadonlyArray<string | number>> = {};
  for (const [field, entry] of argumentFields(fields)) {
    if (!isBlockField(entry) && entry.originOnlyWhenSet && value[field] === undefined) continue;
    origins[entry.argument] = [...path, field];
    if (!isBlockField(entry)) continue;
    for (const [nested, { argument }] of Object.entries(entry.fields)) origins[`${entry.argument}.${argument}`] = [...path, field, nested];
  }
  return origins;
}

/**
 * The arguments that the fields of `values` set, by their cdktf config keys (an argument in
 * camelCase), with `defaults` for the fields `values` leaves out: a list is copied (an empty one
 * sets nothing), a block is the arguments of its own fields. Fields that set no argument are
 * left to the construct.
 */
export function fieldArguments(
  fields: Readonly<Record<string, FieldEntry>>,
  values: object,
  defaults?: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const config: Record<string, unknown> = {};
  for (const [field, entry] of argumentFields(fields)) {
    const value = (values as Readonly<Record<string, unknown>>)[field] ?? defaults?.[field];
    const nestedDefaults = defaults?.[field] as Readonly<Record<string, unknown>> | undefined;
    config[camelCase(entry.argument)] = isBlockField(entry)
      ? value === undefined
        ? undefined
        : fieldArguments(entry.fields, value as object, nestedDefaults)
      : Array.isArray(value)
        ? value.length
          ? [...value]
          : undefined
        : value;
  }
  return config;
}

/**
 * The defaults the constructs apply where the spec leaves an optional field out, by field: the
 * ones the spec schema documents (`appliedDefault`, from `SECURE_DEFAULTS`), so the schema, the
 * published JSON Schema and what is synthesized say the same.
 */
export function appliedDefaults<S extends Record<string, Schema<unknown>>>(schema: ObjectSchema<S>): Partial<InferShape<S>> {
  const defaults: Record<string, unknown> = {};
  for (const [field, fieldSchema] of Object.entries(schema.shape)) {
    if (!(fieldSchema instanceof Optional)) continue;
    // An optional object's defaults are those of its own fields (`rootVolume.type`).
    const value = fieldSchema.inner instanceof ObjectSchema ? appliedDefaults(fieldSchema.inner) : fieldSchema.appliedDefaultValue;
    if (value !== undefined && !(isPlainObject(value) && !Object.keys(value).length)) defaults[field] = value;
  }
  return defaults as Partial<InferShape<S>>;
}
