import * as fs from 'fs';
import { specJsonSchema } from '../spec/spec-schema';

/** The JSON Schema file's content, as committed. */
export function renderSpecSchema(): string {
  return JSON.stringify(specJsonSchema(), null, 2) + '\n';
}

/** Where the schema command writes by default: the file the repository commits. */
export const DEFAULT_SCHEMA_FILE = 'spec.schema.json';

/** `schema`: write the spec's JSON Schema to `file`. */
export function runSchema(file: string, log: (line: string) => void): void {
  fs.writeFileSync(file, renderSpecSchema());
  log(`wrote ${file}`);
}
