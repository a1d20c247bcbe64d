/**
 * Checks Terraform configuration against a provider's schema without the provider: the
 * committed snapshots (./provider-schemas, written by `npm run provider-schemas`) record, for
 * each AWS provider release the generated Terraform declares, every argument and nested block
 * of the types the project writes and which are required. A configuration as cdktf synthesizes
 * it (`resource.<type>.<name>`, `data.<type>.<name>`, `provider.aws`, `//` comments) or as
 * `@cdktf/hcl2json` reads a `.tf` file (every block a list of objects) is checked for
 * arguments and blocks the release does not have, required ones that are missing, and
 * `lifecycle.ignore_changes` entries that name nothing. Pure functions over plain data.
 */
import { closest } from '../text/closest';
import { isPlainObject } from '../text/plain-object';
import { type BlockSchema, PROVIDER_SCHEMA_SNAPSHOTS, type ProviderSchemaSnapshot } from './provider-schemas';

export type { BlockSchema, ProviderSchemaSnapshot } from './provider-schemas';

/** A committed snapshot, with its release's major version. */
export interface KnownProviderSchema extends ProviderSchemaSnapshot {
  /** The major version, `6` for `6.66.0`. */
  readonly major: number;
}

/** Every committed snapshot (AWS provider 5.100.0, 6.25.0, 6.66.0, ...), oldest release first. */
export const AWS_PROVIDER_SCHEMAS: readonly KnownProviderSchema[] = PROVIDER_SCHEMA_SNAPSHOTS.map((snapshot) => ({
  ...snapshot,
  major: Number(snapshot.version.split('.')[0]),
}));

/** What is wrong, by kind: see {@link ProviderSchemaProblem}. */
export type ProviderSchemaProblemKind =
  /** A resource type, data source or provider the snapshot does not hold. */
  | 'unknown-type'
  /** An argument or block the type (or the block) does not have. */
  | 'unknown-argument'
  /** A required argument or block that is not set. */
  | 'missing-required'
  /** A nested block given as something else than an object or a list of objects. */
  | 'not-a-block'
  /** A `lifecycle.ignore_changes` entry that names no argument or block of the type. */
  | 'unknown-ignore-change';

/** One thing the provider release would refuse (or, for ignore_changes, silently never match). */
export interface ProviderSchemaProblem {
  readonly kind: ProviderSchemaProblemKind;
  /** The block it is in: `aws_instance.web`, `data.aws_partition.current`, `provider.aws` (`provider.aws.<alias>`). */
  readonly address: string;
  /** The argument inside it: `cpu_core_count`, `root_block_device.volume_sise`, `lifecycle.ignore_changes[3]`; empty for the type itself. */
  readonly path: string;
  /** The provider release of the snapshot, `6.66.0`. */
  readonly version: string;
  /** One sentence naming the address, the argument and the release, and what to do. */
  readonly message: string;
}

/** Meta-arguments Terraform takes in every resource block; they are not the provider's. */
const RESOURCE_META_ARGUMENTS: ReadonlySet<string> = new Set(['count', 'for_each', 'depends_on', 'lifecycle', 'provider', 'provisioner', 'connection']);
/** Meta-arguments of a data block. */
const DATA_META_ARGUMENTS: ReadonlySet<string> = new Set(['count', 'for_each', 'depends_on', 'lifecycle', 'provider']);
/** Meta-arguments of a provider block. */
const PROVIDER_META_ARGUMENTS: ReadonlySet<string> = new Set(['alias', 'version']);
/** A JSON comment key, which Terraform ignores (cdktf writes its metadata there). */
const COMMENT_KEY = '//';
/** A dynamic block's own arguments beside its `content`. */
const DYNAMIC_ARGUMENTS: ReadonlySet<string> = new Set(['for_each', 'iterator', 'labels', 'content']);

