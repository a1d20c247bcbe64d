/**
 * How one stack's root calls the generated module: the stack's environment's variable values and
 * switches as inputs, its flat root's import blocks aimed at the module's resources, and the
 * `moved` blocks that carry its flat root's state into the module. The thin roots of the module
 * layout and the module's per-environment examples are made from it.
 */
import { instanceRenames, movedAddresses, profileNames } from '../constructs/profile-resources';
import { instanceKind } from '../resource-kinds';
import type { ResolvedProfileSpec, ResolvedSpec } from '../spec/model';
import type { StackPlan } from '../spec/plan-stacks';
import { planFleets } from '../fleet/plan-fleets';
import type { BoundFleet } from '../fleet/fleet-template';
import { isFleetModuleItem, type ModuleInterface } from './module-interface';
import { type ProfileSwitch, switchedAddress } from './profile-switches';
import { importsOf, type ModuleCall } from './root-calling';

type JsonObject = Record<string, unknown>;

/** A stack's call of the module, and the fleets whose items its root passes. */
export interface EnvironmentCall {
  readonly call: ModuleCall;
  /** Every fleet the module takes as an input, with the items of this stack (a shard may hold none). */
  readonly fleets: readonly BoundFleet[];
}

/** The call of the module from the root of `plan`, whose flat root is `flatConfig`; `source` is where the module is from that root. */
export function environmentCall(
  spec: ResolvedSpec,
  moduleInterface: ModuleInterface,
  plan: StackPlan,
  flatConfig: JsonObject,
  source: string,
): EnvironmentCall {
  const values = plan.environment === undefined ? {} : spec.environments[plan.environment].variables;
  const baseProfiles = new Map(spec.profiles.map((profile) => [profile.fieldPath.join('.'), profile]));
  const own = plan.profiles.filter((profile) => !isFleetModuleItem(moduleInterface, profile));
  const planned = planFleets(spec, plan, 'for_each').fleets;
  const fleets = moduleInterface.fleets.map(({ bound }) => planned.find((candidate) => candidate.fleet === bound.fleet) ?? { ...bound, items: [] });
  const addresses = own.flatMap((profile) => {
    const key = profile.fieldPath.join('.');
    return moduleAddresses(profile, baseProfiles.get(key)!, moduleInterface.switches.get(key));
  });
  const importTargets = new Map(addresses.map(({ from, resource }) => [from, resource]));
  return {
    fleets,
    call: {
      source,
      inputs: {
        ...Object.fromEntries(moduleInterface.inputs.filter((input) => input.name in values).map((input) => [input.name, values[input.name]])),
        ...createValues(moduleInterface, plan.profiles),
      },
      imports: importsOf([flatConfig]).map((block) => ({ ...block, to: importTargets.get(block.to) ?? block.to })),
      renames: own.flatMap(instanceRenames),
      moved: [
        ...addresses.map(({ from, to }) => ({ from, to })),
        // A fleet of the flat root is one module call with for_each already: it moves as a whole.
        ...fleets.filter((fleet) => fleet.items.length).map(({ name }) => ({ from: `module.${name}`, to: `module.${name}` })),
      ],
    },
  };
}

/**
 * Where each resource of a flat root's profile is in the module (see `movedAddresses`), with
 * the profile's switches: `to` is where its state moves (an instance into the module's former
 * address for it, which the module moves on), `resource` the resource itself (what an import
 * block aims at).
 */
function moduleAddresses(
  flat: ResolvedProfileSpec,
  base: ResolvedProfileSpec,
  profileSwitch: ProfileSwitch | undefined,
): Array<{ from: string; to: string; resource: string }> {
  const launches = flat.instance?.existingId === undefined;
  const instance = `${instanceKind.type}.${profileNames(base).instance}`;
  return movedAddresses(flat, base).map(({ from, to }) => {
    const isInstance = to.startsWith(`${instanceKind.type}.`);
    const resource = switchedAddress(isInstance ? instance : to, profileSwitch, launches);
    // The module's own move carries an adopted instance on from its former address; a launched one has none.
    const movesOn = isInstance && to !== instance && !(profileSwitch?.adoptInput && launches);
    return { from, to: movesOn ? to : resource, resource };
  });
}

/** The value of each create switch in a root of the stack holding `profiles`: whether the stack has the profile. */
function createValues(moduleInterface: ModuleInterface, profiles: readonly ResolvedProfileSpec[]): Record<string, boolean> {
  const keys = new Set(profiles.map((profile) => profile.fieldPath.join('.')));
  return Object.fromEntries([...moduleInterface.switches].flatMap(([key, { create }]) => (create ? [[create, keys.has(key)]] : [])));
}
