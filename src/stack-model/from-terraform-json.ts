/**
 * Reads a Terraform JSON configuration (what a stack synthesizes, or a hand-written
 * `*.tf.json`) into a {@link StackModel}: the default AWS provider, and each modelled resource
 * with its arguments evaluated as far as they are known before apply (see `interpolation.ts`).
 */
import { dnsSuffixOf } from '../facts/aws-regions';
import { partitionOfRegion } from '../partition';
import { interpolate, type InterpolationScope } from './interpolation';
import { block, buildResource, stringRecord } from './resource-values';
import { ASSUMED_REGION, type ProviderSettings, type ResourceOrigin, type StackModel, type StackResource } from './stack-model';

/** A Terraform JSON configuration, as far as it is read here. */
export interface TerraformJsonConfig {
  readonly provider?: { readonly aws?: ReadonlyArray<Record<string, unknown>> | Record<string, unknown> };
  readonly locals?: Readonly<Record<string, unknown>>;
  readonly resource?: Readonly<Record<string, Readonly<Record<string, Record<string, unknown>>>>>;
  readonly import?: ReadonlyArray<{ readonly id?: unknown; readonly to?: unknown }>;
}

/** Where a configuration came from and, for a synthesized stack, the spec field of each resource. */
export interface TerraformJsonSource {
  /** The stack name or file, for messages. */
  readonly source: string;
  /** Spec locations by resource address. @default - none */
  readonly origins?: ReadonlyMap<string, ResourceOrigin>;
}

/** The model of one configuration. */
export function stackModelOfTerraformJson(config: TerraformJsonConfig, { source, origins = new Map() }: TerraformJsonSource): StackModel {
  const providerBlock = defaultProvider(config.provider?.aws);
  const given = interpolate(providerBlock.region, { partition: {}, locals: config.locals ?? {} });
  const regionGiven = typeof given === 'string' && given !== '';
  const region = regionGiven ? given : ASSUMED_REGION;
  const partition = partitionOfRegion(region);
  const dnsSuffix = dnsSuffixOf(partition);
  const scope: InterpolationScope = { partition: { partition, dns_suffix: dnsSuffix, id: partition }, locals: config.locals ?? {} };
  const provider: ProviderSettings = {
    region,
    regionGiven,
    partition,
    dnsSuffix,
    allowedAccountIds: stringList(interpolate(providerBlock.allowed_account_ids, scope)),
    defaultTags: stringRecord(block(interpolate(providerBlock.default_tags, scope))?.tags),
  };
  const importIds = new Map<string, string>();
  for (const block of config.import ?? []) {
    if (typeof block.to === 'string' && typeof block.id === 'string') importIds.set(block.to, String(interpolate(block.id, scope)));
  }
  const resources: StackResource[] = [];
  for (const [type, byName] of Object.entries(config.resource ?? {})) {
    for (const [name, body] of Object.entries(byName)) {
      const address = `${type}.${name}`;
      const lifecycle = block(body.lifecycle);
      const resource = buildResource(type, address, interpolate(withoutLifecycle(body), scope) as Record<string, unknown>, {
        provider,
        importId: importIds.get(address),
        ignoreChanges: ignoreChangesOf(lifecycle?.ignore_changes),
      });
      if (resource) resources.push(resource);
    }
  }
  return { source, provider, resources, origins };
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
