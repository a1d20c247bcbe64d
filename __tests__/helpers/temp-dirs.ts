import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const created: string[] = [];

/**
 * A fresh folder under the OS temp dir, named `<prefix>XXXXXX`. Every test file that imports
 * this module removes its folders after its tests (an `afterAll` registered here).
 */
export function tempDir(prefix: string): string {
  return keepForRemoval(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
}

/** A fresh folder (see {@link tempDir}) holding `files`, by path relative to it. */
export function folderWith(files: Record<string, string>, prefix = 'files-'): string {
  const dir = tempDir(prefix);
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

/** Registers a folder made elsewhere (cdktf's `Testing.fullSynth`, say) for the same removal. */
export function keepForRemoval(dir: string): string {
  created.push(dir);
  return dir;
}

/** Removes every folder made so far; runs after each test file's tests. */
export function removeTempDirs(): void {
  for (const dir of created.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

afterAll(removeTempDirs);
