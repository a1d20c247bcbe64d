/**
 * `import`: an account's export (the JSON of three AWS CLI calls) to a spec that describes what
 * exists and adopts it, then the proof that it changes nothing: the spec is loaded as written,
 * synthesized in memory, and every argument of every imported resource is compared with the
 * export. Nothing is written on any error.
 */
import * as path from 'path';
import {
  accountOfExport,
  documentText,
  FLEET_MIN_ITEMS,
  formatImportSummary,
  listed as listedNames,
  readInventory,
  specFromEnvironments,
  type SpecFromExportInput,
  withProfilesWithoutRole,
  importedSpecText,
  joinAccountExport,
  parseTagCriterion,
  readAssociations,
  readAuthorizationDetails,
  readInstances,
  specFromExport,
  type ImportSelection,
  type ImportSources,
} from '../account-export';
import { splitArn } from '../iam/arn';
import { synthesizeStackModels } from '../pipeline/synthesize';
import { loadSpec, parseSpec } from '../spec/load-spec';
import { parseYamlText } from '../spec/parse-text';
import { SpecError } from '../spec/spec-error';
import { UsageError } from './cli-error';
import { changesOnImport, formatImportChanges, type ImportChange, type ImportFacts } from './import-proof';
import { writeImportFiles } from './import-files';

/** Where import writes the spec by default. */
export const DEFAULT_IMPORT_FILE = 'imported/spec.yaml';

/** What `import` is asked to do. */
export interface ImportOptions {
  /** The pages of `aws iam get-account-authorization-details`, comma-separated. @default - given per environment instead */
  readonly authorizationDetails?: string;
  /** `name=page[,page...]` per environment, joined with commas (`dev=a.json,prod=b.json,b2.json`). @default - one account, no environments */
  readonly environments?: string;
  /** describe-instances outputs, comma-separated. @default - no instances: none adopted, the region left at its default */
  readonly instances?: string;
  /** describe-iam-instance-profile-associations outputs, comma-separated. @default - the profiles describe-instances gives */
  readonly associations?: string;
  /** The output of `aws iam list-instance-profiles`. @default - none: profiles holding no role are not seen */
  readonly inventory?: string;
  /** The fewest look-alikes written as a fleet, as given. @default {@link FLEET_MIN_ITEMS} */
  readonly fleetMin?: string;
  /** An instance profile name or glob. @default - every profile */
  readonly profile?: string;
  /** @default - any path */
  readonly path?: string;
  /** `key=value`. @default - any tags */
  readonly tag?: string;
  /** The spec file, or `-` for standard output. @default {@link DEFAULT_IMPORT_FILE} */
  readonly out?: string;
  readonly force: boolean;
  /** Notes (standard error). */
  readonly log: (line: string) => void;
  /** Results (standard output). */
  readonly print: (line: string) => void;
}

/** One account's export as read: the spec builder's input, and what the proof compares with. */
interface ReadAccount {
  readonly environment?: string;
  readonly input: SpecFromExportInput;
  readonly accountId: string;
}

/** Runs `import`; resolves to false when the imported spec would change something on the first apply. */
export function runImport(options: ImportOptions): boolean {
  const sources = sourcesOf(options);
  const selection = selectionOf(options);
  const fleetMinItems = fleetMinOf(options.fleetMin);
  const out = options.out ?? DEFAULT_IMPORT_FILE;
  const toStdout = out === '-';
  const documents = toStdout ? 'inline' : 'files';
  const instances = (sources.instances ?? []).flatMap((file) => readInstances(file));
  const associations = (sources.associations ?? []).flatMap((file) => readAssociations(file));
  const listed = sources.inventory === undefined ? [] : readInventory(sources.inventory);
  const several = sources.accounts.length > 1;
  const accounts: ReadAccount[] = sources.accounts.map(({ environment, pages }) => {
    const read = readAuthorizationDetails(pages);
    const accountId = accountOfExport(read);
    const ofAccount = <T>(items: readonly T[], arn: (item: T) => string | undefined) =>
      several ? items.filter((item) => splitArn(arn(item) ?? '')?.account === accountId) : items;
    const details = withProfilesWithoutRole(
      read,
      ofAccount(listed, (profile) => profile.Arn),
      accountId,
    );
    const own = ofAccount(instances, (instance) => instance.instanceProfileArn);
    const join = joinAccountExport(
      details,
      own,
      ofAccount(associations, (association) => association.instanceProfileArn),
    );
    return { environment, accountId, input: { details, instances: own, join, selection, documents, fleetMinItems } };
  });
  const imported = several
    ? specFromEnvironments(
        accounts.map(({ environment, input }) => ({ environment: environment!, input })),
        documents,
      )
    : specFromExport(accounts[0].input);
  const facts = new Map(accounts.map(({ accountId, input }): [string, ImportFacts] => [accountId, { details: input.details, join: input.join }]));
  const text = importedSpecText(imported.spec, sources);
  const report = toStdout ? options.log : options.print;
  let changes: ImportChange[];
  if (toStdout) {
    changes = proveText(text, facts);
    options.print(text.replace(/\n$/, ''));
  } else {
    const folder = path.dirname(out);
    const specFile = path.basename(out);
    const files = new Map([[specFile, text], ...[...imported.documents].map(([file, document]): [string, string] => [file, documentText(document)])]);
    changes = writeImportFiles(folder, specFile, files, options.force, (scratchSpec) => proveFile(scratchSpec, out, facts));
    for (const file of files.keys()) report(`  wrote     ${path.join(folder, file)}`);
  }
  const count = imported.profiles.length;
  const { inFleets } = imported;
  const asFleets = inFleets.fleets
    ? ` (${inFleets.profiles.toLocaleString('en')} of them as ${inFleets.fleets === 1 ? 'a fleet' : `${inFleets.fleets} fleets`} of look-alikes)`
    : '';
  const of = several ? `accounts ${imported.accountId}` : `account ${imported.accountId}`;
  report(`imported ${count.toLocaleString('en')} instance profile${count === 1 ? '' : 's'} of ${of}${asFleets}: ${listedNames(imported.profiles)}`);
  if (imported.summary.length) {
    report('not in the spec as the account has it:');
    for (const line of formatImportSummary(imported.summary)) report(`  ${line}`);
  }
  for (const line of formatImportChanges(changes)) report(line);
  if (changes.length)
    options.log(`error: the imported spec would change ${changes.length} argument${changes.length === 1 ? '' : 's'} on the first apply (listed above)`);
  return changes.length === 0;
}

