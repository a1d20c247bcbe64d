/**
 * Reads a JSON or YAML input file (a spec, an expectations file, a Terraform plan's JSON) the
 * way editors write them (see `read-text-file.ts`) and parses it: JSON for `.json` files, YAML
 * (a JSON superset) for the rest. Every failure is a {@link SpecError} naming the file, with the
 * line and column where there is one.
 */
import { parseJsonText, parseYamlText } from './parse-text';
import { readTextFile } from './read-text-file';
import { locateProblems } from './source-locations';
import { SpecError } from './spec-error';

/** A file's text and its parsed value. */
export interface StructuredFile {
  readonly text: string;
  readonly value: unknown;
}

/** Reads and parses `file`; `kind` names it when it is missing (`spec file`, `expectations file`). */
export function readStructuredFile(file: string, kind: string): StructuredFile {
  const read = readTextFile(file);
  if (!read.ok) throw new SpecError(file, [{ path: [], message: read.missing ? `${kind} not found` : read.message, line: read.line, column: read.column }]);
  const parsed = /\.json$/i.test(file) ? parseJsonText(read.text) : parseYamlText(read.text);
  if (parsed.ok) return { text: read.text, value: parsed.value };
  const unlocated = parsed.problems.some((problem) => problem.line === undefined);
  throw new SpecError(file, unlocated ? locateProblems(read.text, parsed.problems) : parsed.problems);
}
