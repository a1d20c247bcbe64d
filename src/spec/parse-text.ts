/**
 * Parses decoded spec and policy-document text (JSON, or YAML for specs) into a value, or
 * into located problems: every syntax error and every parser limit (nesting, YAML alias
 * expansion) is an input problem with line and column, never an exception.
 */
import { INPUT_LIMITS } from './input-limits';
import { findJsonSyntaxProblem } from './json-syntax';
import type { SpecProblem } from './spec-error';

/** The parsed value, or the problems that stop parsing (each with line and column). */
export type ParseResult = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly problems: readonly SpecProblem[] };

/** Parses JSON text, reporting syntax errors and repeated keys with their place. */
export function parseJsonText(text: string): ParseResult {
  const problem = findJsonSyntaxProblem(text);
  if (problem) return failed({ path: [], message: `invalid JSON: ${problem.message}`, ...lineAndColumn(text, problem.offset) });
  return { ok: true, value: JSON.parse(text) };
}

/** Parses YAML text (a JSON superset), reporting syntax errors, repeated keys and parser limits with their place. */
export function parseYamlText(text: string): ParseResult {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const YAML = require('yaml') as typeof import('yaml');
  const lineCounter = new YAML.LineCounter();
  // prettyErrors would quote the source around each error; on pathological input that alone exhausts memory.
  const document = YAML.parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  if (document.errors.length) {
    return failed(
      ...document.errors.map((error) => ({
        path: [],
        message: error.code === 'RESOURCE_EXHAUSTION' ? `nested too deeply for the YAML parser; at most ${INPUT_LIMITS.nestingDepth} levels are read` : `invalid YAML: ${firstLine(error.message)}`,
        ...at(error.pos[0]),
      })),
    );
  }
  let value: unknown;
  try {
    value = document.toJS({ maxAliasCount: INPUT_LIMITS.yamlAliases });
  } catch (error) {
    if (!(error instanceof ReferenceError)) throw error;
    const alias = firstAliasOffset(YAML, document);
    return failed({
      path: [],
      message: `YAML aliases expand to more than ${INPUT_LIMITS.yamlAliases} copies (${firstLine(error.message)}); write the repeated part out or use fewer aliases`,
      ...(alias === undefined ? {} : at(alias)),
    });
  }
  const tooDeep = pathDeeperThan(value, INPUT_LIMITS.nestingDepth);
  if (tooDeep) return failed({ path: tooDeep, message: `nested more than ${INPUT_LIMITS.nestingDepth} levels deep; that is the most this tool reads` });
  return { ok: true, value: value === null || value === undefined ? {} : value };
}

/** 1-based line and column of a character offset in LF-separated text. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let index = text.indexOf('\n'); index !== -1 && index < offset; index = text.indexOf('\n', index + 1)) {
    line++;
    lineStart = index + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * The path of the first mapping or list nested deeper than `limit`, found without recursion.
 * Aliases can build deep values from a shallow text, so the parsed value is what is measured.
 */
function pathDeeperThan(value: unknown, limit: number): Array<string | number> | undefined {
  const pending: Array<{ value: unknown; path: Array<string | number> }> = [{ value, path: [] }];
  while (pending.length) {
    const { value: current, path } = pending.pop()!;
    if (current === null || typeof current !== 'object') continue;
    if (path.length >= limit) return path;
    const entries: Array<[string | number, unknown]> = Array.isArray(current) ? current.map((item, index) => [index, item]) : Object.entries(current);
    for (const [key, item] of entries) pending.push({ value: item, path: [...path, key] });
  }
  return undefined;
}

function firstAliasOffset(YAML: typeof import('yaml'), document: import('yaml').Document): number | undefined {
  let offset: number | undefined;
  YAML.visit(document, {
    Alias(_key, node) {
      offset = node.range?.[0];
      return YAML.visit.BREAK;
    },
  });
  return offset;
}

function failed(...problems: SpecProblem[]): ParseResult {
  return { ok: false, problems };
}

function firstLine(message: string): string {
  return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}
