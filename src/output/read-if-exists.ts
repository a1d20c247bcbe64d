import * as fs from 'fs';

/** The text of `file`, or undefined when it cannot be read (missing, a folder, ...). */
export function readIfExists(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
