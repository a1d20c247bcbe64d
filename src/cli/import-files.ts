/**
 * Writes an imported spec and its documents all or nothing: every target is checked first (an
 * existing file is replaced only with `--force`), the files are written into a scratch folder
 * beside the spec, checked there, and renamed into place (documents first, the spec last); a
 * failure puts back what was replaced and leaves nothing new.
 */
import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { OutputFolderError } from '../output/output-folder-error';

/** The files to write, by path relative to the spec's folder; the spec's own name among them. */
export type ImportFiles = ReadonlyMap<string, string>;

/** Refuses, before anything is written, a target that exists (unless `force`) or is a folder. */
function checkTargets(folder: string, files: ImportFiles, force: boolean): void {
  for (const file of files.keys()) {
    const target = path.join(folder, file);
    const stat = fs.lstatSync(target, { throwIfNoEntry: false });
    if (stat?.isDirectory()) throw new OutputFolderError(target, 'is a folder, where the import writes a file');
    if (stat && !force) throw new OutputFolderError(target, 'exists; pass --force to overwrite it');
  }
}

/**
 * Writes `files` into `folder` as one change. `check` runs on the scratch copy of the spec
 * (`specFile`, relative to the folder) before anything is put in place, and may throw to leave
 * everything as it was; its result is returned.
 */
export function writeImportFiles<T>(folder: string, specFile: string, files: ImportFiles, force: boolean, check: (scratchSpec: string) => T): T {
  checkTargets(folder, files, force);
  const madeFolder = !fs.existsSync(folder);
  fs.mkdirSync(folder, { recursive: true });
  const scratch = path.join(folder, `.${path.basename(specFile)}.import-${randomBytes(6).toString('hex')}`);
  try {
    fs.mkdirSync(scratch);
    for (const [file, content] of files) {
      fs.mkdirSync(path.dirname(path.join(scratch, 'new', file)), { recursive: true });
      fs.writeFileSync(path.join(scratch, 'new', file), content, { flag: 'wx' });
    }
    const result = check(path.join(scratch, 'new', specFile));
    placeAll(folder, scratch, [...[...files.keys()].filter((file) => file !== specFile), specFile]);
    return result;
  } catch (error) {
    if (madeFolder) fs.rmSync(folder, { recursive: true, force: true });
    throw error;
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

/** Renames each file of `scratch/new` into `folder`, moving what it replaces to `scratch/old`; on a failure, undoes every rename made. */
function placeAll(folder: string, scratch: string, order: readonly string[]): void {
  const done: Array<{ file: string; replaced: boolean }> = [];
  try {
    for (const file of order) {
      const target = path.join(folder, file);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      const replaced = fs.existsSync(target);
      if (replaced) {
        fs.mkdirSync(path.dirname(path.join(scratch, 'old', file)), { recursive: true });
        fs.renameSync(target, path.join(scratch, 'old', file));
      }
      done.push({ file, replaced });
      fs.renameSync(path.join(scratch, 'new', file), target);
    }
  } catch (error) {
    for (const { file, replaced } of done.reverse()) {
      const target = path.join(folder, file);
      fs.rmSync(target, { force: true });
      if (replaced) fs.renameSync(path.join(scratch, 'old', file), target);
    }
    throw error;
  }
}
