import * as fs from 'fs';
import * as path from 'path';
import { findDrift, formatDrift } from '../output/drift';
import { defaultModuleFolder, type GeneratedFiles, type OutputLayout, synthesizeModule, synthesizeModuleLayout } from '../pipeline/synthesize';
import { type WriteResult, writeOutput } from '../output/write-output';
import { priorAddresses } from '../output/prior-addresses';
import type { PriorAddresses } from '../render/moved-blocks';
import { reportValidated } from './report-validated';
import { type Progress, startProgress } from './progress';
import { type ValidatedSpec, type ValidateOptions, validateSpec, withSpecLines } from '../pipeline/validate-spec';
import type { FleetForm } from '../fleet/fleet-template';

/** What synth, module and drift are asked to do: the spec, the output folder and how to report. */
export interface SynthOptions {
  /** The spec file; the built-in example when absent. */
  readonly specFile?: string;
  /** The output folder. @default - `generated` for synth, `generated/module/<module name>` for module */
  readonly outDir?: string;
  /** Drift only: the folder holds a module (written by the module command). */
  readonly module: boolean;
  /** synth and drift: flat roots, or the module and thin roots calling it. @default "flat" */
  readonly layout?: OutputLayout;
  /** Progress, notes and summary lines go here (standard error). */
  readonly log: (line: string) => void;
  /** Results go here (standard output): the access table and the files written. @default - standard output */
  readonly print?: (line: string) => void;
  /** List every low and suppressed finding. @default false */
  readonly verbose?: boolean;
  /** Print only problems: no progress either. @default false */
  readonly quiet?: boolean;
  /** synth and drift with the flat layout: fleets as one module call with for_each, or expanded into resources per item. @default "for_each" */
  readonly fleets?: FleetForm;
}

/**
 * `synth`: load the spec, synthesize it in memory, run every check on what is synthesized and
 * verify its access on the same stacks (on a worker thread for large specs); nothing is written
 * unless both pass, and then the output folder is replaced as a whole (see writeOutput).
 */
export async function runSynth(options: SynthOptions): Promise<void> {
  const outDir = options.outDir ?? DEFAULT_OUT_DIR;
  const prior = priorAddresses(outDir);
  await validateAndWrite(options, { requireDefaults: true, fleets: fleetFormOf(options), priorAddresses: prior }, (validated) => ({
    outDir,
    files: synthOutput(validated, options.layout, prior),
  }));
}

/**
 * The pipeline of synth and module: validate (with progress), report the findings and the
 * access table, write what `output` gives for the validated spec, and say how long it took.
 */
async function validateAndWrite(
  options: SynthOptions,
  validation: ValidateOptions,
  output: (validated: ValidatedSpec) => { readonly outDir: string; readonly files: GeneratedFiles },
): Promise<void> {
  const started = Date.now();
  const validated = await validateSpec(options.specFile, { ...validation, progress: progressOf(options) });
  const print = options.print ?? ((line: string) => console.log(line));
  reportValidated(validated, { log: options.log, print, verbose: options.verbose, quiet: options.quiet });
  const { outDir, files } = output(validated);
  logWriteResult(outDir, writeOutput(outDir, files), print);
  options.log(`done in ${Date.now() - started} ms`);
}

/**
 * How the fleets are synthesized. The module command and the module layout build their module
 * from the expanded profiles (and take the flat roots' import blocks), so they synthesize those.
 */
function fleetFormOf(options: SynthOptions): FleetForm {
  return options.module || options.layout === 'module' ? 'expanded' : (options.fleets ?? DEFAULT_FLEET_FORM);
}

/** What synth writes in the layout asked for, over an output that declared `prior`. */
function synthOutput(validated: ValidatedSpec, layout: OutputLayout = DEFAULT_LAYOUT, prior: PriorAddresses): GeneratedFiles {
  const { loaded, synthesized } = validated;
  return layout === 'module' ? withSpecLines(validated, () => synthesizeModuleLayout(loaded, synthesized, prior)) : synthesized.files;
}

/** The module command's files, over a module that declared `prior`. */
function moduleOutput(validated: ValidatedSpec, prior: PriorAddresses): GeneratedFiles {
  return withSpecLines(validated, () => synthesizeModule(validated.loaded, validated.synthesized, prior));
}

/** Progress on standard error for large specs, unless quiet. */
function progressOf(options: SynthOptions): (phase: string, total: number) => Progress {
  return (phase, total) => startProgress(phase, total, { quiet: options.quiet });
}

/** Where synth writes by default. */
export const DEFAULT_OUT_DIR = 'generated';

/** How synth and drift lay out their output by default: flat roots. */
export const DEFAULT_LAYOUT: OutputLayout = 'flat';

/** How synth and drift write a fleet in the flat layout by default: one module call with for_each. */
export const DEFAULT_FLEET_FORM: FleetForm = 'for_each';

/**
 * `drift`: generate in memory and compare with the output folder; returns false (and says
 * which files and where they differ) when committed output is not what the code produces now.
 * It takes the arguments of the command that wrote the folder: synth's, or module's with
 * `--module`.
 */
export async function runDrift(options: SynthOptions): Promise<boolean> {
  // The module command's default folder is named by the spec: its earlier output is read once the spec is.
  const flatOutDir = options.module ? undefined : (options.outDir ?? DEFAULT_OUT_DIR);
  const flatPrior = flatOutDir === undefined ? undefined : priorAddresses(flatOutDir);
  const validated = await validateSpec(options.specFile, { requireDefaults: !options.module, fleets: fleetFormOf(options), priorAddresses: flatPrior });
  const { loaded } = validated;
  const outDir = flatOutDir ?? options.outDir ?? defaultModuleFolder(loaded);
  const drift = findDrift(outDir, flatPrior ? synthOutput(validated, options.layout, flatPrior) : moduleOutput(validated, priorAddresses(outDir)));
  if (!drift.length) {
    (options.print ?? ((line: string) => console.log(line)))(`${outDir}: up to date with ${loaded.source}`);
    return true;
  }
  console.error(`error: ${outDir} differs from what ${loaded.source} generates now (${drift.length} file${drift.length === 1 ? '' : 's'}):`);
  for (const line of formatDrift(outDir, drift)) console.error(`  ${line}`);
  console.error(`run the same ${options.module ? 'module' : 'synth'} command to update it`);
  if (!options.module && fs.existsSync(path.join(outDir, 'versions.tf'))) {
    console.error(`${outDir} holds a module (versions.tf): compare it with drift --module and the module command's arguments`);
  }
  return false;
}

/**
 * `module`: the same checks and access proofs as synth (on the spec's values: variables at
 * their defaults or examples), then the module generated from the spec, written as a whole.
 */
export async function runModule(options: SynthOptions): Promise<void> {
  await validateAndWrite(options, { fleets: 'expanded' }, (validated) => {
    const outDir = options.outDir ?? defaultModuleFolder(validated.loaded);
    return { outDir, files: moduleOutput(validated, priorAddresses(outDir)) };
  });
}

function logWriteResult(outDir: string, result: WriteResult, print: (line: string) => void): void {
  for (const file of result.written) print(`  wrote     ${outDir}/${file}`);
  for (const file of result.unchanged) print(`  unchanged ${outDir}/${file}`);
  for (const file of result.removed) print(`  removed   ${outDir}/${file}`);
}
