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
      return new OutputFolderError(dir, `a path is too long: ${where}`);
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

/** The first component of `file`, from the root down, that exists and is not a folder. */
function firstFileIn(file: string): string | undefined {
  const absolute = path.resolve(file);
  const parts = absolute.split(path.sep).filter(Boolean);
  for (let index = 1; index <= parts.length; index++) {
    const prefix = path.join(path.parse(absolute).root, ...parts.slice(0, index));
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
