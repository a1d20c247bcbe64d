/**
 * A module generated from a spec, laid out as terraform-aws-modules ship theirs: `main.tf`,
 * `variables.tf`, `outputs.tf`, `versions.tf`, a README with its inputs and outputs,
 * `examples/` (root modules calling it, with their providers and the import blocks of the
 * resources the spec adopts: `complete/`, or one per environment) and `tests/` (native Terraform tests).
 */
import { App } from 'cdktf';
import type { LoadedSpec } from '../spec/model';
import { formatFieldPath, SpecError, type SpecProblem } from '../spec/spec-error';
import { blockShapesOf } from '../constructs/block-shapes';
import { renderHcl } from '../render/render-hcl';
import { MODULE_EXAMPLE, renderModuleReadme } from './module-docs';
import { type ModuleInterface, moduleInterfaceOf } from './module-interface';
import { FLEET_MODULE_SOURCE, InstanceProfileModule } from './module-stack';
import { type ModuleResources, moduleTestFiles } from './module-tests';
import { planStacks } from '../spec/plan-stacks';
import { synthesizeFleetModule } from '../fleet/fleet-module';
import { fleetLayout, itemsValue, itemsVariable } from '../fleet/fleet-call';
import type { BoundFleet } from '../fleet/fleet-template';
import { canonicalJson } from '../render/canonical-json';
import { addressesIn, fleetAddressesIn, keptMoves, NO_PRIOR_ADDRESSES, type PriorAddresses } from '../render/moved-blocks';
import { assertAcceptedByEveryRelease } from '../terraform/provider-schema';
import { importsOf, ROOT_BLOCK_SHAPES, rootCalling } from './root-calling';
import { environmentCall } from './environment-call';

type JsonObject = Record<string, unknown>;

/** Which top-level sections of the synthesized module go into which file. */
const MODULE_FILE_SECTIONS: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['versions.tf', ['terraform']],
  ['variables.tf', ['variable']],
  ['main.tf', ['locals', 'data', 'resource', 'module']],
  ['outputs.tf', ['output']],
  // Where terraform-aws-modules keep theirs: the moves of renamed resources, when there are any.
  ['migrations.tf', ['moved']],
];

/** Files of {@link MODULE_FILE_SECTIONS} written only when their sections have something. */
const OPTIONAL_MODULE_FILES = new Set(['migrations.tf']);

/**
 * Profiles that share IAM names, which the spec allows when they never share an account (one
 * new in dev, one adopted in prod): one module holds every profile, so it cannot hold both.
 */
function sharedNameProblems(loaded: LoadedSpec): SpecProblem[] {
  const seen = new Map<string, ReadonlyArray<string | number>>();
  const problems: SpecProblem[] = [];
  for (const profile of loaded.spec.profiles) {
    const names: Array<readonly [string, ReadonlyArray<string | number>]> = [
      [`role ${profile.role.name}`, [...profile.fieldPath, 'role', 'name']],
      [`instance profile ${profile.instanceProfile.name}`, [...profile.fieldPath, 'instanceProfile', 'name']],
      ...profile.policies.map((policy, i) => [`policy ${policy.name}`, [...profile.fieldPath, 'policies', i, 'name']] as const),
    ];
    for (const [name, path] of names) {
      const first = seen.get(name.toLowerCase());
      if (!first) seen.set(name.toLowerCase(), path);
      else {
        problems.push({
          path,
          message: `the ${name} is also at ${formatFieldPath(first)} (the two are in different accounts): one module holds every profile of the spec, so it cannot hold both; make them one profile whose environments give it their own values (an empty existingId launches an instance), or give them different names`,
        });
      }
    }
  }
  return problems;
}

/** A generated module: its files by path, and the moves it dropped (see `keptMoves`), which a root calling it aims past. */
export interface GeneratedModule {
  readonly files: Map<string, string>;
  readonly dropped: ReadonlyMap<string, string>;
}

/** The output a module is written over: what it declared, and where the module is in it (`.` for its top). */
export interface EarlierModule {
  readonly prior: PriorAddresses;
  readonly folder: string;
}

/**
 * The module's files by path. `roots` are the flat roots the spec synthesizes, by stack name
 * (their providers, values and import blocks go into the examples, aimed at the module's
 * resources); `earlier` the output it is written over (its `moved` blocks come only from the
 * addresses that output's module declared).
 */
