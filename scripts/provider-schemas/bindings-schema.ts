/**
 * Reads a provider's schema out of its cdktf (or CDK Terrain) binding package: the jsii type
 * file (`.jsii`) gives each type's config struct, its properties, which are optional and which
 * are nested structs; the compiled `lib/<type>/index.js` gives, for each property, the Terraform
 * name it is written under and whether it is written as a block (`synthesizeHclAttributes` and
 * the `<struct>ToHclTerraform` functions). Both are read and must agree: a property the one has
 * and the other does not, or a docs link naming another argument, is an error, so a change in
 * how the bindings are generated stops the extraction instead of writing a wrong snapshot.
 */
import type { BlockSchema, ProviderSchemaSnapshot } from '../../src/terraform/provider-schemas/schema-snapshot';

/** A jsii type reference: a primitive, a named type, a collection or a union. */
export interface JsiiTypeRef {
  readonly primitive?: string;
  readonly fqn?: string;
  readonly collection?: { readonly kind: 'array' | 'map'; readonly elementtype: JsiiTypeRef };
  readonly union?: { readonly types: readonly JsiiTypeRef[] };
}

/** A property of a jsii struct (a datatype interface). */
export interface JsiiProperty {
  readonly name: string;
  readonly optional?: boolean;
  readonly type: JsiiTypeRef;
  readonly docs?: { readonly summary?: string; readonly remarks?: string };
}

/** The parts of a jsii type the extraction reads. */
export interface JsiiType {
  readonly fqn: string;
  readonly kind: 'class' | 'interface' | 'enum';
  readonly name: string;
  readonly datatype?: boolean;
  readonly interfaces?: readonly string[];
  readonly properties?: readonly JsiiProperty[];
  readonly docs?: { readonly summary?: string };
  readonly initializer?: { readonly parameters?: ReadonlyArray<{ readonly name: string; readonly type: JsiiTypeRef }> };
  readonly locationInModule?: { readonly filename: string };
}

/** The parts of a `.jsii` assembly the extraction reads. */
export interface JsiiAssembly {
  readonly name: string;
  readonly version: string;
  readonly types: Readonly<Record<string, JsiiType>>;
}

/** What to extract: the types the project writes. */
export interface WrittenTypes {
  /** The provider's source address, `registry.terraform.io/hashicorp/aws`. */
  readonly provider: string;
  /** The provider's registry name in docs links, `hashicorp/aws`. */
  readonly registryName: string;
  /** Resource type names, `aws_instance`, ... */
  readonly resources: readonly string[];
  /** Data source type names, `aws_partition`. */
  readonly dataSources: readonly string[];
}

/** A binding class: one resource type, data source or the provider. */
interface BindingClass {
  readonly type: JsiiType;
  /** `resources`, `data-sources`, or `provider` for the provider's own class. */
  readonly section: 'resources' | 'data-sources' | 'provider';
  /** The Terraform type name (`aws_instance`), or the provider's name (`aws`). */
  readonly name: string;
  /** The provider version its docs link names. */
  readonly version: string;
}

/** One property as the compiled bindings write it. */
interface HclEntry {
  /** The Terraform name it is written under. */
  readonly terraformName: string;
  /** The property it reads: the struct's (`struct.coreCount`), or the class's private field (`this._ami`). */
  readonly property: string;
  readonly isBlock: boolean;
  /** The whole `value:` expression. */
  readonly value: string;
}

/**
 * The provider's meta-arguments its binding's config has and its schema does not: `alias`
 * (Terraform's, written into every `provider` block that has one). They are left out.
 */
export const PROVIDER_BINDING_META_ARGUMENTS: readonly string[] = ['alias'];

/** An extraction that cannot be trusted: the bindings are not what this reader expects. */
export class BindingsSchemaError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BindingsSchemaError';
  }
}

const CLASS_LINK =
  /^Represents a \{@link https:\/\/registry\.terraform\.io\/providers\/([^/\s]+\/[^/\s]+)\/([^/\s]+)\/docs(?:\/(resources|data-sources)\/[^\s}]+)? ([\w-]+)\}\.?$/;

/**
 * The snapshot of `written`'s types in the binding package whose `.jsii` is `assembly`, for the
 * provider release `providerVersion` (its package.json's `cdktf.provider.version`).
 * `readLib(file)` returns the text of a file of the package (`lib/instance/index.js`).
 * Throws {@link BindingsSchemaError} when a type is missing or the two sources disagree.
 */
