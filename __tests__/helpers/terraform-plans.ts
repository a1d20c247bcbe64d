/**
 * Real-Terraform comparisons of generated roots: planned values by address, offline plans, and
 * a state crafted from a plan as if it had been applied (for `moved` tests).
 */
import * as fs from 'fs';
import * as path from 'path';
import type { TerraformPlanJson, TerraformRunner } from '../../src/terraform';
import { OFFLINE_PROVIDER_OVERRIDE } from './offline-terraform';

interface PlannedModule {
  readonly resources?: ReadonlyArray<{ readonly address: string; readonly values: unknown }>;
  readonly child_modules?: readonly PlannedModule[];
}

/** Planned values by resource address, the module's prefix (`module.<name>.`) taken off unless `keepModule`. */
export function plannedValues(plan: TerraformPlanJson, keepModule = false): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  const visit = (module: PlannedModule) => {
    for (const resource of module.resources ?? []) values[keepModule ? resource.address : resource.address.replace(/^module\.[^.]+\./, '')] = resource.values;
    for (const child of module.child_modules ?? []) visit(child);
  };
  visit((plan as unknown as { planned_values: { root_module: PlannedModule } }).planned_values.root_module);
  return values;
}

/** The offline provider settings; with fake credentials the provider cannot learn the account, so `allowed_account_ids` is lifted. */
export const OFFLINE_OVERRIDE = OFFLINE_PROVIDER_OVERRIDE.replace(/\n\}\n$/, '\n  allowed_account_ids = null\n}\n');

/** `terraform plan` of the root at `root` (relative to `dir`), offline. */
export function planOf(terraform: TerraformRunner, dir: string, root: string): TerraformPlanJson {
  const folder = path.join(dir, root);
  fs.writeFileSync(path.join(folder, 'offline_override.tf'), OFFLINE_OVERRIDE);
  terraform.init(folder);
  terraform.plan(folder, 'plan.out');
  return terraform.showJson(folder, 'plan.out');
}

/** A module of a plan's `configuration`. */
interface ConfiguredModule {
  readonly resources?: ReadonlyArray<{ readonly address: string; readonly expressions?: Record<string, { references?: string[] }> }>;
  readonly module_calls?: Readonly<Record<string, { readonly module: ConfiguredModule }>>;
}

/** The configuration of the module at `address` (`module.app.module.web["a"]`: instance keys do not matter). */
function moduleConfiguration(root: ConfiguredModule, address: string | undefined): ConfiguredModule {
  const calls = (address ?? '').replace(/\[[^\]]*\]/g, '').split('.').filter((_, i) => i % 2 === 1);
  return calls.reduce((module, call) => module.module_calls?.[call]?.module ?? {}, root);
}

/** The managed resource changes of a plan. */
export function managedChanges(plan: TerraformPlanJson): ResourceChange[] {
  return ((plan.resource_changes ?? []) as unknown as ResourceChange[]).filter((change) => change.mode === 'managed');
}

/** The AWS provider's resource schemas, as `terraform providers schema -json` gives them in `dir`. */
export function resourceSchemas(terraform: TerraformRunner, dir: string): Record<string, ResourceSchema> {
  return (terraform.providersSchema(dir).provider_schemas['registry.terraform.io/hashicorp/aws'].resource_schemas ?? {}) as Record<string, ResourceSchema>;
}

/** A resource type's schema, as `terraform providers schema -json` gives it. */
export interface ResourceSchema {
  readonly version: number;
  readonly block: { readonly attributes?: Readonly<Record<string, { readonly type?: unknown }>> };
}

export interface ResourceChange {
  readonly address: string;
  /** `module.web["a"]` for a resource inside a module instance. */
  readonly module_address?: string;
  readonly previous_address?: string;
  readonly mode: string;
  readonly type: string;
  readonly name: string;
  readonly provider_name: string;
  readonly change: { readonly actions: readonly string[]; readonly after?: Record<string, unknown>; readonly after_unknown?: Record<string, unknown>; readonly replace_paths?: unknown };
}

/**
 * A state holding what a flat root's plan would create, as if it had been applied: the planned
 * values, and those known only after apply filled in (an ARN and an id per resource, the
 * attributes that refer to another resource's from that one), the rest null. `stateNames` gives
 * a resource another name in the state (`aws_instance.web` → `web_profile`, as an older version
 * named it).
 */
