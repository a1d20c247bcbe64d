import * as fs from 'fs';
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
  let value: unknown;
  try {
    value = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : `not valid JSON (${(error as Error).message})`;
    throw new SpecError(file, [{ path: [], message: `${reason}; expected the output of aws iam list-instance-profiles --output json` }]);
  }
  const profiles = (value as { InstanceProfiles?: unknown }).InstanceProfiles;
  if (!Array.isArray(profiles)) {
    throw new SpecError(file, [{ path: ['InstanceProfiles'], message: 'missing; expected the output of aws iam list-instance-profiles --output json' }]);
  }
  return profiles.map((profile, index) => {
    const entry = profile as Partial<InventoryProfile>;
    if (typeof entry.InstanceProfileName !== 'string' || !Array.isArray(entry.Roles)) {
      throw new SpecError(file, [{ path: ['InstanceProfiles', index], message: 'expected InstanceProfileName and Roles' }]);
    }
    return entry as InventoryProfile;
  });
}
