import { verifyFindings } from '../access/findings';
import { verifyProfiles } from '../access/verify';
import type { ProfileVerification } from '../access/verify';
import { collectProblems } from '../checks/collect-problems';
import { failing, Finding } from '../checks/finding';
import { readSpec, ReadSpecResult } from '../spec/load-spec';
import type { LoadedSpec } from '../spec/model';
import { SpecError } from '../spec/spec-error';

/** A spec whose checks passed: the first half of {@link validateSpec}. */
export interface CheckedSpec {
  readonly read: ReadSpecResult;
  readonly loaded: LoadedSpec;
  /** Warnings and suppressed findings. */
  readonly findings: readonly Finding[];
}

/** A spec that passed every check and whose access expectations are all met. */
export interface ValidatedSpec extends Pick<CheckedSpec, 'loaded' | 'findings'> {
  /** The expectations and trust decisions of every profile. */
  readonly access: readonly ProfileVerification[];
}

/**
 * Reads a spec and runs every check on it (schema, names, IAM grammar and quotas, security
 * rules). Throws a {@link SpecError} carrying every finding, errors and warnings, when any
 * error is not suppressed.
 */
export async function checkSpecFile(specFile: string | undefined): Promise<CheckedSpec> {
  const read = readSpec(specFile);
  const findings = await collectProblems(read);
  if (failing(findings).length) throw new SpecError(read.loaded.source, findings);
  return { read, loaded: read.loaded, findings };
}

/**
 * Throws a {@link SpecError} naming each expectation that is not met (with the check findings,
 * so every problem of the run is reported together).
 */
export function assertAccess(checked: CheckedSpec, access: readonly ProfileVerification[]): ValidatedSpec {
  const accessFindings = verifyFindings(access);
  if (accessFindings.length) {
    const located = checked.read.locate(accessFindings);
    const withLines = accessFindings.map((finding, i) => ({ ...finding, line: located[i].line, column: located[i].column }));
    throw new SpecError(checked.loaded.source, [...checked.findings, ...withLines]);
  }
  return { loaded: checked.loaded, findings: checked.findings, access };
}

/**
 * Checks a spec, then decides its access expectations offline. Access is decided only for
 * specs whose checks pass: on broken policies the decisions would only repeat the errors.
 */
export async function validateSpec(specFile: string | undefined): Promise<ValidatedSpec> {
  const checked = await checkSpecFile(specFile);
  return assertAccess(checked, await verifyProfiles(checked.loaded));
}
