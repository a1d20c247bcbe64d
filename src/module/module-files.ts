/**
 * A module generated from a spec, laid out as terraform-aws-modules ship theirs: `main.tf`,
 * `variables.tf`, `outputs.tf`, `versions.tf`, a README with its inputs and outputs,
 * `examples/complete/` (a root module calling it, with its provider and the import blocks of
 * the resources the spec adopts) and `tests/` (native Terraform tests).
 */
import { App } from 'cdktf';
import { terraformName } from '../naming';
import type { LoadedSpec } from '../spec/model';
import { formatFieldPath, SpecError, type SpecProblem } from '../spec/spec-error';
import { blockShapesOf } from '../constructs/block-shapes';
import { renderHcl } from '../render/render-hcl';
import { escapeLiteralText } from '../constructs/literal-text';
import { readsStackPartition } from '../constructs/stack-partition';
import { partitionKind } from '../resource-kinds';
import { ROOT_TERRAFORM_VERSION, terraformRequirements } from '../terraform-requirements';
import { MODULE_EXAMPLE, renderModuleReadme } from './module-docs';
import { type ModuleInterface, moduleInterfaceOf } from './module-interface';
import { FLEET_MODULE_SOURCE, InstanceProfileModule } from './module-stack';
import { type ModuleResources, moduleTestFiles } from './module-tests';
import { planStacks } from '../spec/plan-stacks';
import { synthesizeFleetModule } from '../fleet/fleet-module';
import { fleetLayout, itemsDescription, itemsType, itemsValue, itemsVariable } from '../fleet/fleet-call';
import type { BoundFleet } from '../fleet/fleet-template';
import { canonicalJson } from '../render/canonical-json';
import { LOCK_FILE_NAME, providerLockFile } from '../terraform/provider-lock';

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
 * Profiles limited to some environments: the module holds every profile and has no switch for
 * one, so it would deploy them everywhere; it says so rather than ignore the limit.
 */
function limitedProfileProblems(loaded: LoadedSpec): SpecProblem[] {
  return loaded.spec.profiles.flatMap((profile) =>
    profile.environments
      ? [
          {
            path: [...profile.fieldPath, 'environments'],
            message:
              'limits the profile to some environments: the module holds every profile of the spec, for every environment; use the flat layout (the default)',
          },
        ]
      : [],
  );
}

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
          message: `the ${name} is also at ${formatFieldPath(first)} (the two are in different accounts): one module holds every profile of the spec, so it cannot hold both; give them different names to generate a module`,
        });
      }
    }
  }
  return problems;
}

/** One `import` block of a synthesized root. */
export interface ImportBlock {
  readonly to: string;
  readonly id: string;
}

/**
 * The module's files by path. `rootConfigs` are the flat roots the spec synthesizes (their
 * import blocks move into the example, aimed at the module's resources).
 */
export function moduleFiles(
  loaded: LoadedSpec,
  rootConfigs: readonly JsonObject[],
  scratch: string,
  moduleInterface: ModuleInterface = moduleInterfaceOf(loaded),
): Map<string, string> {
  const problems = [...limitedProfileProblems(loaded), ...sharedNameProblems(loaded)];
  if (problems.length) throw new SpecError(loaded.source, problems);
  const stack = new InstanceProfileModule(new App({ outdir: scratch }), moduleInterface.name, { loaded, moduleInterface });
  const config = stack.toTerraform() as JsonObject;
  const shapes = blockShapesOf(stack);
  const files = new Map<string, string>();
  for (const [file, sections] of MODULE_FILE_SECTIONS) {
    if (OPTIONAL_MODULE_FILES.has(file) && !sections.some((section) => config[section])) continue;
    files.set(file, renderHcl(Object.fromEntries(sections.filter((section) => config[section]).map((section) => [section, config[section]])) as never, shapes));
  }
  for (const [file, content] of fleetModuleFiles(loaded, moduleInterface, scratch)) files.set(file, content);
  const imports = importsOf(rootConfigs);
  const example = exampleRoot(loaded, moduleInterface, imports);
  files.set(`${MODULE_EXAMPLE.folder}/main.tf`, renderHcl(example as never, ROOT_BLOCK_SHAPES));
  files.set(`${MODULE_EXAMPLE.folder}/${LOCK_FILE_NAME}`, providerLockFile());
  for (const [file, content] of fleetItemFiles(moduleInterface.fleets.map(({ bound }) => bound))) files.set(`${MODULE_EXAMPLE.folder}/${file}`, content);
  for (const [file, content] of moduleTestFiles(loaded.spec, moduleInterface, resourcesOf(config))) files.set(file, content);
  files.set(
    'README.md',
    renderModuleReadme({
      spec: loaded.spec,
      moduleInterface,
      outputs: (config.output ?? {}) as Record<string, { description?: string }>,
      exampleCall: moduleCallOf(files.get(`${MODULE_EXAMPLE.folder}/main.tf`)!),
      imports: imports.length,
    }),
  );
  return new Map([...files].sort(([a], [b]) => a.localeCompare(b)));
}

