import { Token } from 'cdktf';

/** The tags, or none when there are none; a token (a Terraform expression for a map) is kept. */
export function nonEmptyTags(tags: Record<string, string> | undefined): Record<string, string> | undefined {
  return tags && (Token.isUnresolved(tags) || Object.keys(tags).length) ? tags : undefined;
}
