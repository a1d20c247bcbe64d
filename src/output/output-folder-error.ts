import * as fs from 'fs';
import * as path from 'path';

/**
 * A problem with the output folder itself (it cannot be created, written or locked, or another
 * run holds it): the CLI reports it as `error: <dir>: <reason>; nothing was written`, exit 1.
 */
export class OutputFolderError extends Error {
  constructor(
    /** The output folder as the user named it. */
    readonly dir: string,
    /** What is wrong, in plain words, without the folder's name in front. */
    readonly reason: string,
  ) {
    super(`${dir}: ${reason}`);
    this.name = 'OutputFolderError';
  }
}

/**
 * Turns a failed file-system call made on behalf of output folder `dir` into an
 * {@link OutputFolderError} with a plain reason; any other error is returned unchanged.
 * `shown` names the failed path as the user knows it (e.g. the output folder's file rather
 * than its copy in the tree being built).
 */
export function asOutputFolderError(error: unknown, dir: string, shown: (file: string) => string = relativeToCwd): unknown {
  if (error instanceof OutputFolderError || !isSystemError(error)) return error;
  const where = shown(error.path ?? dir);
  switch (error.code) {
    case 'ENOTDIR':
    case 'EEXIST':
      return new OutputFolderError(dir, `${shown(firstFileIn(error.path ?? dir) ?? where)} is a file, where a folder should be`);
    case 'EACCES':
    case 'EPERM':
      return new OutputFolderError(dir, `permission denied on ${where}`);
    case 'EROFS':
      return new OutputFolderError(dir, `${where} is on a read-only file system`);
    case 'ENOSPC':
      return new OutputFolderError(dir, `no space left on the device of ${where}`);
    case 'EDQUOT':
      return new OutputFolderError(dir, `disk quota exceeded on ${where}`);
    case 'ENAMETOOLONG':
      return new OutputFolderError(dir, nameTooLong(error.path ?? dir, shown));
    case 'ENOENT':
      return new OutputFolderError(dir, `${where} does not accept new files`);
    default:
      return new OutputFolderError(dir, `cannot write ${where} (${error.code})`);
  }
}

interface SystemError {
  readonly code: string;
  readonly syscall: string;
  readonly path?: string;
}

/** Not `instanceof Error`: errors of Node's own calls may come from another realm (as under jest). */
function isSystemError(error: unknown): error is SystemError {
  const candidate = error as Partial<SystemError> | null;
  return typeof candidate === 'object' && candidate !== null && typeof candidate.code === 'string' && typeof candidate.syscall === 'string';
}

/** The most bytes one file or folder name may have (NAME_MAX on Linux, and the limit of APFS, ext4, XFS and NTFS). */
export const MAX_NAME_BYTES = 255;
/** The most bytes of a whole path Linux accepts (PATH_MAX, with the final NUL). */
const MAX_PATH_BYTES = 4095;

/** Why the file system refused `file` as too long: the name in it that is too long, or the whole path. */
function nameTooLong(file: string, shown: (file: string) => string): string {
  for (const prefix of pathPrefixes(path.resolve(file))) {
    const name = path.basename(prefix);
    if (Buffer.byteLength(name) > MAX_NAME_BYTES) {
      const place = shown(prefix);
      const where = path.basename(place) === name ? place : path.join(place, name);
      return `a name is too long: "${name}" is ${sizeText(name)}, and a file system allows at most ${MAX_NAME_BYTES} bytes for one name${where === name ? '' : ` (${where})`}`;
    }
  }
  const absolute = path.resolve(file);
  return `a path is too long: ${shown(file)} is ${sizeText(absolute)} as a full path, and the file system allows at most ${MAX_PATH_BYTES} bytes (a shorter output folder path, or shorter stack names, help)`;
}

/** The length of a name as a message gives it: characters, and bytes when they differ. */
export function sizeText(name: string): string {
  const bytes = Buffer.byteLength(name);
  return bytes === name.length ? `${bytes} characters` : `${name.length} characters (${bytes} bytes)`;
}

/** Each path from the root down to `absolute`: `/a`, `/a/b`, `/a/b/c` for `/a/b/c`. */
export function pathPrefixes(absolute: string): string[] {
  const root = path.parse(absolute).root;
  const parts = absolute.slice(root.length).split(path.sep).filter(Boolean);
  return parts.map((_, index) => path.join(root, ...parts.slice(0, index + 1)));
}

/** The first component of `file`, from the root down, that exists and is not a folder. */
function firstFileIn(file: string): string | undefined {
  for (const prefix of pathPrefixes(path.resolve(file))) {
    try {
      if (!fs.statSync(prefix).isDirectory()) return prefix;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** A path as the user would write it: relative to the current folder when inside it. */
export function relativeToCwd(file: string): string {
  const relative = path.relative(process.cwd(), path.resolve(file));
  if (relative === '') return '.';
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : path.resolve(file);
}
