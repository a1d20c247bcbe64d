/**
 * Real-Terraform comparisons of generated roots: planned values by address, managed changes, the
 * AWS provider's resource schemas, and a state crafted from a plan as if it had been applied (for
 * `moved` tests).
 */
import * as fs from 'fs';
import * as path from 'path';
import type { TerraformPlanJson, TerraformProvidersSchema, TerraformRunner } from '../../src/terraform';
import { AWS_PROVIDER_VERSION } from '../../src/terraform-requirements';
import { attachedIn, initInstallingProvider, OFFLINE_PROVIDER_OVERRIDE } from './offline-terraform';
import { testRunCacheDir } from './test-run-cache';
import { tempDir } from './temp-dirs';

export interface PlannedModule {
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

/** A module of a plan's `configuration`. */
export interface ConfiguredModule {
  readonly resources?: ReadonlyArray<{ readonly address: string; readonly expressions?: Record<string, { references?: string[] }> }>;
  readonly module_calls?: Readonly<Record<string, { readonly module: ConfiguredModule }>>;
}

/** The configuration of the module at `address` (`module.app.module.web["a"]`: instance keys do not matter). */
function moduleConfiguration(root: ConfiguredModule, address: string | undefined): ConfiguredModule {
  const calls = (address ?? '')
    .replace(/\[[^\]]*\]/g, '')
    .split('.')
    .filter((_, i) => i % 2 === 1);
  return calls.reduce((module, call) => module.module_calls?.[call]?.module ?? {}, root);
}

/** The managed resource changes of a plan. */
export function managedChanges(plan: TerraformPlanJson): ResourceChange[] {
  return ((plan.resource_changes ?? []) as unknown as ResourceChange[]).filter((change) => change.mode === 'managed');
}

/** The AWS provider's part of `terraform providers schema -json`, as far as tests read it. */
export interface AwsProviderSchema {
  readonly provider: { readonly block: unknown };
  readonly resource_schemas: Readonly<Record<string, { readonly version: number; readonly block: unknown }>>;
  readonly data_source_schemas: Readonly<Record<string, { readonly block: unknown }>>;
}

/**
 * The AWS provider's part of `terraform providers schema -json` (some 14 MB): read once per test
 * run, whichever test file asks first, and kept in the run's cache folder (loading the
 * provider's schema takes seconds).
 */
export function awsProviderSchema(terraform: TerraformRunner): AwsProviderSchema {
  const file = path.join(testRunCacheDir(), 'aws-provider-schema.json');
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8')) as AwsProviderSchema;
  // As Terraform does by itself: attached, a command gets the schemas of the types the tests name only.
  const dir = rootRequiringProvider();
  initInstallingProvider(terraform, dir);
  const schema = awsPartOf(terraform.providersSchema(dir));
  // Written whole, then renamed into place: another worker may read it meanwhile.
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(`${file}.${process.pid}`, JSON.stringify(schema));
  fs.renameSync(`${file}.${process.pid}`, file);
  return schema;
}

/**
 * The resource schemas (each type's version and attribute types) of the types the project and
 * its tests name: what an attached command gets (./attached-provider), and all that a state the
 * tests craft holds.
 */
export function resourceSchemas(terraform: TerraformRunner): Record<string, ResourceSchema> {
  const dir = rootRequiringProvider();
  terraform.init(dir);
  const named = awsPartOf(attachedIn(terraform, dir).providersSchema(dir));
  return Object.fromEntries(
    Object.entries(named.resource_schemas as Readonly<Record<string, ResourceSchema>>).map(([type, schema]) => [
      type,
      {
        version: schema.version,
        block: { attributes: Object.fromEntries(Object.entries(schema.block.attributes ?? {}).map(([name, attribute]) => [name, { type: attribute.type }])) },
      },
    ]),
  );
}

/** A fresh root that requires the AWS provider this project pins, and nothing else. */
function rootRequiringProvider(): string {
  const dir = tempDir('schemas-');
  fs.writeFileSync(
    path.join(dir, 'versions.tf.json'),
    JSON.stringify({ terraform: { required_providers: { aws: { source: 'hashicorp/aws', version: AWS_PROVIDER_VERSION } } } }),
  );
  return dir;
}

/** The AWS provider's part of `terraform providers schema -json`. */
function awsPartOf(schemas: TerraformProvidersSchema): AwsProviderSchema {
  return schemas.provider_schemas['registry.terraform.io/hashicorp/aws'] as unknown as AwsProviderSchema;
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
  readonly change: {
    readonly actions: readonly string[];
    readonly after?: Record<string, unknown>;
    readonly after_unknown?: Record<string, unknown>;
    readonly replace_paths?: unknown;
  };
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
  const crafted = new Map(
    changes.map((change) => [
      change.address,
      { arn: `arn:aws:iam::123456789012:${change.type}/${change.name}`, id: `${change.name}-id`, name: change.change.after?.name },
    ]),
  );
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
      attributes[key] = reference
        ? ((crafted.get(`${prefix}${type}.${name}`) as Record<string, unknown> | undefined)?.[attribute] ?? null)
        : (own[key] ?? empty);
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
  return {
    version: 4,
    terraform_version: plan.terraform_version,
    serial: 1,
    lineage: '00000000-0000-4000-8000-000000000000',
    outputs: {},
    resources,
    check_results: null,
  };
}