export function appliedState(
  plan: TerraformPlanJson,
  schemas: Readonly<Record<string, ResourceSchema>>,
  stateNames: ReadonlyMap<string, string> = new Map(),
): Record<string, unknown> {
  const changes = ((plan.resource_changes ?? []) as unknown as readonly ResourceChange[]).filter((change) => change.mode === 'managed');
  const configuration = (plan as unknown as { configuration: { root_module: ConfiguredModule } }).configuration.root_module;
  const crafted = new Map(changes.map((change) => [change.address, { arn: `arn:aws:iam::123456789012:${change.type}/${change.name}`, id: `${change.name}-id`, name: change.change.after?.name }]));
  const resources = changes.map((change) => {
    // Inside a module instance (`module.web["a"]`), references are to the same instance's resources.
    const prefix = change.module_address ? `${change.module_address}.` : '';
    const configured = moduleConfiguration(configuration, change.module_address).resources ?? [];
    const expressions = configured.find((resource) => resource.address === `${change.type}.${change.name}`)?.expressions ?? {};
    const attributes: Record<string, unknown> = { ...change.change.after };
    for (const [key, unknown] of Object.entries(change.change.after_unknown ?? {})) {
      if (unknown !== true) continue;
      const reference = expressions[key]?.references?.find((ref) => /^aws_\w+\.\w+\.\w+$/.test(ref));
      const [type, name, attribute] = reference?.split('.') ?? [];
      const own = crafted.get(change.address) as Record<string, unknown>;
      // A collection AWS leaves empty is stored empty (null would read as not yet known).
      const [kind] = (schemas[change.type]?.block.attributes?.[key]?.type ?? []) as unknown[];
      const empty = kind === 'list' || kind === 'set' ? [] : kind === 'map' ? {} : null;
      attributes[key] = reference ? (crafted.get(`${prefix}${type}.${name}`) as Record<string, unknown> | undefined)?.[attribute] ?? null : own[key] ?? empty;
    }
    return {
      ...(change.module_address ? { module: change.module_address } : {}),
      mode: 'managed',
      type: change.type,
      name: stateNames.get(change.address) ?? change.name,
      provider: `provider["${change.provider_name}"]`,
      instances: [{ schema_version: schemas[change.type]?.version ?? 0, attributes, sensitive_attributes: [] }],
    };
  });
  return { version: 4, terraform_version: plan.terraform_version, serial: 1, lineage: '00000000-0000-4000-8000-000000000000', outputs: {}, resources, check_results: null };
}


interface PlannedChild extends PlannedModule {
  readonly address?: string;
}

/** `module.<name>.` taken off the front of an address (a resource's, a module's). */
function withoutPrefix(address: string, prefix: string): string {
  return address.startsWith(prefix) ? address.slice(prefix.length) : address;
}

/** A planned module with the wrapper's `module.<name>.` taken off every address in it. */
function unwrapPlanned(module: PlannedChild, prefix: string): PlannedModule {
  return {
    resources: (module.resources ?? []).map((resource) => ({ ...resource, address: withoutPrefix(resource.address, prefix) })),
    child_modules: (module.child_modules ?? []).map((child) => ({ ...unwrapPlanned(child, prefix), address: withoutPrefix((child as PlannedChild).address ?? '', prefix) }) as PlannedModule),
  };
}

/**
 * The offline plans of several roots from one `terraform plan`: each root folder is a child
 * module of one wrapper root (its provider, with the offline override, stays its own), so the
 * provider starts a few times for all of them instead of for each. Each result is shaped as that
 * root's own plan (planned values, resource changes, configuration, addresses without the
 * wrapper's `module.<name>.`). Roots may hold no import block (Terraform allows those only in the
 * root module); their backends are ignored.
 */
export function plansTogether(terraform: TerraformRunner, roots: Readonly<Record<string, string>>): Record<string, TerraformPlanJson> {
  const dir = fs.mkdtempSync(path.join(path.dirname(Object.values(roots)[0]), 'together-'));
  for (const folder of Object.values(roots)) fs.writeFileSync(path.join(folder, 'offline_override.tf'), OFFLINE_OVERRIDE);
  // A root's *.auto.tfvars.json are read only in the root module: here they become the module call's arguments.
  const variablesOf = (folder: string) =>
    Object.assign({}, ...fs.readdirSync(folder).filter((file) => file.endsWith('.auto.tfvars.json')).map((file) => JSON.parse(fs.readFileSync(path.join(folder, file), 'utf8')) as Record<string, unknown>));
  const source = (folder: string) => `./${path.relative(dir, folder).split(path.sep).join('/')}`.replace(/^\.\/\.\.\//, '../');
  fs.writeFileSync(path.join(dir, 'main.tf.json'), JSON.stringify({ module: Object.fromEntries(Object.entries(roots).map(([name, folder]) => [name, { source: source(folder), ...variablesOf(folder) }])) }));
  terraform.init(dir);
  terraform.plan(dir, 'plan.out');
  const plan = terraform.showJson(dir, 'plan.out') as unknown as {
    planned_values: { root_module: PlannedModule };
    resource_changes?: ResourceChange[];
    configuration: { root_module: ConfiguredModule };
    terraform_version: string;
  };
  return Object.fromEntries(
    Object.keys(roots).map((name) => {
      const prefix = `module.${name}.`;
      const planned = (plan.planned_values.root_module.child_modules ?? []).find((child) => (child as PlannedChild).address === `module.${name}`) ?? {};
      const changes = (plan.resource_changes ?? [])
        .filter((change) => change.address.startsWith(prefix))
        .map((change) => {
          const moduleAddress = change.module_address === `module.${name}` ? undefined : change.module_address && withoutPrefix(change.module_address, prefix);
          return { ...change, address: withoutPrefix(change.address, prefix), module_address: moduleAddress, ...(change.previous_address ? { previous_address: withoutPrefix(change.previous_address, prefix) } : {}) };
        });
      const configured = plan.configuration.root_module.module_calls?.[name]?.module ?? {};
      return [name, { terraform_version: plan.terraform_version, planned_values: { root_module: unwrapPlanned(planned, prefix) }, resource_changes: changes, configuration: { root_module: configured } } as unknown as TerraformPlanJson];
    }),
  );
}
