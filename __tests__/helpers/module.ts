import * as fs from 'fs';
import * as path from 'path';
import type { LoadedSpec } from '../../src/spec/model';
import type { PriorAddresses } from '../../src/render/moved-blocks';
import { type GeneratedFiles, synthesizeModule, synthesizeSpec } from '../../src/pipeline/synthesize';
import { tempDir } from './temp-dirs';

/** The files of the module generated from a loaded spec, as the module command writes them (over an earlier module that declared `prior`). */
export function moduleFilesOf(loaded: LoadedSpec, prior?: PriorAddresses): GeneratedFiles {
  return synthesizeModule(loaded, synthesizeSpec(loaded), prior);
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
