/**
 * The document files of an imported spec: each policy's default version as
 * `policies/<PolicyName>.json`, each role's trust policy as `trust/<RoleName>.json` and each
 * inline policy as `inline-policies/<RoleName>.<PolicyName>.json`, beside
 * the spec and referred to with `file://`. Names are IAM names, which cannot leave the folder;
 * any other name is refused all the same.
 */
import type { PolicyDocument } from '../iam/policy-document';
import { SpecError } from '../spec/spec-error';

/** The folders documents go in, relative to the spec. */
export const DOCUMENT_FOLDERS = { policy: 'policies', trust: 'trust', inline: 'inline-policies' } as const;

/** IAM's names: letters, digits and `+=,.@_-`, never only dots. */
const SAFE_NAME = /^[\w+=,.@-]{1,128}$/;

/** The document's text: two-space JSON in the export's key order, ending with a newline. */
export function documentText(document: PolicyDocument): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}

/** `policies/<name>.json`, `trust/<name>.json` or `inline-policies/<name>.json`; a name that could leave the folder is an error naming `file` (the export page). */
export function documentPath(kind: keyof typeof DOCUMENT_FOLDERS, name: string, file: string): string {
  if (!SAFE_NAME.test(name) || /^\.+$/.test(name)) {
    throw new SpecError(file, [
      {
        path: [],
        message: `the ${kind === 'trust' ? 'role' : 'policy'} name ${JSON.stringify(name)} cannot name a document file (IAM names are 1 to 128 letters, digits and +=,.@_-, not only dots); pass the export as the AWS CLI wrote it`,
      },
    ]);
  }
  return `${DOCUMENT_FOLDERS[kind]}/${name}.json`;
}
