/**
 * Reads a Terraform JSON configuration (what a stack synthesizes, or a hand-written
 * `*.tf.json`) into a {@link StackModel}: the default AWS provider, and each modelled resource
 * with its arguments evaluated as far as they are known before apply (see `interpolation.ts`).
 */
import { dnsSuffixOf } from '../facts/aws-regions';
import { partitionOfRegion } from '../partition';
import { type InterpolationScope, Interpolator } from './interpolation';
import { block, buildResource, stringRecord } from './resource-values';
import { ASSUMED_REGION, type ProviderSettings, type ResourceOrigin, type StackModel, type StackResource } from './stack-model';
import type { PolicyDocument } from '../iam/policy-document';

/** A Terraform JSON configuration, as far as it is read here. */
export interface TerraformJsonConfig {
  readonly provider?: { readonly aws?: ReadonlyArray<Record<string, unknown>> | Record<string, unknown> };
  readonly locals?: Readonly<Record<string, unknown>>;
  readonly resource?: Readonly<Record<string, Readonly<Record<string, Record<string, unknown>>>>>;
  readonly import?: ReadonlyArray<{ readonly id?: unknown; readonly to?: unknown; readonly for_each?: unknown }>;
  readonly module?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

/** Where a configuration came from and, for a synthesized stack, the spec field of each resource. */
export interface TerraformJsonSource {
  /** The stack name or file, for messages. */
  readonly source: string;
  /** Spec locations by resource address. @default - none */
  readonly origins?: ReadonlyMap<string, ResourceOrigin>;
  /** Values of the root's variables (what its `*.auto.tfvars.json` files set). @default - none */
  readonly variables?: Readonly<Record<string, unknown>>;
  /** The configurations of local child modules by their `source`; calls to other modules are not read. @default - none */
  readonly modules?: ReadonlyMap<string, TerraformJsonConfig>;
  /** Documents of policies made elsewhere that the spec gives, by ARN (see `StackModel.knownPolicies`). @default - none */
  readonly knownPolicies?: ReadonlyMap<string, PolicyDocument>;
}

/** The model of one configuration. */
export function stackModelOfTerraformJson(
  config: TerraformJsonConfig,
  { source, origins = new Map(), variables = {}, modules = new Map(), knownPolicies }: TerraformJsonSource,
): StackModel {
  // One reading of the configuration's values for all of its module instances.
  const interpolator = new Interpolator();
  const interpolate = (value: unknown, scope: InterpolationScope) => interpolator.interpolate(value, scope);
  const providerBlock = defaultProvider(config.provider?.aws);
  const given = interpolate(providerBlock.region, { partition: {}, locals: config.locals ?? {} });
  const regionGiven = typeof given === 'string' && given !== '';
  const region = regionGiven ? given : ASSUMED_REGION;
  const partition = partitionOfRegion(region);
  const dnsSuffix = dnsSuffixOf(partition);
  const scope: InterpolationScope = { partition: { partition, dns_suffix: dnsSuffix, id: partition }, locals: config.locals ?? {}, variables };
  const provider: ProviderSettings = {
    region,
    regionGiven,
    partition,
    dnsSuffix,
    allowedAccountIds: stringList(interpolate(providerBlock.allowed_account_ids, scope)),
    defaultTags: stringRecord(block(interpolate(providerBlock.default_tags, scope))?.tags),
  };
  const importIds = importIdsOf(config, scope, interpolate);
  const resources: StackResource[] = [];
  const bodiesOf = new Map<TerraformJsonConfig, ResourceBody[]>();
  const addResources = (module: TerraformJsonConfig, moduleScope: InterpolationScope) => {
    const prefix = moduleScope.addressPrefix ?? '';
    let bodies = bodiesOf.get(module);
    if (!bodies) bodiesOf.set(module, (bodies = resourceBodies(module)));
    for (const { type, name, values, ignoreChanges } of bodies) {
      const address = `${prefix}${type}.${name}`;
      const resource = buildResource(type, address, interpolate(values, moduleScope) as Record<string, unknown>, {
        provider,
        importId: importIds.get(address),
        ignoreChanges,
      });
      if (resource) resources.push(resource);
    }
  };
  addResources(config, scope);
  for (const [name, call] of Object.entries(config.module ?? {})) {
    const child = typeof call.source === 'string' ? modules.get(call.source) : undefined;
    if (!child) continue;
    const inputsOf = withoutMetaArguments(call);
    for (const instance of instancesOf(name, interpolate(call.for_each, scope))) {
      const inputs = interpolate(inputsOf, { ...scope, each: instance.each }) as Record<string, unknown>;
      addResources(child, { partition: scope.partition, locals: child.locals ?? {}, variables: inputs, addressPrefix: instance.prefix });
    }
  }
  return { source, provider, resources, origins, ...(knownPolicies?.size ? { knownPolicies } : {}) };
}

/** The id of each `import` block by the address it imports to; a block with `for_each` counts once per key. */
function importIdsOf(config: TerraformJsonConfig, scope: InterpolationScope, interpolate: Interpolate): Map<string, string> {
  const ids = new Map<string, string>();
  for (const block of config.import ?? []) {
    if (typeof block.to !== 'string') continue;
    const keys = block.for_each === undefined ? [undefined] : Object.entries(mapOf(interpolate(block.for_each, scope)));
    for (const entry of keys) {
      const each = entry && { key: entry[0], value: entry[1] };
      const id = interpolate(block.id, { ...scope, each });
      const to = each ? block.to.split('[each.key]').join(`[${JSON.stringify(each.key)}]`) : block.to;
      if (typeof id === 'string') ids.set(to, id);
    }
  }
  return ids;
}

/** A resource block of a configuration, read once for each instance of its module. */
interface ResourceBody {
  readonly type: string;
  readonly name: string;
  /** Its arguments, without `lifecycle`. */
  readonly values: Record<string, unknown>;
  readonly ignoreChanges: readonly string[];
}

function resourceBodies(module: TerraformJsonConfig): ResourceBody[] {
  return Object.entries(module.resource ?? {}).flatMap(([type, byName]) =>
    Object.entries(byName).map(([name, body]) => ({
      type,
      name,
      values: withoutLifecycle(body),
      ignoreChanges: ignoreChangesOf(block(body.lifecycle)?.ignore_changes),
    })),
  );
}

/** Evaluates a value of the configuration in a scope. */
type Interpolate = (value: unknown, scope: InterpolationScope) => unknown;

/** The instances of a module call, given its evaluated `for_each`: one without it, else one per key (`module.web["a"].`). */
function instancesOf(name: string, forEach: unknown): Array<{ prefix: string; each?: { key: string; value: unknown } }> {
  if (forEach === undefined) return [{ prefix: `module.${name}.` }];
  return Object.entries(mapOf(forEach)).map(([key, value]) => ({
    prefix: `module.${name}[${JSON.stringify(key)}].`,
    each: { key, value },
  }));
}

function mapOf(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) && (value as { unknown?: unknown }).unknown !== true
    ? (value as Record<string, unknown>)
    : {};
}

/** A module block's inputs: everything but `source`, `version`, `for_each`, `count`, `providers`, `depends_on`. */
function withoutMetaArguments(call: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const { source: _source, version: _version, for_each: _forEach, count: _count, providers: _providers, depends_on: _dependsOn, ...inputs } = call;
  return inputs;
}

/** The provider block without an alias (the one resources use unless they say otherwise). */
function defaultProvider(blocks: unknown): Record<string, unknown> {
  const list = (Array.isArray(blocks) ? blocks : blocks ? [blocks] : []) as Array<Record<string, unknown>>;
  return list.find((block) => block.alias === undefined) ?? list[0] ?? {};
}

function withoutLifecycle(body: Record<string, unknown>): Record<string, unknown> {
  const { lifecycle: _lifecycle, ...rest } = body;
  return rest;
}

function ignoreChangesOf(value: unknown): string[] {
  if (value === 'all' || value === 'ignore_all') return ['all'];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/** The strings of a list (other entries dropped). */
function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}
