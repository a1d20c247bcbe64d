/**
 * Which instance profiles of an export `import` takes: by name or glob (`*` and `?` only), by
 * IAM path prefix, by tag. Every criterion given must hold.
 */
import type { ExportInstanceProfile, ExportRole } from './authorization-model';
import type { ExportTag } from './export-fields';

/** What to take; an absent criterion takes every profile. */
export interface ImportSelection {
  /** An instance profile name, or a glob of names with `*` (any run of characters) and `?` (one character). @default - every profile */
  readonly profile?: string;
  /** A path prefix, as `--path-prefix` of the AWS CLI: the instance profile's path or its role's starts with it. @default - any path */
  readonly path?: string;
  /** A tag that the role or the instance profile carries. @default - any tags */
  readonly tag?: ExportTag;
}

/** Whether `name` matches the glob `pattern` (`*` and `?`; every other character stands for itself). */
export function matchesGlob(pattern: string, name: string): boolean {
  const source = [...pattern].map((char) => (char === '*' ? '[^]*' : char === '?' ? '[^]' : char.replace(/[\\^$.|+()[\]{}]/g, '\\$&'))).join('');
  return new RegExp(`^${source}$`, 'u').test(name);
}

/** `key=value` as a tag; `undefined` when there is no `=` or the key is empty. */
export function parseTagCriterion(text: string): ExportTag | undefined {
  const at = text.indexOf('=');
  if (at <= 0) return undefined;
  return { key: text.slice(0, at), value: text.slice(at + 1) };
}

/** Whether the profile (holding `role`, when the export has it) is selected. */
export function isSelected(selection: ImportSelection, profile: ExportInstanceProfile, role: ExportRole | undefined): boolean {
  if (selection.profile !== undefined && !matchesGlob(selection.profile, profile.name)) return false;
  const prefix = selection.path;
  if (prefix !== undefined && !profile.path.startsWith(prefix) && !(role?.path.startsWith(prefix) ?? false)) return false;
  const tag = selection.tag;
  if (tag === undefined) return true;
  const carries = (tags: readonly ExportTag[] | undefined) => (tags ?? []).some((other) => other.key === tag.key && other.value === tag.value);
  return carries(role?.tags) || carries(profile.tags);
}
