import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { carryOver } from './carry-over';
import { faultPoint } from './fault-point';
import { MANIFEST_FILE, readManifest, renderManifest } from './manifest';
import { OutputFolderError } from './output-folder-error';
import { withOutputFolder } from './output-folder';
import { assertInside, checkGeneratedPath, type OutputLocation, siblingPath } from './output-paths';
import { readIfExists } from './read-if-exists';
import { isSeededFile } from './seeded-files';
import { swapIn } from './swap-folder';
import type { GeneratedFiles } from './generated-files';

export { MANIFEST_FILE } from './manifest';

/** What a write changed, by generated file (relative paths). */
export interface WriteResult {
  readonly written: readonly string[];
  readonly unchanged: readonly string[];
  readonly removed: readonly string[];
}

/** How to write. */
export interface WriteOptions {
  /** Notices about other runs and interrupted runs go here. @default - standard error */
  readonly log?: (line: string) => void;
}

/**
 * Replaces the output folder `outDir` with `files` as a whole or not at all, one run at a time.
 * Every path is checked before anything is written. Under the folder's lock, the complete new
 * tree is built beside it — the generated files, the manifest, and every file the tool does
 * not own (state, `.terraform/`, notes) carried over — and swapped in by renames; a run killed
 * at any moment leaves the previous output, which the next run restores if need be. Files of
 * the previous run that are no longer generated are not carried over. When every generated
 * file is already as it would be written, nothing is touched. A seeded file (a root's lock file,
 * see seeded-files.ts) is written only where none is, and is not listed as generated.
 */
export function writeOutput(outDir: string, files: GeneratedFiles, options: WriteOptions = {}): WriteResult {
  for (const file of files.keys()) checkGeneratedPath(file);
  return withOutputFolder(outDir, 'write', (location) => replaceFolder(location, files), options.log ?? ((line) => console.error(line)));
}

function replaceFolder(location: OutputLocation, files: GeneratedFiles): WriteResult {
  const current = fs.statSync(location.path, { throwIfNoEntry: false });
  if (current && !current.isDirectory()) throw new OutputFolderError(location.display, 'is a file, where the output folder should be');
  const previous = current ? readManifest(location.path) : [];
  const all = withSeeds(location, files, previous);
  const written: string[] = [];
  const unchanged: string[] = [];
  let changed = false;
  for (const [file, content] of all) {
    const same = current !== undefined && readIfExists(path.join(location.path, file)) === content;
    changed ||= !same;
    if (file !== MANIFEST_FILE) (same ? unchanged : written).push(file);
  }
  const removed = previous.filter((file) => !all.has(file) && isOwnedFile(location.path, file));
  if (!changed) return { written, unchanged, removed: [] };

  const runId = randomBytes(6).toString('hex');
  const next = siblingPath(location, 'next', runId);
  try {
    fs.mkdirSync(next, current ? { mode: current.mode & 0o7777 } : {});
    buildTree(next, all);
    if (current) carryOver(location.path, next, { display: location.display, owned: new Set(previous), generated: new Set(all.keys()), seeded: isSeededFile });
    faultPoint('carried-over');
    swapIn(location, next, runId);
  } catch (error) {
    fs.rmSync(next, { recursive: true, force: true });
    throw error;
  }
  return { written, unchanged, removed };
}

/**
 * The files to write and the manifest. A seeded file that exists already is its owner's (unless
 * an earlier run listed it as generated): it is carried over, not rewritten, and never listed.
 */
function withSeeds(location: OutputLocation, files: GeneratedFiles, previous: readonly string[]): Map<string, string> {
  const listed = new Set(previous);
  const owned = [...files.keys()].filter((file) => !isSeededFile(file));
  const seeds = [...files].filter(([file]) => isSeededFile(file) && (listed.has(file) || !fs.existsSync(path.join(location.path, file))));
  return new Map([...owned.map((file): [string, string] => [file, files.get(file)!]), ...seeds, [MANIFEST_FILE, renderManifest(owned)]]);
}

/** Writes the generated files into the fresh tree `next`, each path checked once resolved. */
function buildTree(next: string, all: ReadonlyMap<string, string>): void {
  let count = 0;
  for (const [file, content] of all) {
    const target = path.join(next, file);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    assertInside(next, target);
    fs.writeFileSync(target, content, { flag: 'wx' });
    if (++count === 1) faultPoint('staged-some');
  }
}

/** True when the manifest entry `file` is a safe path and a file (not a folder) in `outDir`. */
function isOwnedFile(outDir: string, file: string): boolean {
  try {
    checkGeneratedPath(file);
  } catch {
    return false;
  }
  return fs.lstatSync(path.join(outDir, file), { throwIfNoEntry: false })?.isDirectory() === false;
}
