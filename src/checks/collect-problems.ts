/**
 * What a pipeline reports for a spec file: the problems found while reading it (schema, files,
 * names) as `SPEC_SCHEMA` errors, then every finding of {@link checkSpec} on the stacks the spec
 * synthesizes (given, or synthesized here), all located at their line in the spec file where they can be.
 */
import type { ReadSpecResult } from '../spec/load-spec';
import type { SpecProblem } from '../spec/spec-error';
import { CHECK_IDS } from './check-ids';
import { checkSpec, CheckSpecOptions } from './check-spec';
import { isWithin } from './field-path';
import type { StackModel } from '../stack-model/stack-model';
import { synthesizeStackModels } from '../synth/synthesize';
import type { Finding } from './finding';

/** The reading problems and the check findings of a spec, as findings with line numbers. */
export async function collectProblems(read: ReadSpecResult, options: CheckSpecOptions = {}): Promise<Finding[]> {
  const { spec } = read.loaded;
  const profileName = (problem: SpecProblem) =>
    spec.profiles.find((profile) => isWithin(problem.path, profile.fieldPath))?.instanceProfile.name;
  const readFindings = read.problems.map(
    (problem): Finding => ({ ...problem, rule: CHECK_IDS.specSchema, level: 'error', profile: profileName(problem) }),
  );
  // A document that could not be read stands in as `{}`: its own findings would only repeat the problem.
  const unreadable = read.problems.filter((problem) => ['document', 'trustPolicy'].includes(String(problem.path[problem.path.length - 1])));
  const checkFindings = (await checkSpec(read.loaded, { ...options, stacks: options.stacks ?? stackModelsForChecks(read) })).filter(
    (finding) => !unreadable.some((problem) => isWithin(finding.path, problem.path)),
  );
  const findings = [...readFindings, ...checkFindings];
  const located = read.locate(findings);
  return findings.map((finding, i) => {
    const { line, column } = located[i];
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
