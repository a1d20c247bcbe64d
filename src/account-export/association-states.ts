/**
 * The states of an instance profile association, from the `IamInstanceProfileAssociationState`
 * enumeration of the EC2 API model that `@aws-sdk/client-ec2` is generated from (read as data,
 * see `src/facts/package-data.ts`), and which of them mean the instance uses the profile.
 */
import { readDataExport } from '../facts/package-data';

let states: Readonly<Record<string, string>> | undefined;

/** The enumeration, key → state (`ASSOCIATED` → `associated`). */
function stateEnum(): Readonly<Record<string, string>> {
  states ??= readDataExport({
    packageName: '@aws-sdk/client-ec2',
    file: 'dist-es/models/enums.js',
    exportName: 'IamInstanceProfileAssociationState',
  }) as Record<string, string>;
  return states;
}

/** Every association state, e.g. `associated`. */
export function associationStates(): readonly string[] {
  return Object.values(stateEnum());
}

/** Whether an association in `state` gives the instance its profile (associating or associated). */
export function isCurrentAssociation(state: string): boolean {
  const { ASSOCIATED, ASSOCIATING } = stateEnum();
  return state === ASSOCIATED || state === ASSOCIATING;
}
