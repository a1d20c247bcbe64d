/**
 * The module layout of synth: the spec's setup once, as the module generated from it, and each
 * environment's stack as a thin root module calling it with that environment's backend,
 * provider and variable values, and `moved` blocks that carry the flat root's state into the
 * module. A change to the setup shows once in a diff; what differs between environments shows
 * as the inputs of their module calls.
 */
import * as path from 'path';
import type { LoadedSpec } from '../spec/model';
import { planStacks } from '../spec/plan-stacks';
import { SpecError, type SpecProblem } from '../spec/spec-error';
import { renderHcl } from '../render/render-hcl';
import { ROOT_HEADER, withJsonNotice } from '../render/generated-notice';
import { LOCK_FILE_NAME, providerLockFile } from '../terraform/provider-lock';
import { canonicalJson } from '../render/canonical-json';
import { addressesIn, keptMoves, NO_PRIOR_ADDRESSES, type PriorAddresses } from '../render/moved-blocks';
import { terraformName } from '../naming';
import { assertAcceptedByEveryRelease } from '../terraform/provider-schema';
import { fleetItemFiles, moduleFiles } from './module-files';
import { ROOT_BLOCK_SHAPES, rootCalling } from './root-calling';
import { environmentCall } from './environment-call';
import { isFleetModuleItem, type ModuleInterface, moduleInterfaceOf } from './module-interface';

/** Where the output folder holds each part. */
export const moduleLayout = {
  module: (name: string) => `module/${name}`,
  root: (stack: string) => `hcl/${stack}/main.tf`,
  /** The same root as Terraform JSON. */
  jsonRoot: (stack: string) => `json/${stack}/main.tf.json`,
  /** The module, seen from a root. */
  source: (name: string) => `../../module/${name}`,
} as const;

/** The flat roots a layout is made from: their files, and each stack's configuration by stack name. */
export interface FlatRoots {
  /** The flat output's files by path (`json/<stack>/main.tf.json`, `diagrams/<stack>.mmd`, …). */
  readonly files: ReadonlyMap<string, string>;
  /** Each stack's root configuration by stack name, as its JSON file holds it. */
  readonly roots: ReadonlyMap<string, Record<string, unknown>>;
}

/**
 * The files of the module layout. `flat` is the spec's flat roots as synthesized: their
 * configurations (their backends, providers and import blocks go into the thin roots) and their
 * files (their diagrams are kept). `prior`: the addresses an earlier output in the folder declared
 * (the `moved` blocks of the roots and the module come only from those).
 */
export function moduleLayoutFiles(loaded: LoadedSpec, flat: FlatRoots, scratch: string, prior: PriorAddresses = NO_PRIOR_ADDRESSES): Map<string, string> {
  const moduleInterface = moduleInterfaceOf(loaded);
  const problems = layoutProblems(loaded, moduleInterface);
  if (problems.length) throw new SpecError(loaded.source, problems);
  const { spec } = loaded;
  const flatConfig = (stack: string) => flat.roots.get(stack)!;
  const files = new Map<string, string>();
  const roots = planStacks(spec).map((plan) => [plan, flatConfig(plan.name)] as const);
  const module = moduleFiles(loaded, flat.roots, scratch, moduleInterface, { prior, folder: moduleLayout.module(moduleInterface.name) });
  for (const [file, content] of module.files) files.set(`${moduleLayout.module(moduleInterface.name)}/${file}`, content);
  const calledModules = new Map([[terraformName(moduleInterface.name), module.dropped]]);
  for (const [plan, config] of roots) {
    const { call, fleets } = environmentCall(spec, moduleInterface, plan, config, moduleLayout.source(moduleInterface.name));
    const rootFolders = [moduleLayout.root(plan.name), moduleLayout.jsonRoot(plan.name)].map((file) => path.posix.dirname(file));
    const root = keptMoves(rootCalling(moduleInterface, config, call), { prior: addressesIn(prior, rootFolders), calledModules }).config;
    assertAcceptedByEveryRelease(root, `root ${plan.name}`);
    files.set(moduleLayout.root(plan.name), renderHcl(root as never, ROOT_BLOCK_SHAPES, { header: ROOT_HEADER }));
    files.set(moduleLayout.jsonRoot(plan.name), canonicalJson(withJsonNotice(root, ROOT_HEADER)) + '\n');
    for (const folder of [moduleLayout.root(plan.name), moduleLayout.jsonRoot(plan.name)].map((file) => path.posix.dirname(file))) {
      files.set(`${folder}/${LOCK_FILE_NAME}`, providerLockFile());
      for (const [file, content] of fleetItemFiles(fleets)) files.set(`${folder}/${file}`, content);
    }
  }
  for (const [file, content] of flat.files) if (file.startsWith('diagrams/')) files.set(file, content);
  return files;
}

/**
 * One module call per environment: sharding needs the flat layout, unless every profile is an
 * item of a fleet the module takes as an input (each shard's root then passes its own items);
 * so do fleet items limited to some environments, which have no switch.
 */
function layoutProblems(loaded: LoadedSpec, moduleInterface: ModuleInterface): SpecProblem[] {
  const { spec } = loaded;
  const problems: SpecProblem[] = [];
  const reason = 'the module layout calls one module, with all the profiles, from each environment; use the flat layout (the default)';
  const moduleProfiles = spec.profiles.filter((profile) => !isFleetModuleItem(moduleInterface, profile));
  if (spec.sharding.profilesPerStack !== undefined && spec.sharding.profilesPerStack < spec.profiles.length && moduleProfiles.length) {
    problems.push({
      path: ['sharding', 'profilesPerStack'],
      message: `splits the profiles into several stacks, and ${moduleProfiles.length} of them are not items of a fleet the module takes as an input: ${reason}`,
    });
  }
  for (const profile of spec.profiles) {
    if (profile.environments && profile.fieldPath[0] !== 'profiles') {
      problems.push({ path: [...profile.fieldPath, 'environments'], message: `limits a fleet item to some environments: ${reason}` });
    }
  }
  return problems;
}
