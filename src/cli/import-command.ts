/**
 * `import`: an account's export (the JSON of three AWS CLI calls) to a spec that describes what
 * exists and adopts it, then the proof that it changes nothing: the spec is loaded as written,
 * synthesized in memory, and every argument of every imported resource is compared with the
 * export. Nothing is written on any error.
 */
import * as path from 'path';
import {
  documentText,
  formatImportSummary,
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
import { synthesizeSpec } from '../pipeline/synthesize';
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
  /** The pages of `aws iam get-account-authorization-details`, comma-separated. */
  readonly authorizationDetails?: string;
  /** @default - no instances: none adopted, the region left at its default */
  readonly instances?: string;
  /** @default - the profiles describe-instances gives */
  readonly associations?: string;
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

/** Runs `import`; resolves to false when the imported spec would change something on the first apply. */
export function runImport(options: ImportOptions): boolean {
  const sources = sourcesOf(options);
  const selection = selectionOf(options);
  const details = readAuthorizationDetails(sources.authorizationDetails);
  const instances = sources.instances === undefined ? [] : readInstances(sources.instances);
  const associations = sources.associations === undefined ? [] : readAssociations(sources.associations);
  const join = joinAccountExport(details, instances, associations);
  const facts: ImportFacts = { details, join };
  const out = options.out ?? DEFAULT_IMPORT_FILE;
  const toStdout = out === '-';
  const imported = specFromExport({ details, instances, join, selection, documents: toStdout ? 'inline' : 'files' });
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
  report(
    `imported ${imported.profiles.length} instance profile${imported.profiles.length === 1 ? '' : 's'} of account ${imported.accountId}: ${imported.profiles.join(', ')}`,
  );
  if (imported.summary.length) {
    report('not in the spec as the account has it:');
    for (const line of formatImportSummary(imported.summary)) report(`  ${line}`);
  }
  for (const line of formatImportChanges(changes)) report(line);
  if (changes.length)
    options.log(`error: the imported spec would change ${changes.length} argument${changes.length === 1 ? '' : 's'} on the first apply (listed above)`);
  return changes.length === 0;
}

/** The spec printed to standard output, read back as the spec reader reads it, synthesized and compared. */
function proveText(text: string, facts: ImportFacts): ImportChange[] {
  const parsed = parseYamlText(text);
  if (!parsed.ok) throw new SpecError('<standard output>', [...parsed.problems]);
  return changesOnImport(synthesizeSpec(parseSpec(parsed.value, '<standard output>', process.cwd())).stacks, facts);
}

/** The spec written in the scratch folder, loaded, synthesized and compared; a problem in it is reported as the spec `shown`'s, where it would have been written. */
function proveFile(scratchSpec: string, shown: string, facts: ImportFacts): ImportChange[] {
  try {
    return changesOnImport(synthesizeSpec(loadSpec(scratchSpec)).stacks, facts);
  } catch (error) {
    if (!(error instanceof SpecError) || error.file !== scratchSpec) throw error;
    throw new SpecError(
      shown,
      error.problems.map((problem) => ({ ...problem, message: `${problem.message} (as the export has it; the spec cannot take it)` })),
    );
  }
}

function sourcesOf(options: ImportOptions): ImportSources {
  const list = options.authorizationDetails;
  if (list === undefined)
    throw new UsageError('import needs --authorization-details <file[,file...]> (the output of aws iam get-account-authorization-details)', 'import');
  const files = list.split(',');
  if (files.some((file) => file === ''))
    throw new UsageError(`--authorization-details names an empty file in "${list}" (give the pages comma-separated, or repeat the option)`, 'import');
  return {
    authorizationDetails: files,
    ...(options.instances === undefined ? {} : { instances: options.instances }),
    ...(options.associations === undefined ? {} : { associations: options.associations }),
  };
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
