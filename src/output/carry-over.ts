import * as fs from 'fs';
import * as path from 'path';
import { OutputFolderError } from './output-folder-error';

/** What {@link carryOver} needs to know about the two trees. */
export interface CarryOverOptions {
  /** The output folder as the user named it, for messages. */
  readonly display: string;
  /** Paths (relative, `/`-separated) the tool owns in the current tree: they are not carried over. */
  readonly owned: ReadonlySet<string>;
  /** Paths the new tree already holds as generated files. */
  readonly generated: ReadonlySet<string>;
  /** Files that go with their folder: dropped when it is no longer generated and holds nothing else of the user's (a removed root's lock file). @default - none */
  readonly seeded?: (file: string) => boolean;
}

/**
 * Copies every entry of the current output folder `from` that the tool does not own (state,
 * `.terraform/`, notes) into the new tree `to`: files as hard links (a copy,
 * mode kept, where linking fails), symbolic links as symbolic links, folders with their mode.
 * A folder that held only generated files and ends up empty is not carried over. Refuses
 * (nothing is written to the output folder) when a kept entry stands where the new tree needs
 * a folder or a file, and when Terraform holds a local state lock in the folder (the swap
 * would pull the folder out from under the running Terraform).
 */
export function carryOver(from: string, to: string, options: CarryOverOptions): void {
  const generatedFolders = new Set([...options.generated].map((file) => path.posix.dirname(file)));
  // Whether `folder` holds nothing but the tool's own files (generated or seeded), at any depth.
  const onlyOwned = (folder: string): boolean =>
    fs.readdirSync(path.join(from, folder), { withFileTypes: true }).every((entry) => {
      const file = folder === '.' ? entry.name : `${folder}/${entry.name}`;
      return entry.isDirectory() ? onlyOwned(file) : options.owned.has(file) || options.seeded!(file);
    });
  carryFolder(from, to, '', {
    ...options,
    dropped: (file) => options.seeded?.(file) === true && !generatedFolders.has(path.posix.dirname(file)) && onlyOwned(path.posix.dirname(file)),
  });
}

interface CarryOptions extends CarryOverOptions {
  /** A file not to carry over: a seeded file whose folder is no longer generated. */
  readonly dropped: (file: string) => boolean;
}

/** Carries the entries of folder `relative`; true when it held any file the tool owns. */
function carryFolder(from: string, to: string, relative: string, options: CarryOptions): boolean {
  let ownedHere = false;
  for (const entry of fs.readdirSync(path.join(from, relative), { withFileTypes: true })) {
    const file = relative ? `${relative}/${entry.name}` : entry.name;
    const source = path.join(from, file);
    const target = path.join(to, file);
    const existing = fs.lstatSync(target, { throwIfNoEntry: false });
    if (!entry.isDirectory() && (options.owned.has(file) || options.generated.has(file) || options.dropped(file))) {
      ownedHere = true; // regenerated, or no longer generated: either way not carried over
      continue;
    }
    if (/^\..*\.tfstate\.lock\.info$/.test(entry.name)) {
      refuse(options, file, 'exists: Terraform seems to be running in that folder (its state lock); try again when it has finished');
    }
    if (entry.isDirectory()) {
      if (existing && !existing.isDirectory()) refuse(options, file, 'is a folder, where a generated file goes');
      if (!existing) fs.mkdirSync(target, { mode: fs.statSync(source).mode & 0o7777 });
      const held = carryFolder(from, to, file, options);
      ownedHere ||= held;
      if (!existing && held && !fs.readdirSync(target).length) fs.rmdirSync(target);
      continue;
    }
    if (existing) refuse(options, file, `is ${entry.isSymbolicLink() ? 'a symbolic link' : 'a file'}, where a generated folder goes`);
    if (entry.isSymbolicLink()) fs.symlinkSync(fs.readlinkSync(source), target);
    else if (entry.isFile()) linkOrCopy(source, target);
    else refuse(options, file, 'is neither a file, a folder nor a symbolic link, so it cannot be carried over');
  }
  return ownedHere;
}

function linkOrCopy(source: string, target: string): void {
  try {
    fs.linkSync(source, target);
  } catch {
    fs.copyFileSync(source, target);
    fs.chmodSync(target, fs.statSync(source).mode & 0o7777);
  }
}

function refuse(options: CarryOverOptions, file: string, reason: string): never {
  throw new OutputFolderError(options.display, `${options.display}/${file} ${reason}`);
}
