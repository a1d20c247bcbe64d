/**
 * Arguments whose text a plan may hold only as a hash (`user_data`, marked `hashedInPlan` in the
 * resource kinds). The AWS provider 5.x plans and stores `user_data` as the SHA-1 of the text in
 * hexadecimal (40 lowercase hex digits, of the base64-decoded bytes when the text is base64);
 * 6.x plans and stores the text itself. Which one a plan holds is told by the value, so a plan
 * of either version is read without knowing it: the plan JSON does not say the provider's
 * version, and a 6.x plan of an instance whose state 5.x wrote may still hold the old hash.
 */

/** The form of the provider 5.x hash of a text: its SHA-1 as 40 lowercase hexadecimal digits. */
const PROVIDER_HASH = /^[0-9a-f]{40}$/;

/**
 * The text of a hashed-in-5.x argument: the planned value when it is the text (a 6.x plan),
 * else (a hash, a value known only after apply, or none planned) the configuration's text when
 * the plan says it (`configured`: a constant or a root variable), else `undefined`.
 */
export function plainTextOf(planned: unknown, configured: unknown): string | undefined {
  if (typeof planned === 'string' && !PROVIDER_HASH.test(planned)) return planned;
  return typeof configured === 'string' ? configured : undefined;
}
