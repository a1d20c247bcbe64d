/**
 * Loads a spec: reads the file (YAML or JSON), validates it against the schema with
 * defaults applied, and reads the policy documents it names. Every problem found is
 * reported at once in a {@link SpecError}, each with file, line and field.
 */
import * as fs from 'fs';
import * as path from 'path';
import { DEFAULT_SPEC_SOURCE, defaultSpecInput } from './default-spec';
import { expandFleets } from './expand-fleets';
import { checkStackSeparation } from './plan-stacks';
import { resolveSpec } from './resolve-spec';
import type { SchemaIssue } from './schema-kit';
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
  const text = readSpecText(file);
  return parseSpecValue(parseSpecText(text, file), file, path.dirname(path.resolve(file)), text);
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
  const problems = [...issues, ...resolved.problems, ...checkSpecConsistency(resolved.spec), ...checkStackSeparation(resolved.spec)];
  return { loaded: { source, spec: resolved.spec }, problems, locate };
}

function readSpecText(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const message =
      code === 'ENOENT'
        ? 'spec file not found'
        : code === 'EISDIR'
          ? 'is a folder, not a spec file'
          : `cannot be read (${code ?? String(error)})`;
    throw new SpecError(file, [{ path: [], message }]);
  }
}

function parseSpecText(text: string, file: string): unknown {
  if (/\.json$/i.test(file)) {
    try {
      return JSON.parse(text);
    } catch (error) {
      throw new SpecError(file, [jsonSyntaxProblem(text, error as Error)]);
    }
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const YAML = require('yaml') as typeof import('yaml');
  const document = YAML.parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  if (document.errors.length) {
    const lineCounter = new YAML.LineCounter();
    YAML.parseDocument(text, { lineCounter });
    throw new SpecError(
      file,
      document.errors.map((error) => {
        const { line, col } = lineCounter.linePos(error.pos[0]);
        return { path: [], message: `invalid YAML: ${firstLine(error.message)}`, line, column: col };
      }),
    );
  }
  const value = document.toJS({ maxAliasCount: 100 });
  return value === null || value === undefined ? {} : value;
}

/** JSON.parse does not always say where; the YAML parser (a JSON superset) finds the place. */
function jsonSyntaxProblem(text: string, error: Error): SpecProblem {
  const message = `invalid JSON: ${error.message.replace(/ in JSON at position \d+.*$/, '').split('\n')[0]}`;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const YAML = require('yaml') as typeof import('yaml');
  const lineCounter = new YAML.LineCounter();
  const [first] = YAML.parseDocument(text, { lineCounter }).errors;
  if (!first) return { path: [], message };
  const { line, col } = lineCounter.linePos(first.pos[0]);
  return { path: [], message, line, column: col };
}

function firstLine(message: string): string {
  return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}
