/**
 * The project as a CDK Terrain user has it: `cdktf` aliased to `cdktn`, the `constructs` it
 * needs, `cdktn-cli` for `cdktf-cli`, and an override so the AWS provider bindings (built for
 * cdktf) take the alias instead of a second copy of cdktf.
 */
import * as fs from 'fs';
import * as path from 'path';

/** What the variant installs. */
export const CDKTN_PACKAGES = { cdktf: 'npm:cdktn@0.24.0', constructs: '10.7.2', 'cdktn-cli': '0.24.0' } as const;

interface Manifest {
  devDependencies: Record<string, string>;
  overrides?: Record<string, unknown>;
  [key: string]: unknown;
}

/** The package.json of the variant, from the project's. */
export function cdktnManifest(manifest: Manifest): Manifest {
  const { 'cdktf-cli': _cli, ...devDependencies } = manifest.devDependencies;
  return {
    ...manifest,
    devDependencies: { ...devDependencies, ...CDKTN_PACKAGES },
    overrides: { ...manifest.overrides, '@cdktf/provider-aws': { cdktf: '$cdktf', constructs: '$constructs' } },
  };
}

/** Folders never copied into the variant: installed or built here, or output. */
const NOT_COPIED = new Set(['node_modules', 'dist', 'lib', '.git', 'cdktf.out', '.terraform']);

/** Copies the project into `target` and rewrites its package.json for cdktn (the lock file is left out: the variant resolves its own). */
export function writeCdktnVariant(root: string, target: string): void {
  fs.cpSync(root, target, {
    recursive: true,
    filter: (source) => !NOT_COPIED.has(path.basename(source)) && path.basename(source) !== 'package-lock.json' && !source.endsWith('.tgz'),
  });
  const file = path.join(target, 'package.json');
  fs.writeFileSync(file, `${JSON.stringify(cdktnManifest(JSON.parse(fs.readFileSync(file, 'utf8')) as Manifest), null, 2)}\n`);
}
