/**
 * Turns a validated spec into the resolved model: policy documents given as file paths are
 * read (relative to the spec file, `file://` accepted, as the AWS CLI takes them), the
 * instance profile name defaults to the role name, and `adopt: true|false` becomes one flag per resource.
 */
import * as path from 'path';
import type { PolicyDocument, ResolvedProfileSpec, ResolvedSpec } from './model';
import type { SpecProblem } from './spec-error';
import type { AdoptSpec, Spec } from './spec-schema';
import type { PlacedProfile } from './expand-fleets';
import { parseJsonText } from './parse-text';
import { readTextFile } from './read-text-file';
import { isPlainObject } from '../text/plain-object';
import { fillVariables, type VariableUse } from './spec-variables';

export interface ResolveResult {
  readonly spec: Omit<ResolvedSpec, 'environmentProfiles'>;
  readonly problems: readonly SpecProblem[];
}

/**
 * `variableUses` gets the uses of variables inside policy document files: their placeholders are
 * filled as the spec's own, and each use is placed at the document field.
 */
export function resolveSpec(spec: Spec, placed: readonly PlacedProfile[], baseDir: string, variableUses: VariableUse[]): ResolveResult {
  const problems: SpecProblem[] = [];
  const files = new Map<string, PolicyDocument>();
  const document = (value: string | PolicyDocument, fieldPath: Array<string | number>): PolicyDocument => {
    if (typeof value !== 'string') return value;
    let read = files.get(value);
    if (!read) {
      read = readDocumentFile(value, baseDir, fieldPath, problems);
      files.set(value, read);
    }
    return fillVariables(read, fieldPath, spec.variables, variableUses, problems) as PolicyDocument;
  };

  const roleNameUses = new Map(
    variableUses.filter((use) => use.fieldPath.slice(-2).join('.') === 'role.name').map((use) => [use.fieldPath.slice(0, -2).join('.'), use]),
  );
  const profiles = placed.map(({ profile, fieldPath }): ResolvedProfileSpec => {
    const { trustPolicy, permissionsBoundaryDocument, inlinePolicies, ...role } = profile.role;
    const roleNameUse = profile.instanceProfile.name === undefined ? roleNameUses.get(fieldPath.join('.')) : undefined;
    // The instance profile name defaults to the role name: to the same variables, too.
    if (roleNameUse) variableUses.push({ ...roleNameUse, fieldPath: [...fieldPath, 'instanceProfile', 'name'] });
    return {
      ...profile,
      fieldPath,
      policies: profile.policies.map((policy, i) => ({
        ...policy,
        document: document(policy.document, [...fieldPath, 'policies', i, 'document']),
      })),
      role: {
        ...role,
        inlinePolicies: inlinePolicies.map((policy, i) => ({
          ...policy,
          document: document(policy.document, [...fieldPath, 'role', 'inlinePolicies', i, 'document']),
        })),
        ...(trustPolicy === undefined ? {} : { trustPolicy: document(trustPolicy, [...fieldPath, 'role', 'trustPolicy']) }),
        ...(permissionsBoundaryDocument === undefined
          ? {}
          : { permissionsBoundaryDocument: document(permissionsBoundaryDocument, [...fieldPath, 'role', 'permissionsBoundaryDocument']) }),
      },
      instanceProfile: { ...profile.instanceProfile, name: profile.instanceProfile.name ?? profile.role.name },
      adopt: typeof profile.adopt === 'boolean' ? adoptAll(profile.adopt) : profile.adopt,
    };
  });
  return { spec: { ...spec, profiles, variableUses }, problems };
}

function adoptAll(value: boolean): AdoptSpec {
  return { policies: value, role: value, attachments: value, instanceProfile: value, inlinePolicies: value };
}

/** Reads a JSON policy document the way `aws iam create-policy --policy-document file://…` does. */
function readDocumentFile(reference: string, baseDir: string, fieldPath: Array<string | number>, problems: SpecProblem[]): PolicyDocument {
  const relative = reference.replace(/^file:\/\//, '');
  const file = path.resolve(baseDir, relative);
  const shown = path.relative(process.cwd(), file) || file;
  const problem = (message: string) => problems.push({ path: fieldPath, message: `policy document file "${reference}"${message}` });
  const read = readTextFile(file);
  if (!read.ok) {
    problem(` ${read.message}${read.line ? ` (at ${shown}:${read.line}:${read.column})` : ` (looked at ${shown})`}`);
    return {};
  }
  const parsed = parseJsonText(read.text);
  if (!parsed.ok) {
    const [first] = parsed.problems;
    problem(`: ${shown}:${first.line}:${first.column}: ${first.message}`);
  } else if (isPlainObject(parsed.value)) {
    return parsed.value;
  } else problem(' must hold a JSON object');
  return {};
}
