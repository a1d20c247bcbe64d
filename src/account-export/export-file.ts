/**
 * Reads one file of an account export (the JSON an AWS CLI command printed) through the spec
 * readers (`src/spec/read-structured-file.ts`), so the size, encoding and nesting limits of
 * every other input apply, and locates shape problems in it: every failure is a
 * {@link SpecError} naming the file, the field path and, where the file has one, the line.
 */
import { readStructuredFile } from '../spec/read-structured-file';
import { locateProblems } from '../spec/source-locations';
import { SpecError } from '../spec/spec-error';
import type { FieldPath } from '../spec/field-path';

/** A parsed export file and the command that should have written it. */
export interface ExportFile {
  /** The file as the user named it. */
  readonly file: string;
  /** Its text, for locating problems. */
  readonly text: string;
  /** The parsed JSON value. */
  readonly value: unknown;
  /** The command whose output it should be, e.g. `aws ec2 describe-instances --output json`. */
  readonly command: string;
}

/** Reads and parses `file`, which should hold the output of `command`; a file that cannot be read or parsed says which command's output was expected. */
export function readExportFile(file: string, command: string): ExportFile {
  try {
    const { text, value } = readStructuredFile(file, 'file');
    return { file, text, value, command };
  } catch (error) {
    if (!(error instanceof SpecError)) throw error;
    throw new SpecError(
      file,
      error.problems.map((problem) => ({ ...problem, message: `${problem.message}; expected the output of ${command}` })),
    );
  }
}

/** Throws the located problem `message` at `path` of `source`. */
export function failAt(source: ExportFile, path: FieldPath, message: string): never {
  throw new SpecError(source.file, locateProblems(source.text, [{ path, message }]));
}
