import { findDrift, formatDrift } from '../synth/drift';
import * as fs from 'fs';
import * as path from 'path';
import { MODULE_FOLDER, synthesizeModule } from '../synth/synthesize';
import { MANIFEST_FILE, type WriteResult, writeOutput } from '../synth/write-output';
import { renderVerifyReport, summaryLine } from '../access/report';
import { formatProblemGroups } from './report-problems';
import { validateSpec } from './validate-spec';

/** Above this many profiles, synth prints the access summary line instead of a table per profile. */
const MAX_ACCESS_TABLES = 10;

export interface SynthOptions {
  /** The spec file; the built-in example when absent. */
  readonly specFile?: string;
  /** The output folder. */
  readonly outDir: string;
  /** Drift only: also compare the reusable module in `<outDir>/module/s3-writer`. */
  readonly module: boolean;
  /** Progress and summary lines go here. */
  readonly log: (line: string) => void;
}

/**
 * `synth`: load the spec, synthesize it in memory, run every check on what is synthesized and
 * verify its access on the same stacks (on a worker thread for large specs); nothing is written
 * unless both pass, and then the output folder is replaced as a whole (see writeOutput).
 */
export async function runSynth(options: SynthOptions): Promise<void> {
  const started = Date.now();
  const { loaded, synthesized, findings, access } = await validateSpec(options.specFile);
  const profiles = loaded.spec.profiles.length;
  options.log(`spec: ${loaded.source} (${profiles} profile${profiles === 1 ? '' : 's'})`);
  for (const line of formatProblemGroups(loaded.source, findings)) console.error(line);
  options.log(profiles <= MAX_ACCESS_TABLES ? renderVerifyReport(access).trimEnd() : summaryLine(access));
  logWriteResult(options.outDir, writeOutput(options.outDir, synthesized.files), options.log);
  options.log(`done in ${Date.now() - started} ms`);
}

/**
 * `drift`: synthesize in memory and compare with the output folder; returns false (and says
 * which files and where they differ) when committed output is not what the code produces now.
 * It takes the arguments of the synth command that wrote the folder. The reusable module is
 * compared too when the folder holds one that `module` wrote (`<out>/module/s3-writer`), or
 * with `--module` (which then fails when it is missing).
 */
export async function runDrift(options: SynthOptions): Promise<boolean> {
  const { loaded, synthesized } = await validateSpec(options.specFile);
  const moduleDir = path.join(options.outDir, MODULE_FOLDER);
  const withModule = options.module || fs.existsSync(path.join(moduleDir, MANIFEST_FILE));
  const drift = [
    ...findDrift(options.outDir, synthesized.files),
    ...(withModule ? findDrift(moduleDir, synthesizeModule()).map((entry) => ({ ...entry, file: `${MODULE_FOLDER}/${entry.file}` })) : []),
  ];
  if (!drift.length) {
    options.log(`${options.outDir}: up to date with ${loaded.source}`);
    return true;
  }
  console.error(`error: ${options.outDir} differs from what ${loaded.source} generates now (${drift.length} file${drift.length === 1 ? '' : 's'}):`);
  for (const line of formatDrift(options.outDir, drift)) console.error(`  ${line}`);
  console.error(`run the same synth command to update it`);
  return false;
}

/** `module`: write the reusable Terraform module (it does not depend on a spec). */
export function runModule(outDir: string, log: (line: string) => void): void {
  logWriteResult(outDir, writeOutput(outDir, synthesizeModule()), log);
}

function logWriteResult(outDir: string, result: WriteResult, log: (line: string) => void): void {
  for (const file of result.written) log(`  wrote     ${outDir}/${file}`);
  for (const file of result.unchanged) log(`  unchanged ${outDir}/${file}`);
  for (const file of result.removed) log(`  removed   ${outDir}/${file}`);
}