export function snapshotOfBindings(
  assembly: JsiiAssembly,
  providerVersion: string,
  written: WrittenTypes,
  readLib: (file: string) => string,
): ProviderSchemaSnapshot {
  const classes = bindingClasses(assembly, written.registryName);
  const packageName = `${assembly.name}@${assembly.version}`;
  const find = (section: BindingClass['section'], name: string): BindingClass => {
    const matching = classes.filter((c) => c.section === section && c.name === name);
    const found = matching[0];
    const what = section === 'provider' ? `the provider configuration of ${name}` : `${section === 'resources' ? 'resource' : 'data source'} ${name}`;
    if (!found) throw new BindingsSchemaError(`${packageName} has no binding for ${what} (AWS provider ${providerVersion})`);
    if (matching.length > 1)
      throw new BindingsSchemaError(`${packageName} has ${matching.length} bindings for ${what}: ${matching.map((c) => c.type.fqn).join(', ')}`);
    if (found.version !== providerVersion) {
      throw new BindingsSchemaError(
        `${packageName}: the binding of ${what} links to provider ${found.version}, but the package says it binds ${providerVersion}`,
      );
    }
    return found;
  };
  const schemaOf = (binding: BindingClass, skipped: readonly string[] = []) => classSchema(assembly, binding, readLib(libFileOf(binding.type)), skipped);
  const providerName = written.registryName.split('/')[1];
  return {
    provider: written.provider,
    version: providerVersion,
    package: packageName,
    providerConfig: schemaOf(find('provider', providerName), PROVIDER_BINDING_META_ARGUMENTS),
    resources: sortedRecord(written.resources.map((type) => [type, schemaOf(find('resources', type))])),
    dataSources: sortedRecord(written.dataSources.map((type) => [type, schemaOf(find('data-sources', type))])),
  };
}

/** The lib files the snapshot of `written` reads, so that only they need to be unpacked. */
export function libFilesOf(assembly: JsiiAssembly, written: WrittenTypes): string[] {
  const providerName = written.registryName.split('/')[1];
  const wanted = (c: BindingClass) =>
    (c.section === 'resources' && written.resources.includes(c.name)) ||
    (c.section === 'data-sources' && written.dataSources.includes(c.name)) ||
    (c.section === 'provider' && c.name === providerName);
  return [
    ...new Set(
      bindingClasses(assembly, written.registryName)
        .filter(wanted)
        .map((c) => libFileOf(c.type)),
    ),
  ].sort();
}

/** Every class of the assembly whose docs say it represents a type of the provider. */
function bindingClasses(assembly: JsiiAssembly, registryName: string): BindingClass[] {
  const classes: BindingClass[] = [];
  for (const type of Object.values(assembly.types)) {
    if (type.kind !== 'class') continue;
    const match = CLASS_LINK.exec(type.docs?.summary ?? '');
    if (!match || match[1] !== registryName) continue;
    classes.push({ type, version: match[2], section: (match[3] as 'resources' | 'data-sources' | undefined) ?? 'provider', name: match[4] });
  }
  return classes;
}