/** Where a block is, for the messages. */
interface Place {
  /** `aws_instance.web`. */
  readonly address: string;
  /** `aws_instance`, `data source aws_partition`, `the provider configuration`, with the block's path for nested ones. */
  readonly owner: string;
  /** The path of the block inside the address, `root_block_device`; empty at the top. */
  readonly path: string;
  readonly version: string;
  /** The top block's schema in another snapshot, to say which releases have what this one lacks. */
  readonly top: (snapshot: ProviderSchemaSnapshot) => BlockSchema | undefined;
}

/**
 * Every problem of a Terraform JSON configuration (a root or a module) for the provider release
 * of `schema`: arguments and blocks the release does not have, missing required ones (nested
 * blocks checked recursively, `dynamic` blocks too), `lifecycle.ignore_changes` entries that
 * name nothing, and resource types, data sources and providers the snapshot does not hold.
 * Terraform's meta-arguments and `//` comments are skipped; module calls are not the
 * provider's (check each module's own files). An empty list when the release accepts it all.
 */
export function checkProviderSchema(config: unknown, schema: ProviderSchemaSnapshot): ProviderSchemaProblem[] {
  const problems: ProviderSchemaProblem[] = [];
  if (!isPlainObject(config)) return problems;
  const version = schema.version;
  for (const [type, name, body] of labelledBodies(config.resource)) {
    const address = `${type}.${name}`;
    const known = schema.resources[type];
    if (!known) {
      problems.push(unknownType(address, version, `resource type ${type}`, Object.keys(schema.resources)));
      continue;
    }
    const place = { address, owner: type, path: '', version, top: (other: ProviderSchemaSnapshot) => other.resources[type] };
    checkBlock(body, known, place, RESOURCE_META_ARGUMENTS, problems);
    checkIgnoreChanges(body.lifecycle, known, place, problems);
  }
  for (const [type, name, body] of labelledBodies(config.data)) {
    const address = `data.${type}.${name}`;
    const known = schema.dataSources[type];
    if (!known) {
      problems.push(unknownType(address, version, `data source ${type}`, Object.keys(schema.dataSources)));
      continue;
    }
    const top = (other: ProviderSchemaSnapshot) => other.dataSources[type];
    checkBlock(body, known, { address, owner: `data source ${type}`, path: '', version, top }, DATA_META_ARGUMENTS, problems);
  }
  const providerName = schema.provider.split('/').pop()!;
  for (const [name, value] of entries(config.provider)) {
    for (const body of bodiesOf(value) ?? []) {
      const alias = typeof body.alias === 'string' ? `.${body.alias}` : '';
      const address = `provider.${name}${alias}`;
      if (name !== providerName) {
        problems.push(unknownType(address, version, `provider ${name}`, [providerName]));
        continue;
      }
      const place = { address, owner: 'the provider configuration', path: '', version, top: (other: ProviderSchemaSnapshot) => other.providerConfig };
      checkBlock(body, schema.providerConfig, place, PROVIDER_META_ARGUMENTS, problems);
    }
  }
  return problems;
}

/** How {@link problemsInAnyRelease} checks. */
export interface AnyReleaseOptions {
  /**
   * Report only what the snapshots know: resource types, data sources and providers they do not
   * hold (another app's `aws_s3_bucket`, another provider) are not checked.
   * @default false
   */
  readonly knownTypesOnly?: boolean;
}

/**
 * The problems of a configuration for any committed release ({@link AWS_PROVIDER_SCHEMAS}): what
 * the generated Terraform must not have, since its constraint admits them all. One problem per
 * block, argument and kind, its message naming every release that has it.
 */
export function problemsInAnyRelease(config: unknown, options: AnyReleaseOptions = {}): ProviderSchemaProblem[] {
  const byPlace = new Map<string, { problem: ProviderSchemaProblem; versions: string[] }>();
  for (const schema of AWS_PROVIDER_SCHEMAS) {
    for (const problem of checkProviderSchema(config, schema)) {
      if (options.knownTypesOnly && problem.kind === 'unknown-type') continue;
      const key = `${problem.kind}\0${problem.address}\0${problem.path}`;
      const seen = byPlace.get(key);
      if (seen) seen.versions.push(problem.version);
      else byPlace.set(key, { problem, versions: [] });
    }
  }
  return [...byPlace.values()].map(({ problem, versions }) =>
    versions.length
      ? { ...problem, message: problem.message.replace(`AWS provider ${problem.version}`, `AWS provider ${[problem.version, ...versions].join(' and ')}`) }
      : problem,
  );
}

