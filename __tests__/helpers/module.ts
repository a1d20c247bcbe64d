import * as fs from 'fs';
import * as path from 'path';
import type { LoadedSpec } from '../../src/spec/model';
import { type GeneratedFiles, synthesizeModule, synthesizeSpec } from '../../src/pipeline/synthesize';
import { tempDir } from './temp-dirs';

/** The files of the module generated from a loaded spec, as the module command writes them. */
export function moduleFilesOf(loaded: LoadedSpec): GeneratedFiles {
  return synthesizeModule(loaded, synthesizeSpec(loaded));
}

/** Writes generated files into a fresh folder and returns it. */
export function writeFiles(files: GeneratedFiles, prefix = 'module-'): string {
  const dir = tempDir(prefix);
  for (const [file, content] of files) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), content);
  }
  return dir;
}
