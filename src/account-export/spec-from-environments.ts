/**
 * The spec of several accounts' exports, one per environment: `environments` with each
 * account (and its region where it differs), the profiles merged by instance profile name
 * (merge-environments.ts), and the variables where environments differ, set per environment.
 * Fleets of look-alikes are not made here: a fleet's items would need values per environment.
 */
import { SpecError } from '../spec/spec-error';
import { documentsToFiles } from './documents-to-files';
import { mergeEnvironments } from './merge-environments';
import { accountProfiles, type ImportedSpec, type SpecFromExportInput } from './spec-from-export';

/** One environment's export. */
export interface EnvironmentExport {
  /** The environment's name: a key of the spec's environments. */
  readonly environment: string;
  readonly input: SpecFromExportInput;
}

/** The stack of a spec imported from several accounts. */
export const ENVIRONMENTS_STACK = 'accounts';

/** Builds one spec of the environments' exports; two environments of one account are an error. */
export function specFromEnvironments(accounts: readonly EnvironmentExport[], documents: 'files' | 'inline' = 'files'): ImportedSpec {
  const sides = accounts.map(({ environment, input }) => ({ environment, input, account: accountProfiles(input) }));
  const seen = new Map<string, string>();
  for (const { environment, input, account } of sides) {
    const earlier = seen.get(account.accountId);
    if (earlier !== undefined) {
      throw new SpecError(input.details.files[0], [
        { path: [], message: `is the export of account ${account.accountId}, as environment ${earlier}'s is: give each environment its own account's export` },
      ]);
    }
    seen.set(account.accountId, environment);
  }
  const merged = mergeEnvironments(sides.map(({ environment, account }) => ({ environment, profiles: account.profiles })));
  const { profiles, documents: files } =
    documents === 'inline' ? { profiles: merged.profiles, documents: new Map() } : documentsToFiles(merged.profiles, accounts[0].input.details.files[0]);
  const region = sides.find(({ account }) => account.region !== undefined)?.account.region;
  const environments = Object.fromEntries(
    sides.map(({ environment, account }) => {
      const values = merged.values.get(environment) ?? {};
      return [
        environment,
        {
          accountId: account.accountId,
          ...(account.region !== undefined && account.region !== region ? { region: account.region } : {}),
          ...(Object.keys(values).length ? { variables: values } : {}),
        },
      ];
    }),
  );
  return {
    spec: {
      stack: ENVIRONMENTS_STACK,
      ...(region ? { region } : {}),
      environments,
      ...(Object.keys(merged.variables).length ? { variables: merged.variables } : {}),
      profiles,
    },
    documents: files,
    summary: sides.flatMap(({ environment, account }) => account.summary.map((item) => ({ ...item, subject: `${environment}: ${item.subject}` }))),
    profiles: [...new Set(sides.flatMap(({ account }) => account.names))].sort(),
    accountId: sides.map(({ environment, account }) => `${account.accountId} (${environment})`).join(', '),
    inFleets: { profiles: 0, fleets: 0 },
  };
}
