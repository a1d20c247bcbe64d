import { parseJsonText } from '../spec/parse-text';
import { readTextFile } from '../spec/read-text-file';
import { isPlainObject } from '../text/plain-object';
import { SpecError } from '../spec/spec-error';

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
