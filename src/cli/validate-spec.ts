import { verifyFindings } from '../access/findings';
import { verifyProfiles } from '../access/verify';
import type { ProfileVerification } from '../access/verify';
import { collectProblems } from '../checks/collect-problems';
import { failing, Finding } from '../checks/finding';
import { readSpec } from '../spec/load-spec';
import type { LoadedSpec } from '../spec/model';
import { SpecError } from '../spec/spec-error';

/** A spec that passed every check, with the findings that did not fail it and the access decisions. */
export interface ValidatedSpec {
  readonly loaded: LoadedSpec;
  /** Warnings and suppressed findings. */
  readonly findings: readonly Finding[];
  /** The expectations and trust decisions of every profile, all met. */
  readonly access: readonly ProfileVerification[];
}

/**
 * Reads a spec, runs every check on it (schema, names, IAM grammar and quotas, security
 * rules), then decides its access expectations offline. Throws a {@link SpecError} carrying
 * every finding, errors and warnings, when any error is not suppressed or any expectation
 * is not met. Access is decided only for specs whose checks pass: on broken policies the
 * decisions would only repeat the errors.
 */
export async function validateSpec(specFile: string | undefined): Promise<ValidatedSpec> {
  const read = readSpec(specFile);
  const findings = await collectProblems(read);
  if (failing(findings).length) throw new SpecError(read.loaded.source, findings);
  const access = await verifyProfiles(read.loaded);
  const accessFindings = verifyFindings(access);
  if (accessFindings.length) {
    const located = read.locate(accessFindings);
    const withLines = accessFindings.map((finding, i) => ({ ...finding, line: located[i].line, column: located[i].column }));
    throw new SpecError(read.loaded.source, [...findings, ...withLines]);
  }
  return { loaded: read.loaded, findings, access };
}
