/**
 * The documents of imported profiles as files beside the spec: each customer-managed policy's
 * (and permissions boundary's) document as `policies/<PolicyName>.json`, each trust policy as
 * `trust/<RoleName>.json`, each inline policy as `inline-policies/<RoleName>.<PolicyName>.json`,
 * referred to with `file://`. A document that reads a variable
 * (`{{var.…}}`, where environments differ) stays inline, and so does one whose file another,
 * document of the same name has taken with other text (two environments' policies of one name).
 */
import type { PolicyDocument } from '../iam/policy-document';
import { isPlainObject } from '../text/plain-object';
import { documentPath, DOCUMENT_FOLDERS } from './import-documents';
import { compareText } from '../text/compare-text';

/** Profiles with their documents as files, and the files. */
export interface ProfilesWithFiles {
  readonly profiles: ReadonlyArray<Record<string, unknown>>;
  /** The document files by path relative to the spec, in path order. */
  readonly documents: ReadonlyMap<string, PolicyDocument>;
}

/** Moves the documents of `profiles` to files; `exportFile` is named by the error of a name that cannot be a file name. */
export function documentsToFiles(profiles: ReadonlyArray<Record<string, unknown>>, exportFile: string): ProfilesWithFiles {
  const documents = new Map<string, PolicyDocument>();
  const toFile = (kind: keyof typeof DOCUMENT_FOLDERS, name: unknown, document: unknown): unknown => {
    if (typeof name !== 'string' || !isPlainObject(document) || JSON.stringify(document).includes('{{')) return document;
    const file = documentPath(kind, name, exportFile);
    const taken = documents.get(file);
    if (taken !== undefined && JSON.stringify(taken) !== JSON.stringify(document)) return document;
    documents.set(file, document as PolicyDocument);
    return `file://${file}`;
  };
  const moved = profiles.map((profile) => {
    const role = profile.role as Record<string, unknown>;
    const boundaryName = typeof role.permissionsBoundary === 'string' ? role.permissionsBoundary.split('/').pop() : undefined;
    return {
      ...profile,
      ...(Array.isArray(profile.policies)
        ? {
            policies: (profile.policies as Array<Record<string, unknown>>).map((policy) => ({
              ...policy,
              document: toFile('policy', policy.name, policy.document),
            })),
          }
        : {}),
      role: {
        ...role,
        trustPolicy: toFile('trust', role.name, role.trustPolicy),
        ...(Array.isArray(role.inlinePolicies)
          ? {
              inlinePolicies: (role.inlinePolicies as Array<Record<string, unknown>>).map((policy) => ({
                ...policy,
                document: toFile('inline', `${String(role.name)}.${String(policy.name)}`, policy.document),
              })),
            }
          : {}),
        ...(role.permissionsBoundaryDocument === undefined
          ? {}
          : { permissionsBoundaryDocument: toFile('policy', boundaryName, role.permissionsBoundaryDocument) }),
      },
    };
  });
  return { profiles: moved, documents: new Map([...documents].sort(([a], [b]) => compareText(a, b))) };
}
