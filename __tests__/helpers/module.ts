import * as fs from 'fs';
import * as path from 'path';
import type { LoadedSpec } from '../../src/spec/model';
import type { PriorAddresses } from '../../src/render/moved-blocks';
import { type GeneratedFiles, synthesizeModule, synthesizeSpec } from '../../src/pipeline/synthesize';
import { FIXTURES } from './synth';
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

/** The specs whose generated modules are tested with real Terraform, by the name their tests give them, with their files (none: the built-in example). */
export const MODULE_SPECS: ReadonlyArray<readonly [string, string | undefined]> = [
  ['the built-in example', undefined],
  ['examples/two-profiles.yaml', path.join(__dirname, '..', '..', 'examples', 'two-profiles.yaml')],
  ['a spec with declared variables and an adopted instance', path.join(FIXTURES, 'module-variables.yaml')],
  ['a spec using every option', path.join(FIXTURES, 'all-options.yaml')],
  ['a listed profile and a fleet', path.join(FIXTURES, 'fleet-module.yaml')],
];
