/**
 * The tool's own defaults never trip its own rules: a rule whose non-compliant value is a
 * deliberate default (`SecurityRule.quietOnToolDefault`: detailed monitoring, off because it
 * costs money) reports a profile only when its spec sets that value itself. The rules read the
 * synthesized Terraform, where a default and the same value written in the spec look alike; the
 * resolved spec leaves a field it was not given unset (`appliedDefault` in the schema), so this
 * step, which has the spec, tells them apart.
 */
import { formatFieldPath } from '../spec/spec-error';
import type { ResolvedProfileSpec } from '../spec/model';
import type { Finding } from './finding';
import type { SecurityRule } from './rules/security-rule';

/** `findings` of `profile` without those raised only by a tool default the profile's spec leaves unset. */
export function withoutToolDefaultFindings(profile: ResolvedProfileSpec, findings: readonly Finding[], rules: readonly SecurityRule[]): Finding[] {
  const quiet = new Map<string, string>();
  for (const { id, quietOnToolDefault: field } of rules) {
    if (field && valueAt(profile, field) === undefined) quiet.set(id, formatFieldPath([...profile.fieldPath, ...field]));
  }
  return quiet.size === 0 ? [...findings] : findings.filter((finding) => quiet.get(finding.rule) !== formatFieldPath(finding.path));
}

/** The value at `field` of the profile as resolved; `undefined` when the spec does not set it. */
function valueAt(profile: ResolvedProfileSpec, field: readonly string[]): unknown {
  let value: unknown = profile;
  for (const key of field) value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  return value;
}
