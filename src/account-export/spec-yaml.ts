/**
 * The text of an imported spec: YAML (the `yaml` package, YAML 1.2 as the spec reader reads it),
 * two-space indent, sequences indented under their key, no line folding, with a header saying
 * which export files it was imported from and that `synth` adopts everything with import blocks.
 */
import { Document } from 'yaml';

/** The export files an import read, as the user named them. */
export interface ImportSources {
  /** Each account's pages of get-account-authorization-details, with its environment where there are several. */
  readonly accounts: ReadonlyArray<{ readonly environment?: string; readonly pages: readonly string[] }>;
  /** @default - not given */
  readonly instances?: readonly string[];
  /** @default - not given */
  readonly associations?: readonly string[];
  /** The output of list-instance-profiles. @default - not given */
  readonly inventory?: string;
}

/** The header comment's lines (without `#`). */
export function importHeader(sources: ImportSources): string[] {
  return [
    ' Imported by `instance-profile import` from the account export:',
    ...sources.accounts.map(
      ({ environment, pages }) => `   aws iam get-account-authorization-details${environment === undefined ? '' : ` (${environment})`}: ${pages.join(', ')}`,
    ),
    ...(sources.inventory === undefined ? [] : [`   aws iam list-instance-profiles: ${sources.inventory}`]),
    ...(sources.instances === undefined ? [] : [`   aws ec2 describe-instances: ${sources.instances.join(', ')}`]),
    ...(sources.associations === undefined ? [] : [`   aws ec2 describe-iam-instance-profile-associations: ${sources.associations.join(', ')}`]),
    ' It describes what exists. `synth` adopts every resource with import blocks (adopt: true,',
    ' instance.existingId), so the first terraform apply takes them over without recreating them.',
  ];
}

/** The spec as YAML text, with the header. */
export function importedSpecText(spec: Record<string, unknown>, sources: ImportSources): string {
  const document = new Document(spec, { version: '1.2', aliasDuplicateObjects: false });
  document.commentBefore = importHeader(sources).join('\n');
  return document.toString({ indent: 2, indentSeq: true, lineWidth: 0 });
}
