/**
 * Reads a JSON or YAML input file (a spec, an expectations file, a Terraform plan's JSON) the
 * way editors write them (see `read-text-file.ts`) and parses it: JSON for `.json` files, YAML
 * (a JSON superset) for the rest, as strictly as `parse-text.ts` says. Every failure is a
 * {@link SpecError} naming the file, with the line and column where there is one.
 */
import { parseJsonText, parseYamlText } from './parse-text';
import { readTextFile } from './read-text-file';
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
  throw new SpecError(file, parsed.problems);
}
