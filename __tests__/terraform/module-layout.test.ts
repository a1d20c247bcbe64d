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

/**
 * The planned values of every resource, addresses aside: each resource's type and values, in a
 * stable order. (An environment's flat root names its resources after that environment's IAM
 * names, the module after the spec's.)
 */
function plannedValues(plan: TerraformPlanJson): string[] {
  const values: string[] = [];
  const visit = (module: PlannedModule) => {
    for (const resource of module.resources ?? []) values.push(JSON.stringify([resource.address.replace(/^module\.[^.]+\./, '').split('.')[0], resource.values]));
    for (const child of module.child_modules ?? []) visit(child);
  };
  visit((plan as unknown as { planned_values: { root_module: PlannedModule } }).planned_values.root_module);
  return values.sort();
}

/**
 * `terraform plan` of the root at `root` (relative to `dir`), offline. With fake credentials the
 * provider cannot learn the account, so `allowed_account_ids` is lifted for the plan.
 */
function planOf(dir: string, root: string): TerraformPlanJson {
  const folder = path.join(dir, root);
  fs.writeFileSync(path.join(folder, 'offline_override.tf'), OFFLINE_PROVIDER_OVERRIDE.replace(/\n\}\n$/, '\n  allowed_account_ids = null\n}\n'));
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
  it("plans, in each stack's thin root, the values the flat root plans (real Terraform, offline)", () => {
    const loaded = load();
    const synthesized = synthesizeSpec(loaded);
    const flat = writeFiles(synthesized.files, 'flat-');
    const layout = writeFiles(synthesizeModuleLayout(loaded, synthesized), 'layout-');
    for (const plan of planStacks(loaded.spec)) {
      const expected = plannedValues(planOf(flat, `hcl/${plan.name}`));
      expect(expected.length).toBeGreaterThan(0);
      expect(plannedValues(planOf(layout, `hcl/${plan.name}`))).toEqual(expected);
    }
  });
});
