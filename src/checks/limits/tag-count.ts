/**
 * At most 50 tags on a role, an instance profile or an instance. The provider's default tags
 * are added to every resource, and the instance also gets its Name tag, so they count too.
 */
import type { ResolvedProfileSpec, ResolvedSpec } from '../../spec/model';
import { CHECK_IDS } from '../check-ids';
import type { EffectiveInstance } from '../effective-instance';
import type { FieldPath } from '../field-path';
import type { Finding } from '../finding';
import { checkError } from '../make-finding';

/** Tags per role, instance profile or instance. */
export const MAX_TAGS = 50;

/** Errors for each resource of the profile with more than 50 tags. */
export function checkTagCounts(spec: ResolvedSpec, profile: ResolvedProfileSpec, instance: EffectiveInstance | undefined): Finding[] {
  const withDefaults = (tags: Readonly<Record<string, string>>) => ({ ...spec.defaultTags, ...tags });
  return [
    ...checkTagCount('role', withDefaults(profile.role.tags), [...profile.fieldPath, 'role', 'tags']),
    ...checkTagCount('instance profile', withDefaults(profile.instanceProfile.tags ?? {}), [...profile.fieldPath, 'instanceProfile', 'tags']),
    ...(instance?.tags ? checkTagCount('instance', instance.tags, [...instance.path, 'tags']) : []),
  ];
}

function checkTagCount(resource: string, tags: Readonly<Record<string, string>>, path: FieldPath): Finding[] {
  const total = Object.keys(tags).length;
  if (total <= MAX_TAGS) return [];
  return [
    checkError(
      CHECK_IDS.tagCount,
      path,
      `the ${resource} gets ${total} tags (defaultTags${resource === 'instance' ? ', its Name tag' : ''} included); AWS allows at most ${MAX_TAGS} per resource`,
    ),
  ];
}
