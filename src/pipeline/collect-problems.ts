/**
 * What a pipeline reports for a spec file: the problems found while reading it (schema, files,
 * names) as `SPEC_SCHEMA` errors, then every finding of {@link checkSpec} on the stacks the spec
 * synthesizes (given, or synthesized here), all located at their line in the spec file where they can be.
 * The checks that need no synthesis ({@link checkBeforeSynthesis}) come first: when one of them
 * fails, that is reported with the reading problems, and nothing is synthesized.
 */
import type { ReadSpecResult } from '../spec/load-spec';
import type { SpecProblem } from '../spec/spec-error';
import { checkBeforeSynthesis } from '../checks/check-before-synthesis';
import { CHECK_IDS } from '../checks/check-ids';
import { checkSpec, CheckSpecOptions, sortFindings } from '../checks/check-spec';
import { isWithin } from '../spec/field-path';
import type { StackModel } from '../stack-model/stack-model';
import { synthesizeStackModels } from './synthesize';
import { failing, type Finding } from '../checks/finding';

/** The reading problems and the check findings of a spec, as findings with line numbers. */
export async function collectProblems(read: ReadSpecResult, options: Partial<CheckSpecOptions> = {}): Promise<Finding[]> {
  const early = problemsBeforeSynthesis(read);
  if (early) return early;
  // A document that could not be read stands in as `{}`: its own findings would only repeat the problem.
  const unreadable = read.problems.filter((problem) => ['document', 'trustPolicy'].includes(String(problem.path[problem.path.length - 1])));
  const checkFindings = (await checkSpec(read.loaded, { ...options, stacks: options.stacks ?? stackModelsForChecks(read) })).filter(
    (finding) => !unreadable.some((problem) => isWithin(finding.path, problem.path)),
  );
  return located(read, [...readFindings(read), ...checkFindings]);
}

/**
 * The reading problems and the findings of the checks that need no synthesis (IAM's account
 * quotas, policy document sizes), located, when one of those checks fails: the spec is refused
 * without being synthesized. `undefined` when it passes them, and is to be synthesized and
 * checked in full ({@link collectProblems}). A pipeline that synthesizes before it checks calls
 * this first.
 */
export function problemsBeforeSynthesis(read: ReadSpecResult): Finding[] | undefined {
  const early = earlyFindingsOf(read.loaded.spec);
  if (failing(early).length === 0) return undefined;
  return located(read, [...readFindings(read), ...sortFindings(early.map((finding) => ({ ...finding, profile: profileOf(read, finding) })))]);
}

/** The findings of the checks that need no synthesis, made once per spec (a pipeline asks before it synthesizes, and again with the rest). */
const earlyFindings = new WeakMap<ReadSpecResult['loaded']['spec'], readonly Finding[]>();

function earlyFindingsOf(spec: ReadSpecResult['loaded']['spec']): readonly Finding[] {
  let findings = earlyFindings.get(spec);
  if (!findings) earlyFindings.set(spec, (findings = checkBeforeSynthesis(spec)));
  return findings;
}

/** The problems found while reading the spec, as `SPEC_SCHEMA` errors. */
function readFindings(read: ReadSpecResult): Finding[] {
  return read.problems.map((problem): Finding => ({ ...problem, rule: CHECK_IDS.specSchema, level: 'error', profile: profileOf(read, problem) }));
}

/** The name of the instance profile a problem is about, when it is inside one. */
function profileOf(read: ReadSpecResult, problem: SpecProblem): string | undefined {
  return read.loaded.spec.profiles.find((profile) => isWithin(problem.path, profile.fieldPath))?.instanceProfile.name;
}

/** The findings with the line and column of their field in the spec file, where it has one. */
function located(read: ReadSpecResult, findings: readonly Finding[]): Finding[] {
  const positions = read.locate(findings);
  return findings.map((finding, i) => {
    const { line, column } = positions[i];
    return line === undefined ? finding : { ...finding, line, column };
  });
}

/**
 * The stacks of a spec for its checks. A spec with reading problems may not synthesize at all
 * (a missing account id for an import, say): its reading problems are then all there is to report.
 */
function stackModelsForChecks(read: ReadSpecResult): readonly StackModel[] {
  try {
    return synthesizeStackModels(read.loaded);
  } catch (error) {
    if (read.problems.length) return [];
    throw error;
  }
}
