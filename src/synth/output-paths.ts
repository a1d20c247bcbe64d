import * as fs from 'fs';
import * as path from 'path';
import { MANIFEST_FILE } from './manifest';
import { OutputFolderError } from './output-folder-error';

/** Where an output folder is, with the names of the files that live beside it. */
export interface OutputLocation {
  /** The folder as the user named it, for messages. */
  readonly display: string;
  /** Its absolute path, symbolic links in its parents (and the folder itself) resolved. */
  readonly path: string;
  /** The folder that holds it, its lock and the trees of a run in progress. */
  readonly parent: string;
  /** Its last path component. */
  readonly name: string;
}

/** What lives beside an output folder: its lock, and the new (`next`), replaced (`prev`) and discarded (`old`) trees of a run. */
export type SiblingKind = 'lock' | 'next' | 'prev' | 'old';

/** `<parent>/.<name>.lock`, or `<parent>/.<name>.<kind>-<runId>` for a run's trees. */
export function siblingPath(location: OutputLocation, kind: SiblingKind, runId?: string): string {
  return path.join(location.parent, `.${location.name}.${kind}${runId === undefined ? '' : `-${runId}`}`);
}

/** The trees a run left beside the folder (`.<name>.next-*`, `.prev-*`, `.old-*`), by kind. */
export function leftoverTrees(location: OutputLocation): Array<{ kind: SiblingKind; path: string }> {
  let names: string[];
  try {
    names = fs.readdirSync(location.parent);
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    const match = /^(next|prev|old)-[0-9a-f]+$/.exec(name.startsWith(`.${location.name}.`) ? name.slice(location.name.length + 2) : '');
    return match ? [{ kind: match[1] as SiblingKind, path: path.join(location.parent, name) }] : [];
  });
}

/** Resolves the output folder `outDir` (relative to `cwd`), following symbolic links. */
export function locateOutputFolder(outDir: string, cwd: string = process.cwd()): OutputLocation {
  const real = realpathOrSelf(path.resolve(cwd, outDir));
  return { display: outDir, path: real, parent: path.dirname(real), name: path.basename(real) };
}

/**
 * Refuses an output folder that is the current folder, one of its parents or a file-system
 * root: a run replaces the folder as a whole, which would move the user's working tree.
 */
export function refuseWorkingTree(location: OutputLocation, cwd: string = process.cwd()): void {
  const here = realpathOrSelf(cwd);
  if (location.path === path.parse(location.path).root) {
    throw new OutputFolderError(location.display, 'is the root of the file system; name a folder of its own (e.g. -o generated)');
  }
  if (here === location.path || here.startsWith(location.path + path.sep)) {
    throw new OutputFolderError(
      location.display,
      'is the current folder or one of its parents, and each run replaces its output folder as a whole; name a folder of its own (e.g. -o generated)',
    );
  }
}

/**
 * The output folders that contain `location` (they hold a manifest, or a run holds their lock
 * or was interrupted replacing them), outermost first: a run on a nested folder holds their
 * locks too, so that a run replacing the outer folder cannot carry over a half-written inner one.
 */
export function outputFoldersAbove(location: OutputLocation): OutputLocation[] {
  const found: OutputLocation[] = [];
  for (let dir = location.parent; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const candidate = { display: dir, path: dir, parent: path.dirname(dir), name: path.basename(dir) };
    const isOutput = fs.existsSync(dir)
      ? fs.existsSync(path.join(dir, MANIFEST_FILE)) || fs.existsSync(siblingPath(candidate, 'lock'))
      : leftoverTrees(candidate).some((tree) => tree.kind === 'prev');
    if (isOutput) found.unshift(candidate);
  }
  return found;
}

/**
 * The last line of defence (spec validation comes first): throws unless generated file path
 * `file` is relative, free of NUL, `.` and `..` segments and empty segments, so that it stays
 * inside the output folder whatever the spec says.
 */
export function checkGeneratedPath(file: string): void {
  const problem = file.includes('\0')
    ? 'contains a NUL character'
    : path.isAbsolute(file) || path.win32.isAbsolute(file)
      ? 'is absolute'
      : file.split(/[\\/]/).some((segment) => segment === '..' || segment === '.' || segment === '')
        ? 'has an empty, "." or ".." segment'
        : file === MANIFEST_FILE
          ? 'is the name of the manifest'
          : undefined;
  if (problem) throw new Error(`generated file path ${JSON.stringify(file)} ${problem}, so it could land outside the output folder; nothing was written`);
}

/** Throws unless `target`, with symbolic links resolved, is inside folder `root` (itself resolved). */
export function assertInside(root: string, target: string): void {
  const relative = path.relative(fs.realpathSync(root), realpathOrSelf(target));
  if (!relative || relative.startsWith('..') || path.isAbsolute(relative)) {
    throw new Error(`${target} resolves to a path outside ${root}; nothing was written`);
  }
}

/** `file` with symbolic links resolved, as far as it exists (the missing rest appended). */
function realpathOrSelf(file: string): string {
  try {
    return fs.realpathSync(file);
  } catch {
    const parent = path.dirname(file);
    return parent === file ? file : path.join(realpathOrSelf(parent), path.basename(file));
  }
}