/** Generated Terraform that a release the constraint admits would reject: a fault of the generator, never of its input. */
export class UnacceptedTerraformError extends Error {
  constructor(
    what: string,
    readonly problems: readonly ProviderSchemaProblem[],
  ) {
    super(`the generated ${what} has what an AWS provider release it admits rejects:\n  ${problems.map((problem) => problem.message).join('\n  ')}`);
    this.name = 'UnacceptedTerraformError';
  }
}

/** Throws {@link UnacceptedTerraformError} when any committed release rejects the generated configuration `what` (`root s3-write`, `module s3-write`). */
export function assertAcceptedByEveryRelease(config: unknown, what: string): void {
  const problems = problemsInAnyRelease(config);
  if (problems.length) throw new UnacceptedTerraformError(what, problems);
}

/**
 * The snapshot form of one block of `terraform providers schema -json` (a resource's, a data
 * source's or the provider's `block`): its settable attributes (required or optional, not
 * computed-only) as arguments, the required ones with the blocks of `min_items` ≥ 1, and its
 * nested blocks, recursively. What the extraction from the bindings must agree with.
 */
export function blockSchemaOfTerraform(block: TerraformSchemaBlock): BlockSchema {
  const attributes = Object.entries(block.attributes ?? {});
  const blockTypes = Object.entries(block.block_types ?? {});
  return {
    arguments: attributes
      .filter(([, attribute]) => attribute.required || attribute.optional)
      .map(([name]) => name)
      .sort(),
    required: [...attributes.filter(([, attribute]) => attribute.required), ...blockTypes.filter(([, nested]) => (nested.min_items ?? 0) > 0)]
      .map(([name]) => name)
      .sort(),
    blocks: Object.fromEntries(blockTypes.sort(([a], [b]) => (a < b ? -1 : 1)).map(([name, nested]) => [name, blockSchemaOfTerraform(nested.block)])),
  };
}

/** A block as `terraform providers schema -json` prints it (the parts {@link blockSchemaOfTerraform} reads). */
export interface TerraformSchemaBlock {
  readonly attributes?: Readonly<Record<string, { readonly required?: boolean; readonly optional?: boolean; readonly computed?: boolean }>>;
  readonly block_types?: Readonly<Record<string, { readonly block: TerraformSchemaBlock; readonly min_items?: number; readonly nesting_mode?: string }>>;
}

/** Checks one block body against its schema, nested blocks recursively. */
function checkBlock(body: Record<string, unknown>, schema: BlockSchema, place: Place, meta: ReadonlySet<string>, problems: ProviderSchemaProblem[]): void {
  const given = new Set<string>();
  for (const [key, value] of Object.entries(body)) {
    if (key === COMMENT_KEY || meta.has(key)) continue;
    if (key === 'dynamic') {
      for (const name of checkDynamic(value, schema, place, problems)) given.add(name);
      continue;
    }
    const nested = schema.blocks[key];
    if (nested) {
      given.add(key);
      checkNested(value, key, nested, place, problems);
    } else if (schema.arguments.includes(key)) {
      if (value !== null && value !== undefined) given.add(key);
    } else {
      problems.push(unknownArgument(place, key, [...schema.arguments, ...Object.keys(schema.blocks)]));
    }
  }
  for (const name of schema.required) {
    if (given.has(name)) continue;
    const path = join(place.path, name);
    problems.push({
      kind: 'missing-required',
      address: place.address,
      path,
      version: place.version,
      message: `${place.address}: ${path} is required by ${ownerOf(place)} in AWS provider ${place.version} and is not set: set it`,
    });
  }
}

