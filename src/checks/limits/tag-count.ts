/**
 * At most 50 tags on a role, an instance profile or an instance. The provider's default tags
 * are added to every resource (`tags_all`), and the instance also gets its Name tag, so they count too.
 */
import { CHECK_IDS } from '../check-ids';
import type { FieldPath } from '../../spec/field-path';
import type { Finding } from '../finding';
import { checkError } from '../make-finding';

/** Tags per role, instance profile or instance. */
export const MAX_TAGS = 50;

/** An error when a resource gets more than 50 tags; `tags` are all it gets (the provider's default tags included). */
export function checkTagCount(resource: string, tags: Readonly<Record<string, string>>, path: FieldPath): Finding[] {
  const total = Object.keys(tags).length;
  if (total <= MAX_TAGS) return [];
  return [
    checkError(
      CHECK_IDS.tagCount,
      path,
      `the ${resource} gets ${total} tags (the provider's default tags${resource === 'instance' ? ' and its Name tag' : ''} included); AWS allows at most ${MAX_TAGS} per resource`,
    ),
  ];
}