/** The template module of each fleet the module instantiates with for_each: `modules/<fleet>/main.tf`. */
function fleetModuleFiles(loaded: LoadedSpec, moduleInterface: ModuleInterface, scratch: string): Map<string, string> {
  const files = new Map<string, string>();
  const [plan] = planStacks(loaded.spec);
  for (const { bound } of moduleInterface.fleets) {
    const module = synthesizeFleetModule(bound, plan, scratch, { tagsInput: moduleInterface.tagsInput !== undefined });
    files.set(`${FLEET_MODULE_SOURCE(bound.name).slice(2)}/main.tf`, renderHcl(module.config as never, module.shapes));
  }
  return files;
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

/** The import blocks of the flat roots, once each. */
export function importsOf(rootConfigs: readonly JsonObject[]): ImportBlock[] {
  const seen = new Map<string, ImportBlock>();
  for (const config of rootConfigs) {
    for (const block of (config.import ?? []) as ImportBlock[]) if (!seen.has(block.to)) seen.set(block.to, block);
  }
  return [...seen.values()];
}

/** A root module that calls the module: the spec's provider settings, the required inputs at their example values, the imports. */
function exampleRoot(loaded: LoadedSpec, moduleInterface: ModuleInterface, imports: readonly ImportBlock[]): JsonObject {
  const { spec } = loaded;
  const inputs = Object.fromEntries(moduleInterface.inputs.filter((input) => input.required).map((input) => [input.name, input.value]));
  const provider = {
    region: spec.region,
    ...(spec.accountId ? { allowed_account_ids: [spec.accountId] } : {}),
    ...(Object.keys(spec.defaultTags).length ? { default_tags: [{ tags: spec.defaultTags }] } : {}),
  };
  return rootCalling(moduleInterface, { provider: { aws: [provider] } }, { source: MODULE_EXAMPLE.source, inputs, imports });
}

/** How a root module calls the generated module. */
export interface ModuleCall {
  /** Where the module is, from the root. */
  readonly source: string;
  /** Input values (literal; `${` is escaped). */
  readonly inputs: Readonly<Record<string, unknown>>;
  /** Import blocks of a flat root, aimed at the module's resources here. */
  readonly imports: readonly ImportBlock[];
  /** Addresses of a flat root's resources and of the same resources in the module (without `module.<name>.`). */
  readonly moved?: ReadonlyArray<{ readonly from: string; readonly to: string }>;
  /** Moves between a flat root's own addresses (a renamed instance), made before its resources move into the module. */
  readonly renames?: ReadonlyArray<{ readonly from: string; readonly to: string }>;
}

/**
 * A root module calling the module: Terraform and provider requirements, the backend and the
 * provider of `base` (a flat root's configuration, or the example's), the module block, one
 * output with everything the module outputs, and the imports.
 */
export function rootCalling(moduleInterface: ModuleInterface, base: JsonObject, call: ModuleCall): JsonObject {
  const name = terraformName(moduleInterface.name);
  const terraform = (base.terraform ?? {}) as JsonObject;
  // A fleet's items are the root's data (its items file), passed on to the module.
  const { fleets } = moduleInterface;
  return {
    terraform: {
      ...terraformRequirements(ROOT_TERRAFORM_VERSION),
      ...(terraform.backend ? { backend: terraform.backend } : {}),
      ...(terraform.cloud ? { cloud: terraform.cloud } : {}),
    },
    ...(fleets.length
      ? {
          variable: Object.fromEntries(
            fleets.map(({ bound, input }) => [
              input,
              { type: itemsType(bound), description: itemsDescription(bound, `set in ${fleetLayout.items(bound.name)}`) },
            ]),
          ),
        }
      : {}),
    provider: base.provider,
    // Import ids build their ARNs for the partition, as the configuration does.
    ...(call.imports.some((block) => readsStackPartition(block.id)) ? { data: { [partitionKind.type]: { [partitionKind.name]: {} } } } : {}),
    module: {
      [name]: { source: call.source, ...escapeLiteralText(call.inputs), ...Object.fromEntries(fleets.map(({ input }) => [input, `\${var.${input}}`])) },
    },
    output: { [name]: { value: `\${module.${name}}`, description: `What module ${moduleInterface.name} made.` } },
    ...(call.imports.length ? { import: call.imports.map((block) => ({ to: `module.${name}.${block.to}`, id: block.id })) } : {}),
    ...(call.moved?.length || call.renames?.length
      ? { moved: [...(call.renames ?? []), ...(call.moved ?? []).map((block) => ({ from: block.from, to: `module.${name}.${block.to}` }))] }
      : {}),
  };
}

/** Block shapes of a root calling the module (its provider's `default_tags`). */
export const ROOT_BLOCK_SHAPES = new Map([['provider.aws', { default_tags: {} }]]);

/** The `module` block of the example, for the README. */
function moduleCallOf(example: string): string {
  const start = example.indexOf('module "');
  return example.slice(start, example.indexOf('\n}\n', start) + 2);
}
