/**
 * A root module calling the generated module, as the thin roots of the module layout and the
 * module's examples are: requirements, backend and provider, the module block with its inputs,
 * its output, and the import and moved blocks that aim at the module's resources.
 */
import { terraformName } from '../naming';
import { escapeLiteralText } from '../constructs/literal-text';
import { readsStackPartition } from '../constructs/stack-partition';
import { partitionKind } from '../resource-kinds';
import { ROOT_TERRAFORM_VERSION, terraformRequirements } from '../terraform-requirements';
import { fleetLayout, itemsDescription, itemsType } from '../fleet/fleet-call';
import type { ModuleInterface } from './module-interface';

type JsonObject = Record<string, unknown>;

/** One `import` block of a synthesized root. */
export interface ImportBlock {
  readonly to: string;
  readonly id: string;
}

/** The import blocks of the flat roots, once each. */
export function importsOf(rootConfigs: readonly JsonObject[]): ImportBlock[] {
  const seen = new Map<string, ImportBlock>();
  for (const config of rootConfigs) {
    for (const block of (config.import ?? []) as ImportBlock[]) if (!seen.has(block.to)) seen.set(block.to, block);
  }
  return [...seen.values()];
}

/** How a root module calls the generated module. */
export interface ModuleCall {
  /** Where the module is, from the root. */
  readonly source: string;
  /** Input values (literal; `${` is escaped). */
  readonly inputs: Readonly<Record<string, unknown>>;
  /** Import blocks of a flat root, aimed at the module's resources here. */
  readonly imports: readonly ImportBlock[];
  /** Addresses of a flat root's resources and of the same resources in the module (without `module.<name>.`). */
  readonly moved?: ReadonlyArray<{ readonly from: string; readonly to: string }>;
  /** Moves between a flat root's own addresses (a renamed instance), made before its resources move into the module. */
  readonly renames?: ReadonlyArray<{ readonly from: string; readonly to: string }>;
}

/**
 * A root module calling the module: Terraform and provider requirements, the backend and the
 * provider of `base` (a flat root's configuration, or the example's), the module block, one
 * output with everything the module outputs, and the imports.
 */
export function rootCalling(moduleInterface: ModuleInterface, base: JsonObject, call: ModuleCall): JsonObject {
  const name = terraformName(moduleInterface.name);
  const terraform = (base.terraform ?? {}) as JsonObject;
  // A fleet's items are the root's data (its items file), passed on to the module.
  const { fleets } = moduleInterface;
  return {
    terraform: {
      ...terraformRequirements(ROOT_TERRAFORM_VERSION),
      ...(terraform.backend ? { backend: terraform.backend } : {}),
      ...(terraform.cloud ? { cloud: terraform.cloud } : {}),
    },
    ...(fleets.length
      ? {
          variable: Object.fromEntries(
            fleets.map(({ bound, input }) => [
              input,
              { type: itemsType(bound), description: itemsDescription(bound, `set in ${fleetLayout.items(bound.name)}`) },
            ]),
          ),
        }
      : {}),
    provider: base.provider,
    // Import ids build their ARNs for the partition, as the configuration does.
    ...(call.imports.some((block) => readsStackPartition(block.id)) ? { data: { [partitionKind.type]: { [partitionKind.name]: {} } } } : {}),
    module: {
      [name]: { source: call.source, ...escapeLiteralText(call.inputs), ...Object.fromEntries(fleets.map(({ input }) => [input, `\${var.${input}}`])) },
    },
    output: { [name]: { value: `\${module.${name}}`, description: `What module ${moduleInterface.name} made.` } },
    ...(call.imports.length ? { import: call.imports.map((block) => ({ to: `module.${name}.${block.to}`, id: block.id })) } : {}),
    ...(call.moved?.length || call.renames?.length
      ? { moved: [...(call.renames ?? []), ...(call.moved ?? []).map((block) => ({ from: block.from, to: `module.${name}.${block.to}` }))] }
      : {}),
  };
}

/** Block shapes of a root calling the module (its provider's `default_tags`). */
export const ROOT_BLOCK_SHAPES = new Map([['provider.aws', { default_tags: {} }]]);
