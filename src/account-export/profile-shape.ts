/**
 * A profile's shape and its strings: what makes imported profiles alike (the same keys, array
 * lengths, numbers and booleans) and where they may differ (their strings, in a fixed order).
 * Look-alike fleets and the environments' merge are built on them.
 */
import { isPlainObject } from '../text/plain-object';

/** Where a string is in a profile: keys and array positions. */
export type ProfilePath = ReadonlyArray<string | number>;

/** The profile with every string replaced by one mark, as text; `undefined` when a string (or key) could be read as a placeholder (`{{`, `}}`). */
export function shapeOf(value: unknown): string | undefined {
  let placeholderLike = false;
  const visit = (node: unknown): string => {
    if (typeof node === 'string') {
      if (looksLikePlaceholder(node)) placeholderLike = true;
      return '$';
    }
    if (Array.isArray(node)) return `[${node.map(visit).join(',')}]`;
    if (isPlainObject(node)) {
      return `{${Object.entries(node)
        .map(([key, child]) => {
          if (looksLikePlaceholder(key)) placeholderLike = true;
          return `${JSON.stringify(key)}:${visit(child)}`;
        })
        .join(',')}}`;
    }
    return JSON.stringify(node) ?? 'null';
  };
  const shape = visit(value);
  return placeholderLike ? undefined : shape;
}

function looksLikePlaceholder(text: string): boolean {
  return text.includes('{{') || text.includes('}}');
}

/** Every string of a profile with its path, in the shape's order. */
export function stringsOf(
  value: unknown,
  path: ProfilePath = [],
  out: Array<{ path: ProfilePath; text: string }> = [],
): Array<{ path: ProfilePath; text: string }> {
  if (typeof value === 'string') out.push({ path, text: value });
  else if (Array.isArray(value)) value.forEach((child, index) => stringsOf(child, [...path, index], out));
  else if (isPlainObject(value)) for (const [key, child] of Object.entries(value)) stringsOf(child, [...path, key], out);
  return out;
}

/** Every string of a profile, in {@link stringsOf}'s order, without their paths. */
export function textsOf(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const child of value) textsOf(child, out);
  else if (isPlainObject(value)) for (const child of Object.values(value)) textsOf(child, out);
  return out;
}

/** `profile` with its strings, in {@link stringsOf}'s order, replaced by `texts`. */
export function rebuiltWithStrings(profile: Record<string, unknown>, texts: readonly string[]): Record<string, unknown> {
  let next = 0;
  const fill = (node: unknown): unknown => {
    if (typeof node === 'string') return texts[next++];
    if (Array.isArray(node)) return node.map(fill);
    if (isPlainObject(node)) return Object.fromEntries(Object.entries(node).map(([key, child]) => [key, fill(child)]));
    return node;
  };
  return fill(profile) as Record<string, unknown>;
}

/**
 * A name for what a string is, from its path: a tag's key for a tag's value (`tags.team` →
 * `team`), the object's name for its `name` or `existingId` (`role.name` → `role`,
 * `policies[0].name` → `policy`), else its last two keys (`Statement_Resource`). `rank` orders
 * them from the most telling.
 */
export function describedPath(path: ProfilePath): { name: string; rank: number } {
  const keys = path.filter((part): part is string => typeof part === 'string');
  const [parent, last] = [keys.at(-2), keys.at(-1)];
  const clean = (text: string) => text.replace(/[^A-Za-z0-9_]+/g, '_').replace(/^_+|_+$/g, '') || 'value';
  if (parent === 'tags' && last) return { name: clean(last), rank: 0 };
  if (parent && (last === 'name' || last === 'existingId')) return { name: clean(parent === 'policies' ? 'policy' : parent), rank: 1 };
  return { name: clean(keys.slice(-2).join('_')), rank: 2 };
}

/** {@link describedPath}'s name. */
export function fieldNameOf(path: ProfilePath): string {
  return describedPath(path).name;
}
