/**
 * One spec from the exports of several accounts, one per environment. A profile whose
 * instance profile name is in several environments becomes one profile: where its strings
 * differ between them (an instance id, an account id in an ARN), the profile reads a variable,
 * `{{var.<profile>_<field>}}`, that each environment sets; where it is in some environments
 * only, it says so (`environments: [prod]`). Profiles of the same name that differ in more than
 * strings (another policy, another tag key, a session duration) stay apart, one per
 * environment.
 */
import { terraformName } from '../naming';
import { compareText } from '../text/compare-text';
import { fieldNameOf, rebuiltWithStrings, shapeOf, stringsOf } from './profile-shape';
import { pushTo } from '../text/multimap';

/** One environment's side of the merge. */
export interface EnvironmentProfiles {
  /** The environment's name (a key of the spec's environments). */
  readonly environment: string;
  /** Its imported profiles, documents inline. */
  readonly profiles: ReadonlyArray<Record<string, unknown>>;
}

/** The merged profiles, and the variables they read. */
export interface MergedEnvironments {
  /** By instance profile name, then in environment order where they stay apart. */
  readonly profiles: ReadonlyArray<Record<string, unknown>>;
  /** The spec's variables, by name: each with an example (the first environment's value), which the checks and proofs read. */
  readonly variables: Readonly<Record<string, { readonly description: string; readonly example: string }>>;
  /** Each environment's variable values, by environment. */
  readonly values: ReadonlyMap<string, Record<string, string>>;
}

/** Merges each environment's profiles by instance profile name. */
export function mergeEnvironments(sides: readonly EnvironmentProfiles[]): MergedEnvironments {
  const everywhere = sides.map((side) => side.environment);
  const byName = new Map<string, Array<{ environment: string; profile: Record<string, unknown> }>>();
  for (const { environment, profiles } of sides) {
    for (const profile of profiles) {
      const name = instanceProfileName(profile);
      pushTo(byName, name, { environment, profile });
    }
  }
  const profiles: Array<Record<string, unknown>> = [];
  const variables: Record<string, { description: string; example: string }> = {};
  const values = new Map(everywhere.map((environment): [string, Record<string, string>] => [environment, {}]));
  const takenVariables = new Set<string>();
  for (const name of [...byName.keys()].sort(compareText)) {
    const entries = byName.get(name)!;
    const shapes = new Set(entries.map(({ profile }) => shapeOf(profile)));
    if (shapes.size !== 1 || shapes.has(undefined)) {
      for (const { environment, profile } of entries) profiles.push(limitedTo(profile, [environment], everywhere));
      continue;
    }
    const columns = entries.map(({ profile }) => stringsOf(profile));
    const texts = columns[0].map(({ path }, position) => {
      const column = columns.map((strings) => strings[position].text);
      if (column.every((text) => text === column[0])) return column[0];
      let variable = `${terraformName(name)}_${terraformName(fieldNameOf(path))}`.slice(0, 64).replace(/_+$/, '');
      for (let n = 2; takenVariables.has(variable); n += 1) variable = `${variable.slice(0, 60)}_${n}`;
      takenVariables.add(variable);
      variables[variable] = { description: `${path.join('.')} of instance profile ${name}, per environment.`, example: column[0] };
      entries.forEach(({ environment }, index) => (values.get(environment)![variable] = column[index]));
      return `{{var.${variable}}}`;
    });
    profiles.push(
      limitedTo(
        rebuiltWithStrings(entries[0].profile, texts),
        entries.map(({ environment }) => environment),
        everywhere,
      ),
    );
  }
  return { profiles, variables, values };
}

function instanceProfileName(profile: Record<string, unknown>): string {
  return String((profile.instanceProfile as { name?: unknown } | undefined)?.name ?? '');
}

/** The profile, with `environments` when it is not in every one. */
function limitedTo(profile: Record<string, unknown>, environments: readonly string[], everywhere: readonly string[]): Record<string, unknown> {
  return environments.length === everywhere.length ? profile : { environments: [...environments], ...profile };
}
