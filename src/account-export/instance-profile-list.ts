/** The output of `aws iam list-instance-profiles`: every instance profile of the account, with its roles (the only export that lists a profile holding none). */
import { parseJsonText } from '../spec/parse-text';
import { readTextFile } from '../spec/read-text-file';
import { isPlainObject } from '../text/plain-object';
import { SpecError } from '../spec/spec-error';
import type { AuthorizationDetails } from './authorization-model';

/** An instance profile as `aws iam list-instance-profiles` prints it. */
export interface InventoryProfile {
  readonly InstanceProfileName: string;
  readonly Path?: string;
  readonly Arn?: string;
  readonly Roles: ReadonlyArray<{ readonly RoleName: string }>;
}

/** Reads the JSON output of `aws iam list-instance-profiles` (`{"InstanceProfiles": [...]}`). */
export function readInventory(file: string): InventoryProfile[] {
  const expected = 'expected the output of aws iam list-instance-profiles --output json';
  const read = readTextFile(file);
  if (!read.ok)
    throw new SpecError(file, [{ path: [], message: `${read.missing ? 'file not found' : read.message}; ${expected}`, line: read.line, column: read.column }]);
  const parsed = parseJsonText(read.text);
  if (!parsed.ok)
    throw new SpecError(
      file,
      parsed.problems.map((problem) => ({ ...problem, message: `${problem.message}; ${expected}` })),
    );
  const value = parsed.value;
  const profiles = isPlainObject(value) ? value.InstanceProfiles : undefined;
  if (!Array.isArray(profiles)) {
    throw new SpecError(file, [{ path: ['InstanceProfiles'], message: `missing; ${expected}` }]);
  }
  return profiles.map((profile, index) => {
    const entry = (isPlainObject(profile) ? profile : {}) as Partial<InventoryProfile>;
    if (typeof entry.InstanceProfileName !== 'string' || !Array.isArray(entry.Roles)) {
      throw new SpecError(file, [{ path: ['InstanceProfiles', index], message: 'expected InstanceProfileName and Roles' }]);
    }
    return entry as InventoryProfile;
  });
}

/**
 * `details` with the instance profiles of `listed` that hold no role added: the profiles the
 * authorization details cannot show, as they list profiles under the roles they hold (orphans,
 * made by hand and left behind). A listed profile without an ARN is taken as the export's account's.
 */
export function withProfilesWithoutRole(details: AuthorizationDetails, listed: readonly InventoryProfile[], accountId: string): AuthorizationDetails {
  const known = new Set(details.instanceProfiles.map((profile) => profile.name));
  const orphans = listed
    .filter((profile) => profile.Roles.length === 0 && !known.has(profile.InstanceProfileName))
    .map((profile) => {
      const path = profile.Path ?? '/';
      return {
        name: profile.InstanceProfileName,
        path,
        arn: profile.Arn ?? `arn:aws:iam::${accountId}:instance-profile${path}${profile.InstanceProfileName}`,
        roles: [],
      };
    });
  return orphans.length ? { ...details, instanceProfiles: [...details.instanceProfiles, ...orphans] } : details;
}
