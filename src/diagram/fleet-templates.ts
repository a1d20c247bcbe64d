/**
 * How a diagram draws the fleets of a stack: the items of a fleet are built from one template,
 * so only the first item of each fleet in the stack is drawn, marked as the template with the
 * number of items the stack holds. Profiles listed under `profiles` are drawn in full.
 */
import { formatFieldPath } from '../spec/spec-error';
import type { ResourceOrigin, SpecPath } from '../spec/resource-origin';

/** Which resources of a stack stand for a fleet, and which are left out. */
export interface FleetTemplates {
  /** Addresses of the resources of every fleet item but the first of its fleet in the stack. */
  readonly hidden: ReadonlySet<string>;
  /** What the label of each resource of a first item adds, by address: `template × 500 (fleets[0])`. */
  readonly notes: ReadonlyMap<string, string>;
}

/** A fleet item of the spec: `fleets[fleet].items[item]`. */
interface FleetItem {
  readonly fleet: number;
  readonly item: number;
}

/**
 * Groups the resources of a stack by fleet, from their origins (`fleets[0].items[17]`): the
 * resources of the lowest-numbered item of each fleet are its template, the others are hidden.
 * Resources without an origin, or of a listed profile, are neither.
 */
export function fleetTemplates(origins: ReadonlyMap<string, ResourceOrigin>): FleetTemplates {
  const itemsByFleet = new Map<number, Set<number>>();
  for (const { profile } of origins.values()) {
    const at = fleetItemOf(profile);
    if (!at) continue;
    const items = itemsByFleet.get(at.fleet) ?? new Set<number>();
    itemsByFleet.set(at.fleet, items.add(at.item));
  }
  const templates = new Map<number, { item: number; note: string }>();
  for (const [fleet, items] of itemsByFleet) {
    const item = [...items].reduce((a, b) => Math.min(a, b));
    templates.set(fleet, { item, note: `template × ${items.size} (${formatFieldPath(['fleets', fleet])})` });
  }

  const hidden = new Set<string>();
  const notes = new Map<string, string>();
  for (const [address, { profile }] of origins) {
    const at = fleetItemOf(profile);
    if (!at) continue;
    const template = templates.get(at.fleet)!;
    if (at.item === template.item) notes.set(address, template.note);
    else hidden.add(address);
  }
  return { hidden, notes };
}

/** The fleet item a profile path names, or undefined for a listed profile (`profiles[3]`) or none. */
function fleetItemOf(profile: SpecPath): FleetItem | undefined {
  const [root, fleet, items, item] = profile;
  if (profile.length !== 4 || root !== 'fleets' || items !== 'items' || typeof fleet !== 'number' || typeof item !== 'number') return undefined;
  return { fleet, item };
}
