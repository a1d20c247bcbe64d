/**
 * The rule of a `tags` field, shared by every spec object that tags its resources (the policy,
 * the role, the instance profile, the instance, the provider's default tags): key: value pairs,
 * each value at most 256 characters (AWS's limit).
 */
import { s } from './schema-kit';

/** A `tags` field: give it the description of what it tags. */
export const tags = () => s.record(s.string({ maxLength: 256 })).describe('Tags as key: value pairs.');