/** A nested block's value: an object, or a list of objects (each checked, with its index when there are several). */
function checkNested(value: unknown, name: string, schema: BlockSchema, place: Place, problems: ProviderSchemaProblem[]): void {
  const bodies = bodiesOf(value);
  const path = join(place.path, name);
  if (!bodies) {
    problems.push({
      kind: 'not-a-block',
      address: place.address,
      path,
      version: place.version,
      message: `${place.address}: ${path} is a block of ${ownerOf(place)} in AWS provider ${place.version}: give it as a block (an object or a list of objects), not as a value`,
    });
    return;
  }
  bodies.forEach((body, i) => checkBlock(body, schema, { ...place, path: bodies.length > 1 ? `${path}[${i}]` : path }, new Set(), problems));
}

/** `dynamic "<block>" { for_each = ..., content { ... } }`: each content checked as the block; returns the blocks it gives. */
function checkDynamic(value: unknown, schema: BlockSchema, place: Place, problems: ProviderSchemaProblem[]): string[] {
  const names: string[] = [];
  for (const dynamic of bodiesOf(value) ?? []) {
    for (const [name, spec] of Object.entries(dynamic)) {
      if (name === COMMENT_KEY) continue;
      const nested = schema.blocks[name];
      const dynamicPlace = { ...place, path: join(place.path, `dynamic.${name}`) };
      if (!nested) {
        problems.push(unknownArgument(place, name, Object.keys(schema.blocks), { path: `dynamic.${name}`, noun: 'a block' }));
        continue;
      }
      names.push(name);
      for (const generator of bodiesOf(spec) ?? []) {
        for (const content of bodiesOf(generator.content) ?? []) {
          checkBlock(content, nested, { ...dynamicPlace, path: `${dynamicPlace.path}.content`, owner: place.owner }, new Set(), problems);
        }
        for (const key of Object.keys(generator)) {
          if (key !== COMMENT_KEY && !DYNAMIC_ARGUMENTS.has(key)) {
            problems.push(unknownArgument(dynamicPlace, key, [...DYNAMIC_ARGUMENTS], { of: `a dynamic block (${[...DYNAMIC_ARGUMENTS].join(', ')})` }));
          }
        }
      }
    }
  }
  return names;
}

/** Each `lifecycle.ignore_changes` entry must name an argument or block of the type (`all` ignores everything). */
function checkIgnoreChanges(lifecycle: unknown, schema: BlockSchema, place: Place, problems: ProviderSchemaProblem[]): void {
  for (const body of bodiesOf(lifecycle) ?? []) {
    const value = body.ignore_changes;
    const list = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
    list.forEach((entry, i) => {
      if (typeof entry !== 'string') return;
      const text = unwrapExpression(entry);
      if (list.length === 1 && text === 'all') return;
      const unknown = unknownStep(text, schema, place.owner);
      if (unknown === undefined) return;
      const path = `lifecycle.ignore_changes[${i}]`;
      const suggestion = closest(unknown.name, [...unknown.schema.arguments, ...Object.keys(unknown.schema.blocks)]);
      problems.push({
        kind: 'unknown-ignore-change',
        address: place.address,
        path,
        version: place.version,
        message:
          `${place.address}: ${path} is ${JSON.stringify(text)}, but ${unknown.owner} has no argument or block ${unknown.name} in AWS provider ` +
          `${place.version}${elsewhere(place, unknown.blocks, unknown.name)}: remove it${suggestion ? ` (or did you mean ${suggestion}?)` : ''}`,
      });
    });
  }
}

/**
 * The first step of an ignore_changes path (`root_block_device[0].volume_size`, `tags["Name"]`)
 * that names nothing, with the schema it was looked up in; `undefined` when every step up to an
 * argument is known (what follows an argument is inside its value).
 */
function unknownStep(text: string, schema: BlockSchema, type: string): { name: string; schema: BlockSchema; owner: string; blocks: string[] } | undefined {
  const steps = text.split(/\[[^\]]*\]|\./).filter(Boolean);
  let current = schema;
  const blocks: string[] = [];
  for (const step of steps) {
    if (current.arguments.includes(step)) return undefined;
    const nested = current.blocks[step];
    if (!nested) return { name: step, schema: current, owner: blocks.length ? `${type}'s ${blocks.join('.')} block` : type, blocks };
    current = nested;
    blocks.push(step);
  }
  return undefined;
}