/** `src/instance/index.ts` → `lib/instance/index.js`. */
function libFileOf(type: JsiiType): string {
  const source = type.locationInModule?.filename;
  if (!source || !/^src\/.+\.ts$/.test(source)) throw new BindingsSchemaError(`${type.fqn} has no source file in the jsii assembly`);
  return source.replace(/^src\//, 'lib/').replace(/\.ts$/, '.js');
}

/**
 * The schema of a binding class's config struct, read from its `synthesizeHclAttributes`. The
 * class writes each argument from a private field its constructor sets from the config
 * (`this._getPasswordData = config.fetchPasswordData`: jsii renames a few), so entries are
 * matched to config properties through those assignments.
 */
function classSchema(assembly: JsiiAssembly, binding: BindingClass, lib: string, skipped: readonly string[]): BlockSchema {
  const config = binding.type.initializer?.parameters?.find((parameter) => parameter.name === 'config')?.type.fqn;
  if (!config) throw new BindingsSchemaError(`${binding.type.fqn} takes no config struct`);
  const where = `${binding.type.name}.synthesizeHclAttributes`;
  const classStart = lib.indexOf(`class ${binding.type.name} extends `);
  const hclStart = classStart < 0 ? -1 : lib.indexOf('synthesizeHclAttributes() {', classStart);
  if (hclStart < 0) throw new BindingsSchemaError(`${libFileOf(binding.type)} has no class ${binding.type.name} with synthesizeHclAttributes`);
  const fields = new Map(
    [...lib.slice(classStart, hclStart).matchAll(/this\._(\w+)(?:\.internalValue)? = config\.(\w+);/g)].map((match) => [match[1], match[2]]),
  );
  const entries = hclEntries(lib, hclStart, where).map((entry) => {
    const property = fields.get(entry.property);
    if (!property)
      throw new BindingsSchemaError(
        `${where}: ${entry.terraformName} is written from this._${entry.property}, which the constructor does not set from the config`,
      );
    return { ...entry, property };
  });
  return structSchema(assembly, config, lib, entries, skipped, binding.name);
}

/**
 * The schema of the struct `fqn` whose compiled HCL entries are `hcl` (each reading
 * the jsii property it names): its arguments, its required names and its blocks, recursively.
 */
function structSchema(assembly: JsiiAssembly, fqn: string, lib: string, hcl: readonly HclEntry[], skipped: readonly string[], where: string): BlockSchema {
  const struct = assembly.types[fqn];
  if (!struct?.datatype) throw new BindingsSchemaError(`${where}: ${fqn} is not a struct of ${assembly.name}`);
  const foreign = (struct.interfaces ?? []).filter((name) => !/^[\w@/-]+\.TerraformMetaArguments$/.test(name));
  if (foreign.length) throw new BindingsSchemaError(`${where}: ${fqn} extends ${foreign.join(', ')}, whose properties this reader does not follow`);
  const properties = (struct.properties ?? []).filter((property) => !skipped.includes(property.name));
  const entries = hcl.filter((entry) => !skipped.includes(entry.property));
  const byProperty = new Map(entries.map((entry) => [entry.property, entry]));
  const missing = properties.filter((property) => !byProperty.has(property.name)).map((property) => property.name);
  const extra = entries.filter((entry) => !properties.some((property) => property.name === entry.property)).map((entry) => entry.terraformName);
  if (missing.length || extra.length) {
    throw new BindingsSchemaError(
      `${where}: ${fqn}'s jsii properties and its compiled HCL disagree (only in jsii: ${missing.join(', ') || 'none'}; only in the HCL: ${extra.join(', ') || 'none'})`,
    );
  }
  const schema = { arguments: [] as string[], required: [] as string[], blocks: {} as Record<string, BlockSchema> };
  for (const property of properties) {
    const entry = byProperty.get(property.name)!;
    const linked = docsAnchor(property);
    if (linked !== undefined && linked !== entry.terraformName) {
      throw new BindingsSchemaError(`${where}: ${property.name} is written as ${entry.terraformName} but its docs link to #${linked}`);
    }
    const nested = structOf(assembly, property.type);
    if (entry.isBlock !== (nested !== undefined)) {
      throw new BindingsSchemaError(
        `${where}: ${entry.terraformName} is ${entry.isBlock ? '' : 'not '}a block in the HCL but ${nested ? 'a struct' : 'no struct'} in jsii`,
      );
    }
    if (!property.optional) schema.required.push(entry.terraformName);
    if (!nested) {
      schema.arguments.push(entry.terraformName);
      continue;
    }
    const functionName = `${lowerFirst(assembly.types[nested].name)}ToHclTerraform`;
    if (!entry.value.includes(functionName)) throw new BindingsSchemaError(`${where}: ${entry.terraformName} is not written by ${functionName}`);
    const start = lib.indexOf(`function ${functionName}(struct) {`);
    if (start < 0) throw new BindingsSchemaError(`${where}: the bindings have no function ${functionName}`);
    schema.blocks[entry.terraformName] = structSchema(assembly, nested, lib, hclEntries(lib, start, functionName), [], `${where}.${entry.terraformName}`);
  }
  return { arguments: schema.arguments.sort(), required: schema.required.sort(), blocks: sortedRecord(Object.entries(schema.blocks)) };
}

const HCL_ENTRY = /^\s*"?([\w-]+)"?: \{\n\s*value: ([^\n]*),\n\s*isBlock: (true|false),\n\s*type: "[^"\n]*",\n\s*storageClassType: "[^"\n]*",\n\s*\},?$/gm;
const READ_PROPERTY = /(?:this\._|struct\.)(\w+)/;

/** The entries of the `attrs` object of the HCL function or method starting at `start`. */
function hclEntries(lib: string, start: number, where: string): HclEntry[] {
  const end = start < 0 ? -1 : lib.indexOf('// remove undefined attributes', start);
  if (end < 0) throw new BindingsSchemaError(`${where}: not found in the compiled bindings (or not in the form this reader knows)`);
  const body = lib.slice(start, end);
  const entries = [...body.matchAll(HCL_ENTRY)].map((match): HclEntry => {
    const property = READ_PROPERTY.exec(match[2])?.[1];
    if (!property) throw new BindingsSchemaError(`${where}: ${match[1]} reads no property (${match[2]})`);
    return { terraformName: match[1], property, isBlock: match[3] === 'true', value: match[2] };
  });
  const declared = (body.match(/^\s*"?[\w-]+"?: \{$/gm) ?? []).length;
  if (entries.length !== declared) throw new BindingsSchemaError(`${where}: read ${entries.length} of its ${declared} entries`);
  return entries;
}

/** The struct a property's type holds (itself, in a list, or beside IResolvable), if any. */
function structOf(assembly: JsiiAssembly, ref: JsiiTypeRef): string | undefined {
  if (ref.fqn) return assembly.types[ref.fqn]?.datatype ? ref.fqn : undefined;
  if (ref.collection?.kind === 'array') return structOf(assembly, ref.collection.elementtype);
  for (const member of ref.union?.types ?? []) {
    const found = structOf(assembly, member);
    if (found) return found;
  }
  return undefined;
}

/** The argument a property's docs link to (`…/docs/resources/instance#ami Instance#ami`). */
function docsAnchor(property: JsiiProperty): string | undefined {
  const docs = `${property.docs?.summary ?? ''} ${property.docs?.remarks ?? ''}`;
  return /\{@link https:\/\/registry\.terraform\.io\/providers\/\S*#([\w-]+) [^}]*\}/.exec(docs)?.[1];
}

function lowerFirst(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

function sortedRecord<T>(entries: ReadonlyArray<readonly [string, T]>): Record<string, T> {
  return Object.fromEntries([...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
