import * as fs from 'fs';
import * as path from 'path';
import { MANIFEST_FILE } from './manifest';
import { MAX_NAME_BYTES, OutputFolderError, pathPrefixes, relativeToCwd, sizeText } from './output-folder-error';

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
 * Refuses an output folder whose path runs through a symbolic link that leads nowhere (to a
 * path that does not exist, or round a loop of links): the run could not create the folder,
 * and the file system would only report some other path as the problem.
 */
export function refuseDanglingLink(location: OutputLocation, cwd: string = process.cwd()): void {
  for (const prefix of pathPrefixes(path.resolve(cwd, location.display))) {
    let entry: fs.Stats | undefined;
    try {
      entry = fs.lstatSync(prefix, { throwIfNoEntry: false });
    } catch {
      return; // a file on the way, or a name too long: reported where the run fails
    }
    if (!entry) return; // the rest is created by the run
    if (!entry.isSymbolicLink()) continue;
    const code = statError(prefix);
    if (code !== 'ENOENT' && code !== 'ELOOP') continue;
    const target = fs.readlinkSync(prefix);
    const resolved = path.resolve(path.dirname(prefix), target);
    const points = `it points to ${target}${resolved === target ? '' : ` (${resolved})`}`;
    const what =
      code === 'ENOENT'
        ? `a symbolic link to nothing: ${points}, which does not exist`
        : `a symbolic link that never reaches a file or folder: ${points}, and following the links goes round in a loop`;
    const subject = prefix === path.resolve(cwd, location.display) ? 'is' : `${relativeToCwd(prefix)} is`;
    throw new OutputFolderError(location.display, `${subject} ${what}; create the folder it should point to, or remove the link`);
  }
}

/**
 * Refuses an output folder with a name in its path longer than MAX_NAME_BYTES: the
 * file system would refuse to create it with no word on which name is too long.
 */
export function refuseLongNames(location: OutputLocation): void {
  for (const prefix of pathPrefixes(location.path)) {
    const name = path.basename(prefix);
    const bytes = Buffer.byteLength(name);
    if (bytes <= MAX_NAME_BYTES) continue;
    const which = prefix === location.path ? 'the folder name' : 'a name in its path';
    throw new OutputFolderError(
      location.display,
      `${which} is too long: "${name}" is ${sizeText(name)}, and a file system allows at most ${MAX_NAME_BYTES} bytes for one name`,
    );
  }
}

/** The error code of following `file`'s links, or undefined when they lead to a file or folder. */
function statError(file: string): string | undefined {
  try {
    fs.statSync(file);
    return undefined;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code;
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
