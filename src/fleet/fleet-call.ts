/**
 * The root's side of a fleet: the items as data (a typed map variable whose value is in
 * `<fleet>.auto.tfvars.json`), one `module` block with `for_each` over them, `import` blocks with
 * `for_each` for what the template adopts, `moved` blocks from the expanded form's addresses when
 * the spec asks for them, and one output with every instance's outputs.
 */
import { TerraformElement, TerraformOutput, TerraformVariable } from 'cdktf';
import type { Construct } from 'constructs';
import { movedAddresses } from '../constructs/profile-resources';
import type { BoundFleet } from './fleet-template';
import type { ModuleImport } from './fleet-module';

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

/** Adds a fleet's root parts to `scope` (a root stack). */
export function addFleetCall(scope: Construct, bound: BoundFleet, imports: readonly ModuleImport[]): void {
  new TerraformVariable(scope, itemsVariable(bound), {
    type: `map(object({${bound.fields.map((field) => `${field} = string`).join(', ')}}))`,
    description: `The items of fleets[${bound.fleet}] by instance profile name: the values the template fills in (set in ${fleetLayout.items(bound.name)}).`,
  });
  new RootBlocks(scope, `Fleet-${bound.name}`, {
    module: {
      [bound.name]: {
        source: fleetLayout.source(bound.name),
        for_each: `\${var.${itemsVariable(bound)}}`,
        ...Object.fromEntries(bound.fields.map((field) => [field, `\${each.value.${field}}`])),
      },
    },
    import: imports.map(({ to, id }) => ({
      for_each: `\${var.${itemsVariable(bound)}}`,
      to: `module.${bound.name}[each.key].${to}`,
      id: id.replace(/\$\{var\.([\w-]+)\}/g, (_, field: string) => `\${each.value.${field}}`),
    })),
    moved: bound.moveExpandedState
      ? bound.items.flatMap((item) => movedAddresses(item.profile, bound.naming).map(({ from, to }) => ({ from, to: `${instanceAddress(bound, item.key)}.${to}` })))
      : [],
  });
  new TerraformOutput(scope, bound.name, {
    value: `\${module.${bound.name}}`,
    description: `Role and instance profile of each item of fleets[${bound.fleet}], and its instance, by instance profile name.`,
  });
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
