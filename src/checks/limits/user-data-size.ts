/**
 * EC2's limit on user data: 16 KB (16,384 bytes) of the raw data, before it is base64-encoded
 * ("User data is limited to 16 KB, in raw form, before it is base64-encoded"). The provider's
 * `user_data` takes the script as text and base64-encodes it for the API, so the limit is on the
 * text's UTF-8 bytes: a script of 16,384 characters outside ASCII is up to four times over it.
 */
import { CHECK_IDS } from '../check-ids';
import type { EffectiveInstance } from '../effective-instance';
import type { Finding } from '../finding';
import { checkError } from '../make-finding';

/** Bytes of an instance's user data, before base64 encoding. */
export const USER_DATA_MAX_BYTES = 16 * 1024;

/** An error when the instance's user data is over 16,384 bytes of UTF-8. */
export function checkUserDataSize(instance: EffectiveInstance): Finding[] {
  const { userData } = instance;
  if (userData === undefined) return [];
  const bytes = Buffer.byteLength(userData, 'utf8');
  if (bytes <= USER_DATA_MAX_BYTES) return [];
  let characters = 0;
  // Characters as code points: the second half of a surrogate pair is not counted again.
  for (let i = 0; i < userData.length; i++) if ((userData.charCodeAt(i) & 0xfc00) !== 0xdc00) characters++;
  return [
    checkError(
      CHECK_IDS.userDataSize,
      instance.at('user_data'),
      `the user data is ${count(bytes)} bytes of UTF-8 (${count(characters)} characters); EC2 takes at most ${count(USER_DATA_MAX_BYTES)} bytes (16 KB) of it, ` +
        'counted before the base64 encoding the provider applies: keep the script short and fetch the rest at boot (from S3 or SSM Parameter Store)',
    ),
  ];
}

function count(value: number): string {
  return value.toLocaleString('en-US');
}
