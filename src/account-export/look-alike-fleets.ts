/**
 * Look-alike profiles as fleets. Accounts made by scripts hold hundreds or thousands of
 * profiles that differ only in names, buckets and instance ids (`team0042-writer`,
 * `team0042-bucket`, …). The import writes each group of at least {@link FLEET_MIN_ITEMS} such
 * profiles as one fleet: a template with a `{{field}}` placeholder where the members differ, and
 * one item per member with its values. Synthesis then deploys the group with `for_each`, the
 * spec stays reviewable, and the import's no-change proof covers every item.
 *
 * The grouping is exact, never approximate: profiles are grouped only when they have the same
 * shape (the same keys, array lengths, numbers and booleans; only strings may differ), and
 * filling the template with a member's item gives that member's profile string for string
 * (each placeholder stands for a part of a string, between separators, where the members
 * differ). Profiles whose strings hold `{{` or `}}` are never grouped: the template
 * would read them as placeholders.
 */
import { describedPath, type ProfilePath, rebuiltWithStrings, shapeOf, stringsOf, textsOf } from './profile-shape';
import { pushTo } from '../text/multimap';

/** The fewest look-alike profiles written as a fleet; fewer stay profiles of their own. */
export const FLEET_MIN_ITEMS = 10;

/** A group of look-alike profiles as a fleet. */
export interface LookAlikeFleet {
  /** The profile with a placeholder where the members differ. */
  readonly template: Record<string, unknown>;
  /** One per member, in the members' order: the value of each placeholder. */
  readonly items: ReadonlyArray<Readonly<Record<string, string>>>;
  /** The members, as positions in the profiles given. */
  readonly members: readonly number[];
}

/** The profiles given, split into fleets and those that stay profiles of their own. */
export interface GroupedProfiles {
  /** Positions of the profiles that are not in a fleet, in order. */
  readonly alone: readonly number[];
  /** The fleets, in the order of their first member. */
  readonly fleets: readonly LookAlikeFleet[];
}

/** Where the parts of a name or an ARN meet: a placeholder starts and ends at one of these. */
const SEPARATORS = new Set(['-', '_', '.', '/', ':', '@', '+', '=', ',', ' ']);

/** A run of {@link SEPARATORS}, kept when a string is split at them. */
const SEPARATOR_RUN = /([-_./:@+=, ]+)/;

/** Groups `profiles` (plain values, as the spec writes them) into fleets of look-alikes, of at least `minItems` members. */
export function groupLookAlikes(profiles: ReadonlyArray<Record<string, unknown>>, minItems = FLEET_MIN_ITEMS): GroupedProfiles {
  const byShape = new Map<string, number[]>();
  profiles.forEach((profile, index) => {
    const key = shapeOf(profile);
    if (key === undefined) return;
    pushTo(byShape, key, index);
  });
  const grouped = new Set<number>();
  const fleets: LookAlikeFleet[] = [];
  for (const members of byShape.values()) {
    if (minItems < 1 || members.length < Math.max(minItems, 2)) continue;
    fleets.push(
      fleetOf(
        members.map((index) => profiles[index]),
        members,
      ),
    );
    for (const index of members) grouped.add(index);
  }
  fleets.sort((a, b) => a.members[0] - b.members[0]);
  return { alone: profiles.map((_, index) => index).filter((index) => !grouped.has(index)), fleets };
}

