/**
 * Which of a stack's profiles are deployed as fleet module instances (`for_each`), and which as
 * profiles of their own: listed profiles, every profile in the expanded form, and the items of a
 * fleet whose template cannot be bound (see `bindFleet`).
 */
import type { ResolvedProfileSpec, ResolvedSpec } from '../spec/model';
import type { StackPlan } from '../spec/plan-stacks';
import { formatFieldPath } from '../spec/spec-error';
import { bindFleet, type BoundFleet, fleetOf, type FleetForm } from './fleet-template';

/** A stack's profiles, split by how they are deployed. */
export interface PlannedFleets {
  /** Profiles with resources of their own. */
  readonly profiles: readonly ResolvedProfileSpec[];
  /** Fleets deployed as one module call with `for_each`. */
  readonly fleets: readonly BoundFleet[];
  /** Why a fleet is expanded although the for_each form was asked for: `fleets[1]: …`. */
  readonly notes: readonly string[];
}

export function planFleets(spec: ResolvedSpec, plan: StackPlan, form: FleetForm): PlannedFleets {
  if (form === 'expanded') return { profiles: plan.profiles, fleets: [], notes: [] };
  const itemsByFleet = new Map<number, ResolvedProfileSpec[]>();
  const profiles: ResolvedProfileSpec[] = [];
  for (const profile of plan.profiles) {
    const fleet = fleetOf(profile);
    if (fleet === undefined) profiles.push(profile);
    else
      itemsByFleet
        .set(fleet, itemsByFleet.get(fleet) ?? [])
        .get(fleet)!
        .push(profile);
  }
  const values = plan.environment === undefined ? {} : spec.environments[plan.environment].variables;
  const fleets: BoundFleet[] = [];
  const notes: string[] = [];
  for (const [fleet, items] of itemsByFleet) {
    const bound = bindFleet(spec, fleet, items, values);
    if ('items' in bound) {
      fleets.push(bound);
    } else {
      profiles.push(...items);
      notes.push(`${formatFieldPath(['fleets', fleet])}: each item gets resources of its own in ${plan.name} (no for_each): ${bound.reason}`);
    }
  }
  return { profiles, fleets, notes };
}
