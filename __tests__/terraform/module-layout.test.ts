import * as fs from 'fs';
import * as path from 'path';
import { loadSpec, parseSpec } from '../../src/spec/load-spec';
import type { LoadedSpec } from '../../src/spec/model';
import { planStacks } from '../../src/spec/plan-stacks';
import { synthesizeModuleLayout, synthesizeSpec } from '../../src/synth/synthesize';
import type { TerraformPlanJson } from '../../src/terraform';
import { writeFiles } from '../helpers/module';
import { OFFLINE_PROVIDER_OVERRIDE, useOfflineTerraform } from '../helpers/offline-terraform';
import { FIXTURES } from '../helpers/synth';

const terraform = useOfflineTerraform();

interface PlannedModule {
  readonly resources?: ReadonlyArray<{ readonly address: string; readonly values: unknown }>;
  readonly child_modules?: readonly PlannedModule[];
}

/** Planned values by resource address, the module's prefix (`module.<name>.`) taken off. */
function plannedValues(plan: TerraformPlanJson): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  const visit = (module: PlannedModule) => {
    for (const resource of module.resources ?? []) values[resource.address.replace(/^module\.[^.]+\./, '')] = resource.values;
    for (const child of module.child_modules ?? []) visit(child);
  };
  visit((plan as unknown as { planned_values: { root_module: PlannedModule } }).planned_values.root_module);
  return values;
}

/** The offline provider settings; with fake credentials the provider cannot learn the account, so `allowed_account_ids` is lifted. */
const OFFLINE_OVERRIDE = OFFLINE_PROVIDER_OVERRIDE.replace(/\n\}\n$/, '\n  allowed_account_ids = null\n}\n');

/** `terraform plan` of the root at `root` (relative to `dir`), offline. */
function planOf(dir: string, root: string): TerraformPlanJson {
  const folder = path.join(dir, root);
  fs.writeFileSync(path.join(folder, 'offline_override.tf'), OFFLINE_OVERRIDE);
  terraform().init(folder);
  terraform().plan(folder, 'plan.out');
  return terraform().showJson(folder, 'plan.out');
}

