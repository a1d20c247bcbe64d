/**
 * A fleet as one template and a table of items, as Terraform deploys it with `for_each`: the
 * template's fields that hold `{{field}}` placeholders become module variables, every other
 * field keeps the spec's value. The template is bound once per stack and checked against every
 * item the spec expanded: each item's profile must be exactly the template with the item's
 * values, so the module instance Terraform makes for the item is the profile the checks and
 * proofs read. A fleet that cannot be bound so (a placeholder in a mapping key or in a policy
 * document's file name) is deployed expanded, one set of resources per item, and says why.
 */
import { terraformName } from '../naming';
import type { ResolvedProfileSpec, ResolvedSpec } from '../spec/model';
import { isPlainObject } from '../text/plain-object';
import type { FleetSpec } from '../spec/spec-schema';
import { replacePlaceholders, valueOfVariable } from '../spec/spec-variables';

/** How a fleet's items become resources: one module instance each (`for_each`), or one set of resources each. */
export type FleetForm = 'for_each' | 'expanded';

/** One item of a bound fleet. */
export interface BoundFleetItem {
  /** The `for_each` key: the item's instance profile name (as the spec names it, in every environment). */
  readonly key: string;
  /** The values of the fields the template uses. */
  readonly values: Readonly<Record<string, string>>;
  /** The item's profile as the spec expanded it. */
  readonly profile: ResolvedProfileSpec;
}

/** A fleet's template bound to the item fields it uses, with the items of one stack. */
export interface BoundFleet {
  /** Position in `fleets`. */
  readonly fleet: number;
  /** Terraform name of the module call. */
  readonly name: string;
  /** The item fields the template uses, sorted: the module's variables. */
  readonly fields: readonly string[];
  /** The template as a profile: each field that uses item values holds {@link fieldSlot} markers. */
  readonly template: ResolvedProfileSpec;
  /** The IAM names that give the module's resources their Terraform names (placeholders left out). */
  readonly naming: ResolvedProfileSpec;
  readonly items: readonly BoundFleetItem[];
  /** Add `moved` blocks from the expanded form's addresses. */
  readonly moveExpandedState: boolean;
}

/** Why a fleet is deployed expanded. */
export interface UnboundFleet {
  readonly fleet: number;
  readonly reason: string;
}

/** Where an item value goes in {@link BoundFleet.template}'s strings. */
export function fieldSlot(field: string): string {
  return `\u0000${field}\u0000`;
}

const SLOT = /\u0000([A-Za-z0-9_-]+)\u0000/g;

/** Replaces each slot of `text` by what `replacement` gives for its field. */
export function fillSlots(text: string, replacement: (field: string) => string): string {
  return text.replace(SLOT, (_, field: string) => replacement(field));
}

/** An item placeholder: `{{team}}` (not `{{var.team}}`, a module variable). */
const ITEM_PLACEHOLDER = /\{\{\s*([A-Za-z0-9_-]+)\s*\}\}/g;

/** The Terraform name of a fleet's module call. */
export function fleetName(spec: Pick<ResolvedSpec, 'fleets'>, fleet: number): string {
  return spec.fleets[fleet].name ?? `fleet_${fleet + 1}`;
}

/** The position in `fleets` of a fleet item's profile, or undefined for a listed profile. */
export function fleetOf(profile: ResolvedProfileSpec): number | undefined {
  const [root, fleet] = profile.fieldPath;
  return root === 'fleets' && typeof fleet === 'number' ? fleet : undefined;
}

/**
 * Binds fleet `fleet`'s template to the items of one stack (`items`, as the spec expanded them
 * for the stack's environment, whose variable values are `environmentValues`).
 */
export function bindFleet(
  spec: ResolvedSpec,
  fleet: number,
  items: readonly ResolvedProfileSpec[],
  environmentValues: Readonly<Record<string, unknown>> = {},
): BoundFleet | UnboundFleet {
  const fleetSpec = spec.fleets[fleet];
  const keyPlaceholder = placeholderInKey(fleetSpec.template);
  if (keyPlaceholder)
    return { fleet, reason: `the mapping key ${JSON.stringify(keyPlaceholder)} holds an item placeholder; Terraform module variables fill values, not keys` };
  const variableValue = (name: string) => String(name in environmentValues ? environmentValues[name] : valueOfVariable(spec.variables[name]));
  const uses = itemUses(fleetSpec);
  const template = JSON.parse(placelessJson(items[0])) as Record<string, unknown>;
  for (const use of uses) {
    const slotted = replacePlaceholders(use.template, variableValue).replace(ITEM_PLACEHOLDER, (_, field: string) => fieldSlot(field));
    if (!setAt(template, use.path, slotted))
      return { fleet, reason: `${use.path.join('.')} is not a field of the profile it expands to (a file name, read at load)` };
  }
  const compared = fieldsOf(uses);
  // Expectations and suppressions are read by the checks and proofs only: their fields are no module variables.
  const fields = fieldsOf(uses.filter((use) => !OUTSIDE_TERRAFORM.has(String(use.path[0]))));
  const templateJson = JSON.stringify(template);
  const bound: BoundFleetItem[] = [];
  for (const profile of items) {
    const row = fleetSpec.items[profile.fieldPath[3] as number];
    const values = Object.fromEntries(compared.map((field) => [field, row[field]]));
    const expected = templateJson.replace(/\\u0000([A-Za-z0-9_-]+)\\u0000/g, (_, field: string) => JSON.stringify(values[field]).slice(1, -1));
    if (expected !== placelessJson(profile)) {
      return { fleet, reason: `item ${profile.fieldPath[3]} is not the template with its values (a value the spec turns into more than text)` };
    }
    bound.push({ key: (profile.namedAs ?? profile).instanceProfile.name, values: Object.fromEntries(fields.map((field) => [field, row[field]])), profile });
  }
  const keys = new Set(bound.map((item) => item.key));
  if (keys.size < bound.length) return { fleet, reason: 'two items have the same instance profile name, which for_each takes as their key' };
  const resolvedTemplate = template as unknown as ResolvedProfileSpec;
  return {
    fleet,
    name: fleetName(spec, fleet),
    fields,
    template: { ...resolvedTemplate, fieldPath: ['fleets', fleet, 'template'] },
    naming: namingProfile(resolvedTemplate),
    items: bound,
    moveExpandedState: fleetSpec.moveExpandedState,
  };
}

