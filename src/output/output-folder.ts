import * as fs from 'fs';
import * as path from 'path';
import { faultPoint } from './fault-point';
import { asOutputFolderError, relativeToCwd } from './output-folder-error';
import { acquireOutputLock } from './output-lock';
import { locateOutputFolder, type OutputLocation, outputFoldersAbove, refuseDanglingLink, refuseLongNames, refuseWorkingTree } from './output-paths';
import { recoverOutputFolder } from './swap-folder';

/** What a command does with an output folder. */
export type OutputAccess = 'write' | 'read';

/**
 * The one way commands reach an output folder: resolves it (a write refuses the current
 * folder and its parents, a path through a symbolic link to nothing and a name too long), takes
 * its lock (and, outermost first, the locks of output folders that contain it), repairs what an
 * interrupted run left, runs `work`, and releases the locks.
 * File-system failures come out as an OutputFolderError. Reading a folder whose parent does
 * not exist, or on a read-only file system, needs no lock and takes none.
 */
export function withOutputFolder<T>(outDir: string, access: OutputAccess, work: (location: OutputLocation) => T, log: (line: string) => void): T {
  const releases: Array<() => void> = [];
  const location = locateOutputFolder(outDir);
  try {
    if (access === 'write') {
      refuseWorkingTree(location);
      refuseDanglingLink(location);
      refuseLongNames(location);
      fs.mkdirSync(location.parent, { recursive: true });
    } else if (!fs.existsSync(location.parent)) return work(location);
    try {
      for (const folder of [...outputFoldersAbove(location), location]) {
        releases.push(acquireOutputLock(folder, { activity: access === 'write' ? 'writing' : 'reading', log }));
        recoverOutputFolder(folder, log);
      }
    } catch (error) {
      if (access === 'write' || !isReadOnly(error)) throw error;
    }
    faultPoint('locked');
    return work(location);
  } catch (error) {
    throw asOutputFolderError(error, outDir, (file) => shownPath(location, file));
  } finally {
    for (const release of releases.reverse()) release();
  }
}

/**
 * A path as the user knows it: a file of the tree being built beside the output folder is
 * named as the output folder's file, the lock and the other files beside it by their folder.
 */
function shownPath(location: OutputLocation, file: string): string {
  const [first, ...rest] = path.relative(location.parent, path.resolve(file)).split(path.sep);
  if (!first?.startsWith(`.${location.name}.`)) return relativeToCwd(file);
  return /\.next-[0-9a-f]+$/.test(first) && rest.length ? path.join(location.display, ...rest) : relativeToCwd(location.parent);
}

function isReadOnly(error: unknown): boolean {
  return ['EROFS', 'EACCES', 'EPERM'].includes((error as NodeJS.ErrnoException).code ?? '');
}
