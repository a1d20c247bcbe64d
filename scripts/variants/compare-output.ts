/**
 * The output of the two builds compared file by file: HCL, module files, diagrams and items
 * must be byte-identical; Terraform JSON may differ only in the version cdktf records in
 * `//.metadata.version`.
 */
import * as fs from 'fs';
import * as path from 'path';
import { sameApartFromCdkVersion } from '../../src/cdk-flavour';

function filesUnder(dir: string, prefix = ''): string[] {
  return fs
    .readdirSync(path.join(dir, prefix), { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? filesUnder(dir, path.join(prefix, entry.name)) : [path.join(prefix, entry.name)]))
    .sort();
}

/** How `actual` differs from `expected`: files missing, extra or different, as lines; none when they match. */
export function compareOutput(expected: string, actual: string): string[] {
  const [want, got] = [filesUnder(expected), filesUnder(actual)];
  const problems = [
    ...want.filter((file) => !got.includes(file)).map((file) => `missing: ${file}`),
    ...got.filter((file) => !want.includes(file)).map((file) => `extra: ${file}`),
  ];
  for (const file of want.filter((candidate) => got.includes(candidate))) {
    const [a, b] = [expected, actual].map((dir) => fs.readFileSync(path.join(dir, file), 'utf8'));
    const same = a === b || (file.endsWith('.tf.json') && sameApartFromCdkVersion(a, b));
    if (!same) problems.push(`differs: ${file}`);
  }
  return problems;
}