/** `--fleet-min`: a whole number, 0 or more. */
function fleetMinOf(given: string | undefined): number {
  if (given === undefined) return FLEET_MIN_ITEMS;
  if (!/^\d{1,6}$/.test(given)) throw new UsageError(`--fleet-min takes a whole number, 0 or more (got "${given}")`, 'import');
  return Number(given);
}

/** The spec printed to standard output, read back as the spec reader reads it, synthesized and compared. */
function proveText(text: string, facts: ReadonlyMap<string, ImportFacts>): ImportChange[] {
  const parsed = parseYamlText(text);
  if (!parsed.ok) throw new SpecError('<standard output>', [...parsed.problems]);
  return changesOnImport(synthesizeStackModels(parseSpec(parsed.value, '<standard output>', process.cwd())), facts);
}

/** The spec written in the scratch folder, loaded, synthesized and compared; a problem in it is reported as the spec `shown`'s, where it would have been written. */
function proveFile(scratchSpec: string, shown: string, facts: ReadonlyMap<string, ImportFacts>): ImportChange[] {
  try {
    return changesOnImport(synthesizeStackModels(loadSpec(scratchSpec)), facts);
  } catch (error) {
    if (!(error instanceof SpecError) || error.file !== scratchSpec) throw error;
    throw new SpecError(
      shown,
      error.problems.map((problem) => ({ ...problem, message: `${problem.message} (as the export has it; the spec cannot take it)` })),
    );
  }
}

function sourcesOf(options: ImportOptions): ImportSources {
  const { authorizationDetails, environments } = options;
  if (authorizationDetails !== undefined && environments !== undefined)
    throw new UsageError('give --authorization-details (one account) or --environment name=file per account, not both', 'import');
  if (authorizationDetails === undefined && environments === undefined)
    throw new UsageError(
      'import needs --authorization-details <file[,file...]> (the output of aws iam get-account-authorization-details), or --environment <name=file[,file...]> per account',
      'import',
    );
  const files = (option: string, list: string | undefined) => {
    if (list === undefined) return undefined;
    const names = list.split(',');
    if (names.some((file) => file === ''))
      throw new UsageError(`--${option} names an empty file in "${list}" (give files comma-separated, or repeat the option)`, 'import');
    return names;
  };
  return {
    accounts:
      authorizationDetails !== undefined
        ? [{ pages: files('authorization-details', authorizationDetails)! }]
        : environmentsOf(files('environment', environments)!),
    ...(options.instances === undefined ? {} : { instances: files('instances', options.instances) }),
    ...(options.associations === undefined ? {} : { associations: files('associations', options.associations) }),
    ...(options.inventory === undefined ? {} : { inventory: options.inventory }),
  };
}

/** `dev=a.json`, `a2.json`, `prod=b.json`: each `name=` starts an environment, the words after it are further pages of its export. */
function environmentsOf(words: readonly string[]): Array<{ environment: string; pages: string[] }> {
  const environments: Array<{ environment: string; pages: string[] }> = [];
  for (const word of words) {
    const named = /^([a-z][a-z0-9-]*)=(.+)$/.exec(word);
    if (named) {
      if (environments.some(({ environment }) => environment === named[1])) throw new UsageError(`--environment ${named[1]} is given twice`, 'import');
      environments.push({ environment: named[1], pages: [named[2]] });
    } else if (environments.length) environments[environments.length - 1].pages.push(word);
    else throw new UsageError(`--environment takes <name>=<file>, the name a lowercase word (got "${word}")`, 'import');
  }
  if (environments.length < 2)
    throw new UsageError('--environment is for several accounts, one each: give it once per environment (one account is --authorization-details)', 'import');
  return environments;
}

function selectionOf(options: ImportOptions): ImportSelection {
  const tag = options.tag === undefined ? undefined : parseTagCriterion(options.tag);
  if (options.tag !== undefined && !tag) throw new UsageError(`--tag takes key=value (got "${options.tag}")`, 'import');
  if (options.path !== undefined && !/^\/(?:.*\/)?$/.test(options.path))
    throw new UsageError(`--path takes an IAM path that starts and ends with "/" (got "${options.path}")`, 'import');
  if (options.profile !== undefined && options.profile === '') throw new UsageError('--profile takes a name or a glob', 'import');
  return {
    ...(options.profile === undefined ? {} : { profile: options.profile }),
    ...(options.path === undefined ? {} : { path: options.path }),
    ...(tag ? { tag } : {}),
  };
}
