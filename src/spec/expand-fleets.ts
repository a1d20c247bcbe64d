/**
 * Expands fleets: each item of a fleet's table fills the `{{field}}` placeholders of the
 * template, and the result is validated as a profile. Problems name the fleet, the item and
 * the field (`fleets[0].items[17].role.name`).
 */
import { SchemaIssue } from './schema-kit';
import { isPlainObject } from '../text/plain-object';
import { profileSchema, ProfileSpec, Spec } from './spec-schema';
import { fillVariables, type VariableUse } from './spec-variables';

/** A profile with the place it was declared at: `["profiles", 3]` or `["fleets", 0, "items", 17]`. */
export interface PlacedProfile {
  readonly profile: ProfileSpec;
  readonly fieldPath: ReadonlyArray<string | number>;
}

/** At most this many problems are listed per fleet; a broken template would repeat one per item. */
const MAX_ISSUES_PER_FLEET = 20;

/** Expands every fleet; the `{{var.…}}` placeholders of each item are filled and their uses added to `uses`. */
export function expandFleets(spec: Spec, issues: SchemaIssue[], uses: VariableUse[]): PlacedProfile[] {
  const placed: PlacedProfile[] = spec.profiles.map((profile, p) => ({ profile, fieldPath: ['profiles', p] }));
  spec.fleets.forEach((fleet, f) => {
    const fleetIssues: SchemaIssue[] = [];
    fleet.items.forEach((item, i) => {
      const fieldPath = ['fleets', f, 'items', i];
      const expanded = fillVariables(fillPlaceholders(fleet.template, item, fieldPath, fleetIssues), fieldPath, spec.variables, uses, fleetIssues);
      const profile = profileSchema.parse(expanded, fieldPath, fleetIssues);
      if (profile) placed.push({ profile, fieldPath });
    });
    issues.push(...fleetIssues.slice(0, MAX_ISSUES_PER_FLEET));
    if (fleetIssues.length > MAX_ISSUES_PER_FLEET) {
      issues.push({ path: ['fleets', f], message: `${fleetIssues.length - MAX_ISSUES_PER_FLEET} more problems in this fleet not listed` });
    }
  });
  return placed;
}

/** Copies `template`, replacing `{{name}}` in every string (keys included) by the item's value. */
function fillPlaceholders(
  template: unknown,
  item: Readonly<Record<string, string>>,
  fieldPath: ReadonlyArray<string | number>,
  issues: SchemaIssue[],
): unknown {
  const fill = (text: string): string =>
    !text.includes('{{')
      ? text
      : text.replace(/\{\{\s*([A-Za-z0-9_-]+)\s*\}\}/g, (whole, name: string) => {
          if (name in item) return item[name];
          issues.push({ path: fieldPath, message: `has no "${name}", which the template uses as ${whole}` });
          return whole;
        });
  const visit = (value: unknown): unknown => {
    if (typeof value === 'string') return fill(value);
    if (Array.isArray(value)) return value.map(visit);
    if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([key, child]) => [fill(key), visit(child)]));
    return value;
  };
  return visit(template);
}
