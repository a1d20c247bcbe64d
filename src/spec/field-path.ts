/** Field paths of findings: segments from the spec root, e.g. `["profiles", 0, "role", "name"]`. */

/** A field path as a finding carries it. */
export type FieldPath = ReadonlyArray<string | number>;

/**
 * Orders two field paths segment by segment: list indexes numerically (`[2]` before `[10]`),
 * names by code unit, a path before the paths inside it.
 */
export function compareFieldPaths(a: FieldPath, b: FieldPath): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const order = compareSegments(a[i], b[i]);
    if (order !== 0) return order;
  }
  return a.length - b.length;
}

/** Whether `path` is `prefix` or lies inside it. */
export function isWithin(path: FieldPath, prefix: FieldPath): boolean {
  return prefix.length <= path.length && prefix.every((segment, i) => path[i] === segment);
}

function compareSegments(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'number') return -1;
  if (typeof b === 'number') return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
