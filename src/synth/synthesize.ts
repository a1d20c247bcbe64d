import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { InstanceProfileStack } from '../constructs/instance-profile-stack';
import { planStacks } from '../spec/plan-stacks';
import type { LoadedSpec } from '../spec/model';
import { App } from 'cdktf';
import { renderMermaid } from '../diagram/mermaid';
import { moduleFiles } from '../module/module-files';
import { moduleLayoutFiles } from '../module/module-layout';
import { blockShapesOf } from './block-shapes';
import { canonicalJson } from './canonical-json';
import { renderHcl } from './render-hcl';
import { withoutTokenStackTraces } from './without-token-stack-traces';
import { stackModelOfTerraformJson } from '../stack-model/from-terraform-json';
import type { StackModel } from '../stack-model/stack-model';

/** Generated files by path relative to the output folder, in a stable order. */
export type GeneratedFiles = ReadonlyMap<string, string>;

/** Where each stack's files go inside the output folder. */
export const outputLayout = {
  json: (stack: string) => `json/${stack}/main.tf.json`,
  hcl: (stack: string) => `hcl/${stack}/main.tf`,
  diagram: (stack: string) => `diagrams/${stack}.mmd`,
};

/** Where the module command writes by default: `generated/module/<module name>`. */
export function defaultModuleFolder(loaded: LoadedSpec): string {
  return `generated/module/${loaded.spec.module.name ?? loaded.spec.stack}`;
}

/** What synthesizing a spec gives: the files to write, and the model of each stack for the checks. */
export interface SynthesizedSpec {
  readonly files: GeneratedFiles;
  /** One per stack, in stack order: what the stack deploys, with the spec field of each resource. */
  readonly stacks: readonly StackModel[];
}

/**
 * Synthesizes every stack of the spec into Terraform JSON (as `cdktf synth` writes it: keys
 * sorted, two-space indent) and `terraform fmt`-clean HCL, in memory. Each stack is validated
 * (cdktf's construct validations) and resolved once: the HCL, the diagram and the stack's
 * model are read from that JSON; `onStack` gets each model as soon as it is read (to verify it
 * meanwhile). The cdktf app's scratch folder is removed.
 */
export function synthesizeSpec(loaded: LoadedSpec, onStack?: (stack: StackModel) => void): SynthesizedSpec {
  return inScratchApp((scratch) => synthesizeInto(scratch, loaded, true, onStack));
}

/** The files of {@link synthesizeSpec}. */
export function synthesize(loaded: LoadedSpec): GeneratedFiles {
  return synthesizeSpec(loaded).files;
}

/**
 * The model of every stack of the spec, without files and without cdktf's construct
 * validations (which may need Terraform): what the checks read for a spec that is not written.
 */
export function synthesizeStackModels(loaded: LoadedSpec): readonly StackModel[] {
  return inScratchApp((scratch) => synthesizeInto(scratch, loaded, false)).stacks;
}

function inScratchApp<T>(work: (scratch: string) => T): T {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'instance-profile-synth-'));
  try {
    return withoutTokenStackTraces(() => work(scratch));
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * One app per stack: a stack's constructs are dropped as soon as its files are rendered, so a
 * fleet of twenty stacks never holds more than one construct tree in memory.
 */
function synthesizeInto(scratch: string, loaded: LoadedSpec, withFiles: boolean, onStack?: (stack: StackModel) => void): SynthesizedSpec {
  const files = new Map<string, string>();
  const stacks: StackModel[] = [];
  for (const plan of planStacks(loaded.spec)) {
    const stack = new InstanceProfileStack(new App({ outdir: scratch }), plan.name, { plan });
    if (withFiles) stack.runAllValidations();
    const config = stack.toTerraform();
    const model = stackModelOfTerraformJson(config, { source: plan.name, origins: stack.origins });
    stacks.push(model);
    onStack?.(model);
    if (!withFiles) continue;
    files.set(outputLayout.json(plan.name), canonicalJson(config) + '\n');
    files.set(outputLayout.diagram(plan.name), renderMermaid(config, stack.origins));
    files.set(outputLayout.hcl(plan.name), renderHcl(config, blockShapesOf(stack)));
  }
  return { files, stacks };
}

/**
 * The module generated from the spec (see `moduleFiles`), from the same loaded spec and its
 * synthesized flat roots (whose import blocks the module's example takes over).
 */
export function synthesizeModule(loaded: LoadedSpec, synthesized: SynthesizedSpec): GeneratedFiles {
  const roots = [...synthesized.files].filter(([file]) => file.startsWith('json/')).map(([, content]) => JSON.parse(content) as Record<string, unknown>);
  return inScratchApp((scratch) => moduleFiles(loaded, roots, scratch));
}

/** How synth lays out its output: each stack as one flat root, or the module once and a thin root per stack calling it. */
export type OutputLayout = 'flat' | 'module';

/** The files of the module layout (see `moduleLayoutFiles`), from the spec's synthesized flat roots. */
export function synthesizeModuleLayout(loaded: LoadedSpec, synthesized: SynthesizedSpec): GeneratedFiles {
  return inScratchApp((scratch) => moduleLayoutFiles(loaded, synthesized.files, scratch));
}