/** `key` (at `path` below the place, `key` by default) is not an argument or block the place has. */
function unknownArgument(
  place: Place,
  key: string,
  candidates: readonly string[],
  options: { readonly path?: string; readonly noun?: string; readonly of?: string } = {},
): ProviderSchemaProblem {
  const path = join(place.path, options.path ?? key);
  const suggestion = closest(key, candidates);
  return {
    kind: 'unknown-argument',
    address: place.address,
    path,
    version: place.version,
    message:
      `${place.address}: ${path} is not ${options.noun ?? 'an argument'} of ${options.of ?? ownerOf(place)} in AWS provider ${place.version}` +
      `${options.of ? '' : elsewhere(place, blockPathOf(place), key)}: remove it${suggestion ? ` (or did you mean ${suggestion}?)` : ''}`,
  };
}

function unknownType(address: string, version: string, what: string, known: readonly string[]): ProviderSchemaProblem {
  return {
    kind: 'unknown-type',
    address,
    path: '',
    version,
    message:
      `${address}: the AWS provider ${version} schema snapshot has no ${what} (it holds ${known.join(', ') || 'none'}); ` +
      'a type the project writes is added to the snapshots by npm run provider-schemas',
  };
}

/** `aws_instance`, or `aws_instance's root_block_device block` for a nested block. */
function ownerOf(place: Place): string {
  const blocks = blockPathOf(place);
  return blocks.length ? `${place.owner}'s ${blocks.join('.')} block` : place.owner;
}

/** The nested blocks down to the place: `root_block_device[1]` → `[root_block_device]`, `dynamic.x.content` → `[x]`. */
function blockPathOf(place: Place): string[] {
  return place.path
    .replace(/\[\d+\]/g, '')
    .replace(/(^|\.)dynamic\.([\w-]+)\.content/g, '$1$2')
    .split('.')
    .filter(Boolean);
}

/** ` (AWS provider 5.100.0 has it)` when other committed releases have `name` in the same block; else empty. */
function elsewhere(place: Place, blocks: readonly string[], name: string): string {
  const releases = AWS_PROVIDER_SCHEMAS.filter((other) => {
    if (other.version === place.version) return false;
    let block = place.top(other);
    for (const step of blocks) block = block?.blocks[step];
    return block !== undefined && (block.arguments.includes(name) || name in block.blocks);
  }).map((other) => other.version);
  return releases.length ? ` (AWS provider ${releases.join(' and ')} ${releases.length === 1 ? 'has' : 'have'} it)` : '';
}

function join(path: string, name: string): string {
  return path ? `${path}.${name}` : name;
}

/** `${ami}` (how hcl2json writes a bare reference) → `ami`. */
function unwrapExpression(text: string): string {
  const match = /^\$\{(.*)\}$/s.exec(text.trim());
  return (match ? match[1] : text).trim();
}

/** The bodies of `resource`/`data`: `[type, name, body]` for each (a body may be a list of objects, as hcl2json writes it). */
function labelledBodies(section: unknown): Array<[string, string, Record<string, unknown>]> {
  const found: Array<[string, string, Record<string, unknown>]> = [];
  for (const [type, byName] of entries(section)) {
    for (const [name, value] of entries(byName)) {
      for (const body of bodiesOf(value) ?? []) found.push([type, name, body]);
    }
  }
  return found;
}

/** The entries of an object (or of each object of a list of objects), `//` comments left out. */
function entries(value: unknown): Array<[string, unknown]> {
  return (bodiesOf(value) ?? []).flatMap((body) => Object.entries(body).filter(([key]) => key !== COMMENT_KEY));
}

/** An object as one body, a list of objects as its bodies; `undefined` for anything else. */
function bodiesOf(value: unknown): Record<string, unknown>[] | undefined {
  if (isPlainObject(value)) return [value];
  if (Array.isArray(value) && value.every(isPlainObject)) return value;
  return undefined;
}
