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
