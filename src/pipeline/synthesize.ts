import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { InstanceProfileStack } from '../constructs/instance-profile-stack';
import { planStacks } from '../spec/plan-stacks';
import type { LoadedSpec, PolicyDocument, ResolvedProfileSpec } from '../spec/model';
import { App } from 'cdktf';
import { renderMermaid } from '../diagram/mermaid';
import { moduleFiles } from '../module/module-files';
import { moduleLayoutFiles } from '../module/module-layout';
import { blockShapesOf } from '../constructs/block-shapes';
import { canonicalJson, canonicalValue } from '../render/canonical-json';
import { renderHcl } from '../render/render-hcl';
import { GENERATED_HEADER, ROOT_HEADER, withJsonNotice } from '../render/generated-notice';
import { LOCK_FILE_NAME, providerLockFile } from '../terraform/provider-lock';
import { assertAcceptedByEveryRelease } from '../terraform/provider-schema';
import { withoutTokenStackTraces } from './without-token-stack-traces';
import { stackModelOfTerraformJson } from '../stack-model/from-terraform-json';
import type { ResourceOrigin, SpecPath, StackModel } from '../stack-model/stack-model';
import { addFleetCall, expandedStateMoves, fleetLayout, instanceAddress, itemsValue, itemsVariable } from '../fleet/fleet-call';
import { addressesIn, fleetAddressesIn, keptMoves, NO_PRIOR_ADDRESSES, type PriorAddresses } from '../render/moved-blocks';
import { synthesizeFleetModule, type SynthesizedFleetModule } from '../fleet/fleet-module';
import type { BoundFleet, FleetForm } from '../fleet/fleet-template';
import { planFleets } from '../fleet/plan-fleets';
import type { GeneratedFiles } from '../output/generated-files';

export type { GeneratedFiles };

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
  /** Things to know about the output: a fleet deployed expanded, and why. */
  readonly notes: readonly string[];
  /** Each stack's root configuration by stack name, as its JSON file holds it (keys sorted); empty when no files were made. */
  readonly roots: ReadonlyMap<string, Record<string, unknown>>;
}

/** How to synthesize. */
export interface SynthesizeOptions {
  /** How fleets are deployed: one module instance per item (`for_each`), or resources of its own per item. @default "for_each" */
  readonly fleets?: FleetForm;
  /**
   * Run the constructs' validations (cdktf's, and the props' against the spec's rules) on each
   * stack that is written. Off for a spec whose reading problems are reported anyway: the same
   * rules then stand located in the spec, and its checks still run on what synthesizes.
   * @default true
   */
  readonly validate?: boolean;
  /**
   * The addresses an earlier output in the folder being written declared (`priorAddresses` of
   * output/prior-addresses.ts): a `moved` block is written only from one of them, so a state made
   * from that output moves instead of being replaced. Moves a fleet asks for itself
   * (`moveExpandedState`) are always written.
   * @default - none: a new output, with no moved blocks
   */
  readonly priorAddresses?: PriorAddresses;
}

/**
 * Synthesizes every stack of the spec into Terraform JSON (as `cdktf synth` writes it: keys
 * sorted, two-space indent) and `terraform fmt`-clean HCL, in memory. Each stack is validated
 * (cdktf's construct validations) and resolved once: the HCL, the diagram and the stack's
 * model are read from that JSON; `onStack` gets each model as soon as it is read (to verify it
 * meanwhile). The cdktf app's scratch folder is removed.
 */
export function synthesizeSpec(loaded: LoadedSpec, onStack?: (stack: StackModel) => void, options: SynthesizeOptions = {}): SynthesizedSpec {
  return inScratchApp((scratch) => synthesizeInto(scratch, loaded, true, options, onStack));
}

/** The files of {@link synthesizeSpec}. */
export function synthesize(loaded: LoadedSpec, options: SynthesizeOptions = {}): GeneratedFiles {
  return synthesizeSpec(loaded, undefined, options).files;
}

