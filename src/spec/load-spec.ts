/**
 * Loads a spec: reads the file (YAML or JSON), validates it against the schema with
 * defaults applied, and reads the policy documents it names. Every problem found is
 * reported at once in a {@link SpecError}, each with file, line and field.
 */
import * as path from 'path';
import { DEFAULT_SPEC_SOURCE, defaultSpecInput } from './default-spec';
import { expandFleets } from './expand-fleets';
import { checkStackNames, checkStackSeparation } from './plan-stacks';
import { resolveSpec } from './resolve-spec';
import type { SchemaIssue } from './schema-kit';
import { readStructuredFile } from './read-structured-file';
import { locateProblems } from './source-locations';
import { SpecError, SpecProblem } from './spec-error';
import { specSchema } from './spec-schema';
import type { LoadedSpec } from './model';
import { checkSpecConsistency } from './spec-consistency';

/** A spec that could be read, and the problems found while reading it. */
export interface ReadSpecResult {
  readonly loaded: LoadedSpec;
  /** Problems that leave the spec usable for further checks (limits, unknown fields, names). */
  readonly problems: readonly SpecProblem[];
  /** Adds line and column to problems about this spec's fields. */
  readonly locate: (problems: readonly SpecProblem[]) => SpecProblem[];
}

/** Loads the spec file at `file` (as the user named it), or the built-in default when omitted; throws on any problem. */
export function loadSpec(file?: string): LoadedSpec {
  const { loaded, problems, locate } = readSpec(file);
  if (problems.length) throw new SpecError(loaded.source, locate(problems));
  return loaded;
}

/**
 * Reads a spec and returns it with its problems, so that later checks can add theirs and
 * every problem is reported at once. Throws {@link SpecError} when the spec is not usable at
 * all (missing file, syntax error, wrong types).
 */
export function readSpec(file?: string): ReadSpecResult {
  if (file === undefined) return parseSpecValue(defaultSpecInput(), DEFAULT_SPEC_SOURCE, process.cwd());
  const { text, value } = readStructuredFile(file, 'spec file');
  return parseSpecValue(value, file, path.dirname(path.resolve(file)), text);
}

/** Validates an already-parsed spec value; throws on any problem. `baseDir` resolves relative document paths. */
export function parseSpec(input: unknown, source: string, baseDir: string): LoadedSpec {
  const { loaded, problems } = parseSpecValue(input, source, baseDir);
  if (problems.length) throw new SpecError(source, problems);
  return loaded;
}

function parseSpecValue(input: unknown, source: string, baseDir: string, text?: string): ReadSpecResult {
  const locate = (problems: readonly SpecProblem[]) => (text === undefined ? [...problems] : locateProblems(text, problems));
  const issues: SchemaIssue[] = [];
  const spec = specSchema.parse(input, [], issues);
  if (!spec) throw new SpecError(source, locate(issues));
  const placed = expandFleets(spec, issues);
  const resolved = resolveSpec(spec, placed, baseDir);
  const problems = [...issues, ...resolved.problems, ...checkSpecConsistency(resolved.spec), ...checkStackSeparation(resolved.spec), ...checkStackNames(resolved.spec)];
  return { loaded: { source, spec: resolved.spec }, problems, locate };
}
