import { loadSpec } from '../spec/load-spec';
import { synthesize } from '../synth/synthesize';
import { writeOutput } from '../synth/write-output';

export interface SynthOptions {
  /** The spec file; the built-in example when absent. */
  readonly specFile?: string;
  /** The output folder. */
  readonly outDir: string;
  /** Progress and summary lines go here. */
  readonly log: (line: string) => void;
}

/** `synth`: load and validate the spec, synthesize in memory, then write the output folder. */
export function runSynth(options: SynthOptions): void {
  const started = Date.now();
  const loaded = loadSpec(options.specFile);
  const profiles = loaded.spec.profiles.length;
  options.log(`spec: ${loaded.source} (${profiles} profile${profiles === 1 ? '' : 's'}, stack ${loaded.spec.stack})`);
  const files = synthesize(loaded);
  const result = writeOutput(options.outDir, files);
  for (const file of result.written) options.log(`  wrote     ${options.outDir}/${file}`);
  for (const file of result.unchanged) options.log(`  unchanged ${options.outDir}/${file}`);
  for (const file of result.removed) options.log(`  removed   ${options.outDir}/${file}`);
  options.log(`done in ${Date.now() - started} ms`);
}
