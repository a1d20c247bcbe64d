/**
 * Builds the typed model of one resource from its argument values, as both a configuration
 * (after interpolation) and a plan (`planned_values`) give them: snake_case arguments, nested
 * blocks as an object or a one-element list, and {@link UnknownValue}s where a value is known
 * only after apply. Policy documents given as JSON strings are parsed. A resource's own `region`
 * (AWS provider 6.x) is read for every type.
 */
import { type ManagedResourceKind, RESOURCE_KINDS } from '../resource-kinds';
import { argumentEntries, type ArgumentField, type BlockField, isBlockField, modelKeyOf, type ValueReading } from '../resource-kinds/resource-kind';
import type { PolicyDocument } from '../spec/model';
import { isUnknown, type Planned, type ProviderSettings, type ReadValues, type StackResource, type UnknownValue } from './stack-model';

/** What a resource's values do not say themselves. */
export interface ResourceSetting {
  readonly provider: ProviderSettings;
  readonly importId?: string;
  readonly ignoreChanges: readonly string[];
}

/** How the stack model reads one argument: into which key, with which reader, or as a block of its own arguments. */
interface ArgumentReader {
  readonly key: string;
  readonly argument: string;
  readonly read?: (value: unknown) => unknown;
  readonly block?: readonly ArgumentReader[];
}

/** The readers of each modelled type's arguments, made from its descriptor on first use. */
let readersByType: ReadonlyMap<string, readonly ArgumentReader[]> | undefined;

function readersOf(type: string): readonly ArgumentReader[] | undefined {
  readersByType ??= new Map(RESOURCE_KINDS.map((kind: ManagedResourceKind) => [kind.type, argumentReaders(argumentEntries(kind))]));
  return readersByType.get(type);
}

function argumentReaders(entries: ReadonlyArray<ArgumentField | BlockField>): ArgumentReader[] {
  return entries.flatMap((entry): ArgumentReader[] => {
    if (isBlockField(entry)) return [{ key: modelKeyOf(entry), argument: entry.argument, block: argumentReaders(Object.values(entry.fields)) }];
    return entry.read ? [{ key: modelKeyOf(entry), argument: entry.argument, read: READERS[entry.read] }] : [];
  });
}

/** The model of a resource of a modelled type, or `undefined` for any other type. */
export function buildResource(type: string, address: string, values: Readonly<Record<string, unknown>>, setting: ResourceSetting): StackResource | undefined {
  const readers = readersOf(type);
  if (!readers) return undefined;
  const tags = stringRecord(values.tags);
  const tagsAll = values.tags_all !== undefined && !isUnknown(values.tags_all) ? stringRecord(values.tags_all) : { ...setting.provider.defaultTags, ...tags };
  const region = ownRegionOf(values);
  const resource: Record<string, unknown> = { address, importId: setting.importId, ignoreChanges: setting.ignoreChanges, tags, tagsAll };
  if (region !== undefined) resource.region = region;
  resource.type = type;
  readArguments(readers, values, resource);
  return resource as unknown as StackResource;
}

/** Sets the arguments the readers read from `values` on `model`, by their model names; a block is the model of its own arguments (absent when not set). */
function readArguments(readers: readonly ArgumentReader[], values: Readonly<Record<string, unknown>>, model: Record<string, unknown>): Record<string, unknown> {
  for (const reader of readers) {
    if (reader.block) {
      const nested = block(values[reader.argument]);
      model[reader.key] = nested && readArguments(reader.block, nested, {});
    } else model[reader.key] = reader.read!(values[reader.argument]);
  }
  return model;
}

/** How each {@link ValueReading} reads a value. */
const READERS: { readonly [R in ValueReading]: (value: unknown) => ReadValues[R] } = {
  plannedString,
  optionalString,
  knownString,
  knownBoolean,
  knownNumber: (value) => (typeof value === 'number' ? value : undefined),
  document: plannedDocument,
  iamPath: pathOf,
  plannedStrings: (value) => (Array.isArray(value) ? value.map(plannedString) : []),
};

/** A policy document argument: a JSON string (what `jsonencode` gives), an object, or unknown. */
function plannedDocument(value: unknown): Planned<PolicyDocument> {
  if (isUnknown(value)) return value;
  if (value && typeof value === 'object' && !Array.isArray(value)) return value as PolicyDocument;
  if (typeof value === 'string') {
    try {
      const parsed: unknown = JSON.parse(value);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as PolicyDocument;
    } catch {
      // not JSON: an expression this model cannot evaluate
    }
  }
  return { unknown: true };
}

function plannedString(value: unknown): Planned<string> {
  if (isUnknown(value)) return value;
  return typeof value === 'string' ? value : unknownValue();
}

function optionalString(value: unknown): Planned<string> | undefined {
  return value === undefined || value === null || value === '' ? undefined : plannedString(value);
}

function knownString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function knownBoolean(value: unknown): boolean | undefined {
  return typeof value === 'boolean' ? value : undefined;
}

function pathOf(value: unknown): string {
  return typeof value === 'string' ? value : '/';
}

/**
 * The resource's own `region` (every regional resource of the AWS provider 6.x has one: a plan
 * holds the provider's region there unless the resource sets its own), when it is a known,
 * non-empty string; `undefined` otherwise (a 5.x resource, an IAM resource, a value known only
 * after apply).
 */
export function ownRegionOf(values: Readonly<Record<string, unknown>>): string | undefined {
  const region = values.region;
  return typeof region === 'string' && region !== '' ? region : undefined;
}

/** A nested block as Terraform writes it: an object, or a list of one object. */
export function block(value: unknown): Record<string, unknown> | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return first && typeof first === 'object' && !isUnknown(first) ? (first as Record<string, unknown>) : undefined;
}

/** The string entries of a mapping (other entries dropped). */
export function stringRecord(value: unknown): Record<string, string> {
  if (!value || typeof value !== 'object' || Array.isArray(value) || isUnknown(value)) return {};
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

function unknownValue(): UnknownValue {
  return { unknown: true };
}