export function moduleFiles(
  loaded: LoadedSpec,
  roots: ReadonlyMap<string, JsonObject>,
  scratch: string,
  moduleInterface: ModuleInterface = moduleInterfaceOf(loaded),
  earlier: EarlierModule = { prior: NO_PRIOR_ADDRESSES, folder: '.' },
): GeneratedModule {
  const { prior, folder: moduleFolder } = earlier;
  const problems = sharedNameProblems(loaded);
  if (problems.length) throw new SpecError(loaded.source, problems);
  const stack = new InstanceProfileModule(new App({ outdir: scratch }), moduleInterface.name, { loaded, moduleInterface });
  const fleets = fleetModules(loaded, moduleInterface, scratch, prior);
  const { config, dropped } = keptMoves(stack.toTerraform() as JsonObject, {
    prior: addressesIn(prior, [moduleFolder]),
    calledModules: new Map(fleets.map(({ name, dropped: fleetDropped }) => [name, fleetDropped])),
  });
  assertAcceptedByEveryRelease(config, `module ${moduleInterface.name}`);
  const shapes = blockShapesOf(stack);
  const files = new Map<string, string>();
  for (const [file, sections] of MODULE_FILE_SECTIONS) {
    if (OPTIONAL_MODULE_FILES.has(file) && !sections.some((section) => config[section])) continue;
    files.set(file, renderHcl(Object.fromEntries(sections.filter((section) => config[section]).map((section) => [section, config[section]])) as never, shapes));
  }
  for (const { file, content } of fleets) files.set(file, content);
  const examples = exampleRoots(loaded, moduleInterface, roots);
  for (const { folder, root, fleets } of examples) {
    assertAcceptedByEveryRelease(root, `example ${folder} of module ${moduleInterface.name}`);
    files.set(`${folder}/main.tf`, renderHcl(root as never, ROOT_BLOCK_SHAPES));
    for (const [file, content] of fleetItemFiles(fleets)) files.set(`${folder}/${file}`, content);
  }
  for (const [file, content] of moduleTestFiles(loaded.spec, moduleInterface, resourcesOf(config))) files.set(file, content);
  files.set(
    'README.md',
    renderModuleReadme({
      spec: loaded.spec,
      moduleInterface,
      outputs: (config.output ?? {}) as Record<string, { description?: string }>,
      example: examples[0].folder,
      exampleCall: moduleCallOf(files.get(`${examples[0].folder}/main.tf`)!),
      imports: ((examples[0].root.import ?? []) as unknown[]).length,
    }),
  );
  return { files: new Map([...files].sort(([a], [b]) => a.localeCompare(b))), dropped };
}

/** The template module of each fleet the module instantiates with for_each: `modules/<fleet>/main.tf`, with the moves it dropped. */
function fleetModules(
  loaded: LoadedSpec,
  moduleInterface: ModuleInterface,
  scratch: string,
  prior: PriorAddresses,
): Array<{ name: string; file: string; content: string; dropped: ReadonlyMap<string, string> }> {
  const [plan] = planStacks(loaded.spec);
  return moduleInterface.fleets.map(({ bound }) => {
    const module = synthesizeFleetModule(bound, plan, scratch, { tagsInput: moduleInterface.tagsInput !== undefined });
    const { config, dropped } = keptMoves(module.config, { prior: fleetAddressesIn(prior, bound.name) });
    assertAcceptedByEveryRelease(config, `fleet module ${bound.name} of module ${moduleInterface.name}`);
    return { name: bound.name, file: `${FLEET_MODULE_SOURCE(bound.name).slice(2)}/main.tf`, content: renderHcl(config as never, module.shapes), dropped };
  });
}

/** The items file of each fleet (`<fleet>.auto.tfvars.json`) for a root that calls the module with these items. */
export function fleetItemFiles(fleets: readonly BoundFleet[]): Map<string, string> {
  return new Map(fleets.map((bound) => [fleetLayout.items(bound.name), canonicalJson({ [itemsVariable(bound)]: itemsValue(bound) }) + '\n']));
}

/** The module's resource addresses, and those protected by `prevent_destroy`. */
function resourcesOf(config: JsonObject): ModuleResources {
  const addresses: string[] = [];
  const protectedAddresses: string[] = [];
  for (const [type, byName] of Object.entries((config.resource ?? {}) as Record<string, Record<string, { lifecycle?: { prevent_destroy?: boolean } }>>)) {
    for (const [name, resource] of Object.entries(byName)) {
      addresses.push(`${type}.${name}`);
      if (resource.lifecycle?.prevent_destroy) protectedAddresses.push(`${type}.${name}`);
    }
  }
  return { addresses, protectedAddresses };
}

/** A root module of the module's `examples/`, and the fleets whose items it passes. */
interface ExampleRoot {
  readonly folder: string;
  readonly root: JsonObject;
  readonly fleets: readonly BoundFleet[];
}

/**
 * The module's example roots: `examples/complete`, with the spec's provider settings, the
 * required inputs at their example values and the imports; or, when the spec has environments,
 * one per environment (`examples/dev`, `examples/prod`), each calling the module as that
 * environment's root does: its provider, its values, its switches and its imports.
 */
function exampleRoots(loaded: LoadedSpec, moduleInterface: ModuleInterface, roots: ReadonlyMap<string, JsonObject>): ExampleRoot[] {
  const { spec } = loaded;
  const plans = planStacks(spec);
  if (!Object.keys(spec.environments).length) {
    const inputs = Object.fromEntries(moduleInterface.inputs.filter((input) => input.required).map((input) => [input.name, input.value]));
    const provider = {
      region: spec.region,
      ...(spec.accountId ? { allowed_account_ids: [spec.accountId] } : {}),
      ...(Object.keys(spec.defaultTags).length ? { default_tags: [{ tags: spec.defaultTags }] } : {}),
    };
    const imports = importsOf(plans.map((plan) => roots.get(plan.name)!));
    const root = rootCalling(moduleInterface, { provider: { aws: [provider] } }, { source: MODULE_EXAMPLE.source, inputs, imports });
    return [{ folder: MODULE_EXAMPLE.folder, root, fleets: moduleInterface.fleets.map(({ bound }) => bound) }];
  }
  const shared = (environment: string | undefined) => plans.filter((plan) => plan.environment === environment).length > 1;
  return plans.map((plan) => {
    const config = roots.get(plan.name)!;
    const { call, fleets } = environmentCall(spec, moduleInterface, plan, config, MODULE_EXAMPLE.source);
    const folder = `examples/${shared(plan.environment) ? plan.name : plan.environment}`;
    return { folder, root: rootCalling(moduleInterface, { provider: config.provider }, { ...call, moved: undefined, renames: undefined }), fleets };
  });
}

/** The `module` block of the example, for the README. */
function moduleCallOf(example: string): string {
  const start = example.indexOf('module "');
  return example.slice(start, example.indexOf('\n}\n', start) + 2);
}