function fleetOf(profiles: ReadonlyArray<Record<string, unknown>>, members: readonly number[]): LookAlikeFleet {
  const paths = stringsOf(profiles[0]).map(({ path }) => path);
  const texts = profiles.map((profile) => textsOf(profile));
  const fields: Array<{ values: readonly string[]; paths: ProfilePath[] }> = [];
  const fieldOfValues = new Map<string, number>();
  const fieldOf = (values: readonly string[], path: ProfilePath): number => {
    const key = values.join('\0');
    let field = fieldOfValues.get(key);
    if (field === undefined) {
      field = fields.push({ values, paths: [] }) - 1;
      fieldOfValues.set(key, field);
    }
    fields[field].paths.push(path);
    return field;
  };
  const pieces = paths.map((path, position) =>
    segmentsOf(texts.map((member) => member[position])).map((segment) => (typeof segment === 'string' ? segment : fieldOf(segment.values, path))),
  );
  const names = fieldNames(fields.map(({ paths }) => paths));
  const templateText = pieces.map((segments) => segments.map((segment) => (typeof segment === 'string' ? segment : `{{${names[segment]}}}`)).join(''));
  const items = profiles.map((_, member) => Object.fromEntries(fields.map(({ values }, field) => [names[field], values[member]])));
  return { template: rebuiltWithStrings(profiles[0], templateText), items, members };
}

/** Text the members share, or where they differ: each member's value, in member order. */
type Segment = string | { readonly values: readonly string[] };

/**
 * One string of every member as shared text and differing parts. Where the members' strings
 * have the same parts between the same separators (`team0042-write statement 0 allows …`), each
 * part that differs is a placeholder of its own; otherwise the part between the prefix and the
 * suffix they all share is one ({@link differingPart}).
 */
function segmentsOf(column: readonly string[]): Segment[] {
  if (column.every((text) => text === column[0])) return [column[0]];
  const split = column.map((text) => text.split(SEPARATOR_RUN)); // odd positions: the separators
  const [first] = split;
  const sameLayout = split.every((parts) => parts.length === first.length && parts.every((part, i) => i % 2 === 0 || part === first[i]));
  if (sameLayout) {
    const segments = first.map((part, i): Segment => {
      const values = split.map((parts) => parts[i]);
      return values.every((value) => value === part) ? part : { values };
    });
    if (segments.every((segment) => typeof segment === 'string' || segment.values.every((value) => value !== ''))) return segments;
  }
  const { prefix, suffix, values } = differingPart(column);
  return [prefix, { values }, suffix].filter((segment) => segment !== '');
}

/**
 * The prefix and suffix every text of `column` shares, each ending (or starting) at a
 * separator so that a placeholder stands for whole parts of a name; and what is left of each
 * text between them. The whole texts when a member would be left with nothing.
 */
function differingPart(column: readonly string[]): { prefix: string; suffix: string; values: string[] } {
  const shortest = Math.min(...column.map((text) => text.length));
  let prefixLength = 0;
  while (prefixLength < shortest && column.every((text) => text[prefixLength] === column[0][prefixLength])) prefixLength += 1;
  while (prefixLength > 0 && !SEPARATORS.has(column[0][prefixLength - 1])) prefixLength -= 1;
  let suffixLength = 0;
  const at = (text: string, fromEnd: number) => text[text.length - 1 - fromEnd];
  while (suffixLength < shortest - prefixLength && column.every((text) => at(text, suffixLength) === at(column[0], suffixLength))) suffixLength += 1;
  while (suffixLength > 0 && !SEPARATORS.has(at(column[0], suffixLength - 1))) suffixLength -= 1;
  const values = column.map((text) => text.slice(prefixLength, text.length - suffixLength));
  if (values.some((value) => value === '')) return { prefix: '', suffix: '', values: [...column] };
  return { prefix: column[0].slice(0, prefixLength), suffix: column[0].slice(column[0].length - suffixLength), values };
}

/** Each placeholder's name, the most telling of the fields it fills ({@link describedPath}), made unique in the order of first use. */
function fieldNames(pathsOfFields: ReadonlyArray<readonly ProfilePath[]>): string[] {
  const taken = new Set<string>();
  return pathsOfFields.map((paths) => {
    const [base] = paths.map(describedPath).sort((a, b) => a.rank - b.rank);
    let name = base.name;
    for (let n = 2; taken.has(name); n += 1) name = `${base.name}_${n}`;
    taken.add(name);
    return name;
  });
}
