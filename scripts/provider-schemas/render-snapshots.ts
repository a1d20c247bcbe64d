/**
 * The committed form of the snapshots: one TypeScript module per provider release holding its
 * snapshot as data (a `.ts` module, so `npm run build:lib` compiles it into lib/ and the package
 * ships it; tsc would not copy a `.json` file there), and an index listing them, oldest first.
 * The text is formatted with the project's Prettier settings, so it is the same on every run.
 */
import * as path from 'path';
import * as prettier from 'prettier';
import { packageRoot } from '../../src/package-root';
import type { ProviderSchemaSnapshot } from '../../src/terraform/provider-schemas/schema-snapshot';

/** The file of a release's snapshot module, `aws-6.66.0.ts`. */
export function snapshotFileName(version: string): string {
  return `aws-${version}.ts`;
}

/** The constant a snapshot module exports, `AWS_PROVIDER_6_66_0`. */
export function snapshotConstName(version: string): string {
  return `AWS_PROVIDER_${version.replace(/\./g, '_')}`;
}

/** Whether a file name is one of the snapshot modules (so a stale one can be removed). */
export function isSnapshotFile(name: string): boolean {
  return /^aws-\d+\.\d+\.\d+\.ts$/.test(name);
}

/** Release order: `5.100.0` before `6.25.0` before `6.66.0`. */
export function compareVersions(a: string, b: string): number {
  const [x, y] = [a, b].map((version) => version.split('.').map(Number));
  for (let i = 0; i < Math.max(x.length, y.length); i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) - (y[i] ?? 0);
  return 0;
}

const NOTICE = ' * Written by `npm run provider-schemas` (scripts/provider-schemas/extract-provider-schemas.ts): do not edit.';

/** The module holding one snapshot, formatted. */
export async function renderSnapshotModule(snapshot: ProviderSchemaSnapshot, filepath: string): Promise<string> {
  const text = [
    '/**',
    ` * The schema of AWS provider ${snapshot.version} for the types the project writes, read from ${snapshot.package}.`,
    NOTICE,
    ' */',
    "import type { ProviderSchemaSnapshot } from './schema-snapshot';",
    '',
    `/** AWS provider ${snapshot.version}, from ${snapshot.package}. */`,
    `export const ${snapshotConstName(snapshot.version)}: ProviderSchemaSnapshot = ${JSON.stringify(snapshot)};`,
    '',
  ].join('\n');
  return format(text, filepath);
}

/** The index of the snapshot modules, formatted. */
export async function renderIndexModule(versions: readonly string[], filepath: string): Promise<string> {
  const ordered = [...versions].sort(compareVersions);
  const text = [
    '/**',
    ' * The committed provider schema snapshots, oldest release first.',
    NOTICE,
    ' */',
    "import type { ProviderSchemaSnapshot } from './schema-snapshot';",
    ...ordered.map((version) => `import { ${snapshotConstName(version)} } from './${snapshotFileName(version).replace(/\.ts$/, '')}';`),
    '',
    "export type { BlockSchema, ProviderSchemaSnapshot } from './schema-snapshot';",
    '',
    `/** Every committed snapshot (AWS provider ${ordered.join(', ')}), oldest release first. */`,
    `export const PROVIDER_SCHEMA_SNAPSHOTS: readonly ProviderSchemaSnapshot[] = [${ordered.map(snapshotConstName).join(', ')}];`,
    '',
  ].join('\n');
  return format(text, filepath);
}

/** Formats with the project's Prettier settings (resolved inside the project, wherever the file goes). */
async function format(text: string, filepath: string): Promise<string> {
  const options = (await prettier.resolveConfig(path.join(packageRoot(), 'src/terraform/provider-schemas', path.basename(filepath)))) ?? {};
  return prettier.format(text, { ...options, filepath });
}
