/**
 * Loads a spec: reads the file (YAML or JSON), validates it against the schema with
 * defaults applied, and reads the policy documents it names. Every problem found is
 * reported at once in a {@link SpecError}, each with file, line and field.
 */
import * as path from 'path';
import { DEFAULT_SPEC_SOURCE, defaultSpecInput } from './default-spec';
import { expandFleets } from './expand-fleets';
import { checkAccountBoundIds, checkProfileEnvironments, checkStackNames, checkStackSeparation } from './plan-stacks';
import { resolveSpec } from './resolve-spec';
import type { SchemaIssue } from './schema-kit';
import { readStructuredFile } from './read-structured-file';
import { locateProblems } from './source-locations';
import { SpecError, SpecProblem } from './spec-error';
import { type Spec, specSchema } from './spec-schema';
import type { LoadedSpec, ResolvedProfileSpec } from './model';
import { checkSpecConsistency } from './spec-consistency';
import { checkVariableDeclarations, fillVariables, hasVariableType, isVariableProblem, misplacedPlaceholders, type VariableUse } from './spec-variables';
import { describeValue } from './schema-kit';
import { closest } from '../text/closest';
import { isPlainObject } from '../text/plain-object';

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
  const uses: VariableUse[] = [];
  const spec = specSchema.parse(withVariablesFilled(input, uses, issues), [], issues);
  dropEchoesOfVariableProblems(issues);
  if (!spec) throw new SpecError(source, locate(issues));
  issues.push(...checkVariableDeclarations(spec.variables));
  const placed = expandFleets(spec, issues, uses);
  dropEchoesOfVariableProblems(issues);
  const resolved = resolveSpec(spec, placed, baseDir, uses);
  const base = [...issues, ...resolved.problems];
  const environments = environmentProfilesOf(input, spec, resolved.spec.profiles, baseDir, base);
  const resolvedSpec = { ...resolved.spec, environmentProfiles: environments.profiles };
  const problems = [
    ...base,
    ...environments.problems,
    ...checkSpecConsistency(resolvedSpec),
    ...checkStackSeparation(resolvedSpec),
    ...checkStackNames(resolvedSpec),
    ...checkProfileEnvironments(resolvedSpec),
    ...checkAccountBoundIds(resolvedSpec),
  ];
  return { loaded: { source, spec: resolvedSpec }, problems, locate };
}

/**
 * The input with the `{{var.…}}` placeholders of its listed profiles filled (fleet templates are
 * filled per item, see expandFleets); placeholders anywhere else are problems.
 */
function withVariablesFilled(input: unknown, uses: VariableUse[], issues: SchemaIssue[]): unknown {
  if (!isPlainObject(input)) return input;
  const variables = specSchema.shape.variables.parse(input.variables, ['variables'], []) ?? {};
  issues.push(...misplacedPlaceholders(input));
  if (!Array.isArray(input.profiles)) return input;
  return { ...input, profiles: fillVariables(input.profiles, ['profiles'], variables, uses, issues) };
}

/**
 * A placeholder that could not be filled stays in its field, whose own rule then fails too:
 * only the placeholder's problem is kept at that field.
 */
function dropEchoesOfVariableProblems(issues: SchemaIssue[]): void {
  const placeholderAt = new Set(issues.filter(isVariableProblem).map((issue) => issue.path.join('\u0000')));
  const kept = issues.filter((issue) => isVariableProblem(issue) || !placeholderAt.has(issue.path.join('\u0000')));
  issues.splice(0, issues.length, ...kept);
}

/**
 * The profiles of each environment that sets its own variable values: the spec read again with
 * those values as the defaults. Problems that only these values cause say which environment.
 */
function environmentProfilesOf(
  input: unknown,
  spec: Spec,
  placedProfiles: readonly ResolvedProfileSpec[],
  baseDir: string,
  known: readonly SpecProblem[],
): { profiles: Record<string, readonly ResolvedProfileSpec[]>; problems: SpecProblem[] } {
  const profiles: Record<string, readonly ResolvedProfileSpec[]> = {};
  const problems: SpecProblem[] = [];
  if (!isPlainObject(input)) return { profiles, problems };
  const seen = new Set(known.map((problem) => `${problem.path.join('.')}\u0000${problem.message}`));
  for (const [environment, settings] of Object.entries(spec.environments)) {
    const values = settings.variables;
    if (!Object.keys(values).length) continue;
    const valueProblems = Object.entries(values).flatMap(([name, value]): SpecProblem[] => {
      const path = ['environments', environment, 'variables', name];
      const variable = spec.variables[name];
      if (!variable) {
        const hint = closest(name, Object.keys(spec.variables));
        return [{ path, message: `sets ${name}, which is not declared under variables${hint ? ` (did you mean "${hint}"?)` : ''}` }];
      }
      return hasVariableType(value, variable.type) ? [] : [{ path, message: `${describeValue(value)} is not a ${variable.type}` }];
    });
    problems.push(...valueProblems);
    if (valueProblems.length) continue;
    const declared = (isPlainObject(input.variables) ? input.variables : {}) as Record<string, Record<string, unknown>>;
    const withValues = {
      ...input,
      variables: Object.fromEntries(
        Object.entries(declared).map(([name, variable]) => [name, name in values ? { ...variable, default: values[name] } : variable]),
      ),
    };
    const issues: SchemaIssue[] = [];
    const uses: VariableUse[] = [];
    const parsed = specSchema.parse(withVariablesFilled(withValues, uses, issues), [], issues);
    const resolved = parsed && resolveSpec(parsed, expandFleets(parsed, issues, uses), baseDir, uses);
    dropEchoesOfVariableProblems(issues);
    for (const problem of [...issues, ...(resolved?.problems ?? [])]) {
      if (!seen.has(`${problem.path.join('.')}\u0000${problem.message}`))
        problems.push({ ...problem, message: `in environment ${environment}: ${problem.message}` });
    }
    if (resolved) {
      const base = new Map(placedProfiles.map((profile) => [profile.fieldPath.join('.'), profile]));
      profiles[environment] = resolved.spec.profiles.map((profile) => ({ ...profile, namedAs: base.get(profile.fieldPath.join('.')) }));
    }
  }
  return { profiles, problems };
}
