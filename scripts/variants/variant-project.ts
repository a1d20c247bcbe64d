/**
 * A variant of the project: a copy of its working tree in a scratch folder with a rewritten
 * package.json, and what its install resolved the CDK core and the AWS provider bindings to.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

/** A package.json, as far as a variant rewrites it. */
export interface Manifest {
  devDependencies: Record<string, string>;
  overrides?: Record<string, unknown>;
  [key: string]: unknown;
}

/** Folders never copied into a variant: installed or built here, or output. */
const NOT_COPIED = new Set(['node_modules', 'dist', 'lib', '.git', 'cdktf.out', '.terraform']);

/**
 * Copies the project in `root` into `target` and rewrites its package.json with `rewrite`. The
 * lock file is left out (the variant resolves its own), and so are packed tarballs.
 */
export function writeVariantProject(root: string, target: string, rewrite: (manifest: Manifest) => Manifest): void {
  fs.cpSync(root, target, {
    recursive: true,
    filter: (source) => !NOT_COPIED.has(path.basename(source)) && path.basename(source) !== 'package-lock.json' && !source.endsWith('.tgz'),
  });
  const file = path.join(target, 'package.json');
  fs.writeFileSync(file, `${JSON.stringify(rewrite(JSON.parse(fs.readFileSync(file, 'utf8')) as Manifest), null, 2)}\n`);
}

/** Run by the variant's Node.js in the variant: what its bindings and its `cdktf` load, as JSON. */
const INSPECT_INSTALL = `
const path = require('path');
const manifest = require('@cdktf/provider-aws/package.json');
const bindings = path.dirname(require.resolve('@cdktf/provider-aws/package.json'));
const ownName = (peer) => (peer === 'constructs' ? 'constructs' : 'cdktf');
const peers = Object.keys(manifest.peerDependencies || {});
const core = peers.find((peer) => peer !== 'constructs');
const version = (name) => require(require.resolve(name + '/package.json', { paths: [bindings] })).version;
console.log(JSON.stringify({
  bindings: manifest.name + '@' + manifest.version,
  providerVersion: (manifest.cdktf && manifest.cdktf.provider && manifest.cdktf.provider.version) || 'unknown',
  core: core ? core + '@' + version(core) : 'none',
  problems: peers
    .filter((peer) => require(require.resolve(peer, { paths: [bindings] })) !== require(ownName(peer)))
    .map((peer) => manifest.name + ' loads another ' + peer + ' than the project loads as ' + ownName(peer)),
}));
`;

/** What a variant's install resolved: the bindings the project imports as `@cdktf/provider-aws`, and the core they share with it. */
export interface InstalledBindings {
  /** The bindings' package and version, e.g. `@cdktn/provider-aws@25.7.0`. */
  readonly bindings: string;
  /** The AWS provider version they were generated for, e.g. `6.66.0`. */
  readonly providerVersion: string;
  /** The CDK core they load, e.g. `cdktn@0.24.0`. */
  readonly core: string;
  /** Each peer (the core, constructs) of which the bindings would load another copy than the project; empty when they share one. */
  readonly problems: readonly string[];
}

/**
 * Which bindings the project in `project` loads as `@cdktf/provider-aws`, and whether they load
 * the very modules the project loads as `cdktf` and `constructs`, found by loading them with the
 * variant's Node.js: two copies of the core in one process would each keep their own construct
 * and token bookkeeping. Throws when that Node.js cannot load them.
 */
export function installedBindings(project: string, node: string): InstalledBindings {
  const inspected = spawnSync(node, ['-e', INSPECT_INSTALL], { cwd: project, encoding: 'utf8' });
  if (inspected.status !== 0) throw new Error(`cannot load the variant's bindings and core: ${inspected.stderr.trim()}`);
  return JSON.parse(inspected.stdout) as InstalledBindings;
}