/**
 * The model of every stack of the spec, without files and without cdktf's construct
 * validations (which may need Terraform): what the checks read for a spec that is not written.
 */
export function synthesizeStackModels(loaded: LoadedSpec, options: SynthesizeOptions = {}): readonly StackModel[] {
  return inScratchApp((scratch) => synthesizeInto(scratch, loaded, false, options)).stacks;
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
function synthesizeInto(
  scratch: string,
  loaded: LoadedSpec,
  withFiles: boolean,
  options: SynthesizeOptions,
  onStack?: (stack: StackModel) => void,
): SynthesizedSpec {
  const files = new Map<string, string>();
  const roots = new Map<string, Record<string, unknown>>();
  const stacks: StackModel[] = [];
  const notes: string[] = [];
  for (const plan of planStacks(loaded.spec)) {
    const planned = planFleets(loaded.spec, plan, options.fleets ?? 'for_each');
    notes.push(...planned.notes);
    const stack = new InstanceProfileStack(new App({ outdir: scratch }), plan.name, { plan: { ...plan, profiles: planned.profiles } });
    const prior = options.priorAddresses ?? NO_PRIOR_ADDRESSES;
    const fleetModules = planned.fleets.map((bound) => {
      const module = synthesizeFleetModule(bound, plan, scratch);
      const { config, dropped } = keptMoves(module.config, { prior: fleetAddressesIn(prior, bound.name) });
      return { bound, module: { ...module, config }, dropped };
    });
    const fleets = fleetModules.map(({ bound, module }) => ({ bound, module }));
    for (const { bound, module } of fleets) addFleetCall(stack, bound, { imports: module.imports });
    if (withFiles && options.validate !== false) stack.runAllValidations();
    for (const { bound, module } of fleets) assertAcceptedByEveryRelease(module.config, `fleet module ${bound.name} of ${plan.name}`);
    const asked = new Set(planned.fleets.flatMap(expandedStateMoves).map(({ from, to }) => `${from}\0${to}`));
    const config = keptMoves(stack.toTerraform(), {
      prior: addressesIn(
        prior,
        [outputLayout.json(plan.name), outputLayout.hcl(plan.name)].map((file) => path.posix.dirname(file)),
      ),
      exempt: ({ from, to }) => asked.has(`${from}\0${to}`),
      calledModules: new Map(fleetModules.map(({ bound, dropped }) => [bound.name, dropped])),
    }).config as ReturnType<InstanceProfileStack['toTerraform']>;
    assertAcceptedByEveryRelease(config, `root ${plan.name}`);
    const model = stackModelOfTerraformJson(config, {
      source: plan.name,
      origins: withItemOrigins(stack.origins, fleets),
      variables: Object.fromEntries(fleets.map(({ bound }) => [itemsVariable(bound), itemsValue(bound)])),
      modules: new Map(fleets.map(({ bound, module }) => [fleetLayout.source(bound.name), module.config])),
      knownPolicies: boundaryDocuments(planned.profiles),
    });
    stacks.push(model);
    onStack?.(model);
    if (!withFiles) continue;
    const root = canonicalValue<Record<string, unknown>>(config);
    roots.set(plan.name, root);
    files.set(outputLayout.json(plan.name), canonicalJson(withJsonNotice(root, ROOT_HEADER)) + '\n');
    files.set(
      outputLayout.diagram(plan.name),
      renderMermaid(
        config,
        stack.origins,
        fleets.map(({ bound, module }) => ({ name: bound.name, config: module.config, note: `for_each × ${bound.items.length} (fleets[${bound.fleet}])` })),
      ),
    );
    files.set(outputLayout.hcl(plan.name), renderHcl(config, blockShapesOf(stack), { header: ROOT_HEADER }));
    for (const root of [outputLayout.json(plan.name), outputLayout.hcl(plan.name)])
      files.set(`${path.posix.dirname(root)}/${LOCK_FILE_NAME}`, providerLockFile());
    for (const { bound, module } of fleets) {
      const items = canonicalJson({ [itemsVariable(bound)]: itemsValue(bound) }) + '\n';
      for (const root of [path.posix.dirname(outputLayout.json(plan.name)), path.posix.dirname(outputLayout.hcl(plan.name))])
        files.set(`${root}/${fleetLayout.items(bound.name)}`, items);
      files.set(
        `${path.posix.dirname(outputLayout.json(plan.name))}/${fleetLayout.module(bound.name)}/main.tf.json`,
        canonicalJson(withJsonNotice(module.config, GENERATED_HEADER)) + '\n',
      );
      files.set(
        `${path.posix.dirname(outputLayout.hcl(plan.name))}/${fleetLayout.module(bound.name)}/main.tf`,
        renderHcl(module.config as never, module.shapes, { header: GENERATED_HEADER }),
      );
    }
  }
  return { files, stacks, notes, roots };
}

/** The root's origins, and those of every fleet item's module instance (`module.web["a"].aws_iam_role.writer`). */
function withItemOrigins(
  rootOrigins: ReadonlyMap<string, ResourceOrigin>,
  fleets: ReadonlyArray<{ bound: BoundFleet; module: SynthesizedFleetModule }>,
): ReadonlyMap<string, ResourceOrigin> {
  if (!fleets.length) return rootOrigins;
  const origins = new Map(rootOrigins);
  for (const { bound, module } of fleets) {
    // The module's origins, read once for all of its items.
    const relative = [...module.origins].map(([address, origin]) => ({ address, path: origin.path, arguments: Object.entries(origin.arguments) }));
    for (const item of bound.items) {
      const prefix = `${instanceAddress(bound, item.key)}.`;
      const profile = item.profile.fieldPath;
      const at = (path: ReadonlyArray<string | number>) => [...profile, ...path];
      for (const origin of relative) {
        const argumentPaths: Record<string, SpecPath> = {};
        for (const [argument, path] of origin.arguments) argumentPaths[argument] = at(path);
        origins.set(prefix + origin.address, { profile, path: at(origin.path), arguments: argumentPaths });
      }
    }
  }
  return origins;
}

/**
 * The module generated from the spec (see `moduleFiles`), from the same loaded spec and its
 * synthesized flat roots (whose import blocks the module's example takes over); `moved` blocks
 * only from `priorAddresses` (see {@link SynthesizeOptions.priorAddresses}).
 */
export function synthesizeModule(loaded: LoadedSpec, synthesized: SynthesizedSpec, priorAddresses: PriorAddresses = NO_PRIOR_ADDRESSES): GeneratedFiles {
  return inScratchApp((scratch) => moduleFiles(loaded, synthesized.roots, scratch, undefined, { prior: priorAddresses, folder: '.' }).files);
}

/** How synth lays out its output: each stack as one flat root, or the module once and a thin root per stack calling it. */
export type OutputLayout = 'flat' | 'module';

/** The files of the module layout (see `moduleLayoutFiles`), from the spec's synthesized flat roots. */
export function synthesizeModuleLayout(loaded: LoadedSpec, synthesized: SynthesizedSpec, priorAddresses: PriorAddresses = NO_PRIOR_ADDRESSES): GeneratedFiles {
  return inScratchApp((scratch) => moduleLayoutFiles(loaded, synthesized, scratch, priorAddresses));
}

/** The documents the spec gives for permissions boundaries made elsewhere, by the boundary's ARN. */
export function boundaryDocuments(profiles: readonly ResolvedProfileSpec[]): ReadonlyMap<string, PolicyDocument> {
  return new Map(
    profiles.flatMap(({ role }) =>
      role.permissionsBoundary !== undefined && role.permissionsBoundaryDocument !== undefined
        ? [[role.permissionsBoundary, role.permissionsBoundaryDocument] as const]
        : [],
    ),
  );
}
