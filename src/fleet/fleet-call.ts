/**
 * The root's side of a fleet: the items as data (a typed map variable whose value is in
 * `<fleet>.auto.tfvars.json`), one `module` block with `for_each` over them, `import` blocks with
 * `for_each` for what the template adopts, `moved` blocks from the expanded form's addresses when
 * the spec asks for them, and one output with every instance's outputs.
 */
import { TerraformElement, TerraformOutput, TerraformVariable } from 'cdktf';
import type { Construct } from 'constructs';
import { instanceRenames, movedAddresses } from '../constructs/profile-resources';
import type { BoundFleet } from './fleet-template';
import type { ModuleImport } from './fleet-module';
import { readsStackPartition, stackPartition } from '../constructs/stack-partition';
import { synthesizedText, terraformExpression } from '../constructs/literal-text';

/** Where a stack's fleet parts are, relative to its root folder. */
export const fleetLayout = {
  /** The module folder, and the module block's `source`. */
  module: (name: string) => `fleets/${name}`,
  source: (name: string) => `./fleets/${name}`,
  /** The items. */
  items: (name: string) => `${name}.auto.tfvars.json`,
} as const;

/** The root variable that holds a fleet's items. */
export function itemsVariable(bound: BoundFleet): string {
  return `${bound.name}_items`;
}

/** The value of {@link itemsVariable}: the item fields by `for_each` key. */
export function itemsValue(bound: BoundFleet): Record<string, Record<string, string>> {
  return Object.fromEntries(bound.items.map((item) => [item.key, { ...item.values }]));
}

/** The module instance of an item: `module.web["team1-writer-profile"]`. */
export function instanceAddress(bound: BoundFleet, key: string): string {
  return `module.${bound.name}[${JSON.stringify(key)}]`;
}

/** The Terraform type of {@link itemsVariable}. */
export function itemsType(bound: BoundFleet): string {
  return `map(object({${bound.fields.map((field) => `${field} = string`).join(', ')}}))`;
}

/** What the items variable says it holds; `from` says where its value is set. */
export function itemsDescription(bound: BoundFleet, from: string): string {
  return `The items of fleets[${bound.fleet}] by instance profile name: the values the template fills in (${from}).`;
}

/** Where {@link addFleetCall} finds the template module, and what it adds besides the module block. */
export interface FleetCallOptions {
  /** The module block's `source`. @default - `./fleets/<name>` */
  readonly source?: string;
  /** Where the value of the items variable is set, for its description. @default - the stack's items file */
  readonly itemsFrom?: string;
  /** What the root imports into each instance. @default - nothing */
  readonly imports?: readonly ModuleImport[];
  /** Further inputs of every instance, as {@link terraformExpression} tokens (`tags = var.tags`). @default - none */
  readonly inputs?: Readonly<Record<string, string>>;
}

/** Adds a fleet's root parts to `scope` (a root stack, or the generated module). */
export function addFleetCall(scope: Construct, bound: BoundFleet, options: FleetCallOptions = {}): void {
  const imports = options.imports ?? [];
  // Import ids build their ARNs for the partition: the root needs its partition data source then.
  if (imports.some((block) => readsStackPartition(block.id))) stackPartition(scope);
  new TerraformVariable(scope, itemsVariable(bound), {
    type: itemsType(bound),
    description: itemsDescription(bound, options.itemsFrom ?? `set in ${fleetLayout.items(bound.name)}`),
  });
  new RootBlocks(scope, `Fleet-${bound.name}`, {
    module: {
      [bound.name]: {
        source: options.source ?? fleetLayout.source(bound.name),
        for_each: terraformExpression(`var.${itemsVariable(bound)}`),
        ...Object.fromEntries(bound.fields.map((field) => [field, terraformExpression(`each.value.${field}`)])),
        ...options.inputs,
      },
    },
    import: imports.map(({ to, id }) => ({
      for_each: terraformExpression(`var.${itemsVariable(bound)}`),
      to: `module.${bound.name}[each.key].${to}`,
      // The module's id, synthesized there, reads its variables: here they are the item's values.
      id: synthesizedText(id.replace(/(?<!\$)\$\{var\.([\w-]+)\}/g, (_, field: string) => `\${each.value.${field}}`)),
    })),
    moved: expandedStateMoves(bound),
  });
  new TerraformOutput(scope, bound.name, {
    value: terraformExpression(`module.${bound.name}`),
    description: `Role and instance profile of each item of fleets[${bound.fleet}], and its instance, by instance profile name.`,
  });
}

/**
 * The moves a fleet asks for with `moveExpandedState`: each item's resources from their
 * addresses in the expanded form to its module instance. An item's instance may have been
 * renamed in the expanded form too: its state moves there first. None when the fleet does not ask.
 */
export function expandedStateMoves(bound: BoundFleet): Array<{ from: string; to: string }> {
  return bound.moveExpandedState
    ? bound.items.flatMap((item) => [
        ...instanceRenames(item.profile),
        ...movedAddresses(item.profile, bound.naming).map(({ from, to }) => ({ from, to: `${instanceAddress(bound, item.key)}.${to}` })),
      ])
    : [];
}

/** Top-level blocks cdktf has no construct for (a `module` with `for_each` over a variable, `import` with `for_each`, `moved`). */
class RootBlocks extends TerraformElement {
  constructor(
    scope: Construct,
    id: string,
    private readonly blocks: Record<string, unknown>,
  ) {
    super(scope, id);
  }

  override toTerraform(): Record<string, unknown> {
    return Object.fromEntries(Object.entries(this.blocks).filter(([, value]) => !Array.isArray(value) || value.length));
  }
}