/** The item fields a fleet's template fills (`{{field}}` in any of its strings, expectations included), sorted. */
export function templateFields(fleet: FleetSpec): string[] {
  return fieldsOf(itemUses(fleet));
}

function fieldsOf(uses: readonly ItemUse[]): string[] {
  return [...new Set(uses.flatMap((use) => [...use.template.matchAll(ITEM_PLACEHOLDER)].map((match) => match[1])))].sort();
}

/** Profile fields that are not deployed. */
const OUTSIDE_TERRAFORM = new Set(['expectations', 'suppressions']);

/** A use of item values: a string field of the template, by its path in the profile. */
interface ItemUse {
  readonly path: ReadonlyArray<string | number>;
  readonly template: string;
}

/** Every string of the template that holds an item placeholder; the instance profile name follows the role name when it is not given. */
function itemUses(fleet: FleetSpec): ItemUse[] {
  const uses: ItemUse[] = [];
  const visit = (node: unknown, path: ReadonlyArray<string | number>): void => {
    if (typeof node === 'string') {
      if (new RegExp(ITEM_PLACEHOLDER.source).test(node)) uses.push({ path, template: node });
    } else if (Array.isArray(node)) node.forEach((item, i) => visit(item, [...path, i]));
    else if (isPlainObject(node)) for (const [key, child] of Object.entries(node)) visit(child, [...path, key]);
  };
  visit(fleet.template, []);
  const instanceProfile = fleet.template.instanceProfile;
  const roleName = uses.find((use) => use.path.join('.') === 'role.name');
  if (roleName && !(isPlainObject(instanceProfile) && typeof instanceProfile.name === 'string'))
    uses.push({ path: ['instanceProfile', 'name'], template: roleName.template });
  return uses;
}

function placeholderInKey(node: unknown): string | undefined {
  if (Array.isArray(node)) return node.map(placeholderInKey).find((key) => key !== undefined);
  if (!isPlainObject(node)) return undefined;
  for (const [key, child] of Object.entries(node)) {
    if (new RegExp(ITEM_PLACEHOLDER.source).test(key)) return key;
    const nested = placeholderInKey(child);
    if (nested) return nested;
  }
  return undefined;
}

/** The profile as JSON, without where it was declared (which differs between items). */
function placelessJson(profile: ResolvedProfileSpec): string {
  return JSON.stringify({ ...profile, fieldPath: undefined, namedAs: undefined });
}

function setAt(target: Record<string, unknown>, path: ReadonlyArray<string | number>, value: unknown): boolean {
  let node: unknown = target;
  for (const segment of path.slice(0, -1)) {
    node = (node as Record<string | number, unknown>)[segment];
    if (node === null || typeof node !== 'object') return false;
  }
  const last = path[path.length - 1];
  if (typeof (node as Record<string | number, unknown>)[last] !== 'string') return false;
  (node as Record<string | number, unknown>)[last] = value;
  return true;
}

/**
 * The template's IAM names without their item values, for Terraform names inside the module:
 * `{{team}}-writer` → `writer`. A name that is nothing but placeholders, or that two policies
 * share, becomes the resource kind and its position.
 */
function namingProfile(template: ResolvedProfileSpec): ResolvedProfileSpec {
  const strip = (name: string, fallback: string) => {
    const rest = fillSlots(name, () => ' ');
    return terraformName(rest) === 'unnamed' ? fallback : rest;
  };
  const policyNames = template.policies.map((policy, i) => strip(policy.name, `policy ${i + 1}`));
  const unique = policyNames.map((name, i) =>
    policyNames.filter((other) => terraformName(other) === terraformName(name)).length > 1 ? `policy ${i + 1}` : name,
  );
  return {
    ...template,
    policies: template.policies.map((policy, i) => ({ ...policy, name: unique[i] })),
    role: {
      ...template.role,
      name: strip(template.role.name, 'role'),
      managedPolicies: template.role.managedPolicies.map((policy, i) => strip(policy, `managed policy ${i + 1}`)),
    },
    instanceProfile: { ...template.instanceProfile, name: strip(template.instanceProfile.name, 'instance profile') },
  };
}