const environments = {
  stack: 'envs',
  variables: { ami: { default: 'ami-0123456789abcdef0' }, team: { example: 'reports' } },
  environments: {
    dev: { accountId: '111122223333', variables: { ami: 'ami-0aaaaaaaaaaaaaaaa', team: 'dev-reports' } },
    prod: { accountId: '444455556666', region: 'eu-west-1', defaultTags: { Environment: 'prod' }, variables: { team: 'prod-reports' } },
  },
  profiles: [
    {
      role: { name: '{{var.team}}-writer', managedPolicies: ['AmazonSSMManagedInstanceCore'], tags: { Team: '{{var.team}}' } },
      policies: [{ name: '{{var.team}}-write', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:PutObject', Resource: 'arn:aws:s3:::{{var.team}}-bucket/*' }] } }],
      instance: { ami: '{{var.ami}}' },
    },
  ],
};

const fleet = {
  stack: 'fleet',
  fleets: [{ template: { role: { name: '{{team}}-writer', managedPolicies: ['AmazonSSMManagedInstanceCore'] } }, items: Array.from({ length: 100 }, (_, i) => ({ team: `team${i}` })) }],
};

describe.each([
  ['the built-in example', () => loadSpec()],
  ['examples/two-profiles.yaml', () => loadSpec(path.join(__dirname, '..', '..', 'examples', 'two-profiles.yaml'))],
  ['a dev/prod spec with per-environment values', () => parseSpec(environments, 'envs.yaml', FIXTURES)],
  ['a 100-item fleet', () => parseSpec(fleet, 'fleet.yaml', FIXTURES)],
])('the module layout of %s', (_name, load: () => LoadedSpec) => {
  it("plans, in each stack's thin root, the resources and values the flat root plans (real Terraform, offline)", () => {
    const loaded = load();
    const synthesized = synthesizeSpec(loaded);
    const flat = writeFiles(synthesized.files, 'flat-');
    const layout = writeFiles(synthesizeModuleLayout(loaded, synthesized), 'layout-');
    for (const plan of planStacks(loaded.spec)) {
      const expected = plannedValues(planOf(flat, `hcl/${plan.name}`));
      expect(Object.keys(expected).length).toBeGreaterThan(0);
      expect(plannedValues(planOf(layout, `hcl/${plan.name}`))).toEqual(expected);
    }
  });
});

/** A resource type's schema, as `terraform providers schema -json` gives it. */
interface ResourceSchema {
  readonly version: number;
  readonly block: { readonly attributes?: Readonly<Record<string, { readonly type?: unknown }>> };
}

interface ResourceChange {
  readonly address: string;
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
 * attributes that refer to another resource's from that one), the rest null.
 */
function appliedState(plan: TerraformPlanJson, schemas: Readonly<Record<string, ResourceSchema>>): Record<string, unknown> {
  const changes = ((plan.resource_changes ?? []) as unknown as readonly ResourceChange[]).filter((change) => change.mode === 'managed');
  const configured = (plan as unknown as { configuration: { root_module: { resources: Array<{ address: string; expressions?: Record<string, { references?: string[] }> }> } } }).configuration.root_module.resources;
  const references = new Map(configured.map((resource) => [resource.address, resource.expressions ?? {}]));
  const crafted = new Map(changes.map((change) => [change.address, { arn: `arn:aws:iam::123456789012:${change.type}/${change.name}`, id: `${change.name}-id`, name: change.change.after?.name }]));
  const resources = changes.map((change) => {
    const attributes: Record<string, unknown> = { ...change.change.after };
    for (const [key, unknown] of Object.entries(change.change.after_unknown ?? {})) {
      if (unknown !== true) continue;
      const reference = references.get(change.address)?.[key]?.references?.find((ref) => /^aws_\w+\.\w+\.\w+$/.test(ref));
      const [type, name, attribute] = reference?.split('.') ?? [];
      const own = crafted.get(change.address) as Record<string, unknown>;
      // A collection AWS leaves empty is stored empty (null would read as not yet known).
      const [kind] = (schemas[change.type]?.block.attributes?.[key]?.type ?? []) as unknown[];
      const empty = kind === 'list' || kind === 'set' ? [] : kind === 'map' ? {} : null;
      attributes[key] = reference ? (crafted.get(`${type}.${name}`) as Record<string, unknown> | undefined)?.[attribute] ?? null : own[key] ?? empty;
    }
    return { mode: 'managed', type: change.type, name: change.name, provider: `provider["${change.provider_name}"]`, instances: [{ schema_version: schemas[change.type]?.version ?? 0, attributes, sensitive_attributes: [] }] };
  });
  return { version: 4, terraform_version: plan.terraform_version, serial: 1, lineage: '00000000-0000-4000-8000-000000000000', outputs: {}, resources, check_results: null };
}

describe('the moved blocks of the module layout', () => {
  it("carry each environment's flat state into the module: a plan after the move creates and destroys nothing", () => {
    const loaded = parseSpec(environments, 'envs.yaml', FIXTURES);
    const synthesized = synthesizeSpec(loaded);
    const flat = writeFiles(synthesized.files, 'flat-');
    const layout = writeFiles(synthesizeModuleLayout(loaded, synthesized), 'layout-');
    for (const plan of planStacks(loaded.spec)) {
      const flatPlan = planOf(flat, `hcl/${plan.name}`);
      const schemas = (terraform().providersSchema(path.join(flat, `hcl/${plan.name}`)).provider_schemas['registry.terraform.io/hashicorp/aws'].resource_schemas ?? {}) as Record<string, ResourceSchema>;
      const root = path.join(layout, `hcl/${plan.name}`);
      fs.writeFileSync(path.join(root, `terraform.${plan.name}.tfstate`), JSON.stringify(appliedState(flatPlan, schemas)));
      fs.writeFileSync(path.join(root, 'offline_override.tf'), OFFLINE_OVERRIDE);
      terraform().init(root);
      terraform().plan(root, 'moved.out', { refresh: false });
      const changes = (terraform().showJson(root, 'moved.out').resource_changes ?? []) as unknown as readonly ResourceChange[];
      const managed = changes.filter((change) => change.mode === 'managed');
      expect(managed.length).toBe(((flatPlan.resource_changes ?? []) as unknown as ResourceChange[]).filter((change) => change.mode === 'managed').length);
      for (const change of managed) {
        const replaced = { address: change.address, actions: change.change.actions, because: JSON.stringify(change.change.replace_paths) };
        expect(replaced).toEqual({ address: change.address, actions: expect.not.arrayContaining(['create']), because: replaced.because });
        expect(change.change.actions).not.toContain('delete');
        expect(change.previous_address).toMatch(/^aws_/);
      }
    }
  });
});
