import * as fs from 'fs';
import * as path from 'path';
import { loadSpec, parseSpec } from '../../src/spec/load-spec';
import type { LoadedSpec } from '../../src/spec/model';
import { planStacks } from '../../src/spec/plan-stacks';
import { synthesizeModuleLayout, synthesizeSpec } from '../../src/synth/synthesize';
import { writeFiles } from '../helpers/module';
import { useOfflineTerraform } from '../helpers/offline-terraform';
import { appliedState, managedChanges, OFFLINE_OVERRIDE, planOf, plannedValues, resourceSchemas } from '../helpers/terraform-plans';
import { FIXTURES } from '../helpers/synth';

const terraform = useOfflineTerraform();

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
  sharding: { profilesPerStack: 50 },
  fleets: [{ template: { role: { name: '{{team}}-writer', managedPolicies: ['AmazonSSMManagedInstanceCore'] } }, items: Array.from({ length: 100 }, (_, i) => ({ team: `team${i}` })) }],
};

/** The flat output (synth's default) and the module layout of a spec, each in a fresh folder. */
function writeBothLayouts(loaded: LoadedSpec): { flat: string; layout: string } {
  return {
    flat: writeFiles(synthesizeSpec(loaded).files, 'flat-'),
    // As the synth command builds it: from the spec's profiles with fleets expanded.
    layout: writeFiles(synthesizeModuleLayout(loaded, synthesizeSpec(loaded, undefined, { fleets: 'expanded' })), 'layout-'),
  };
}

describe.each([
  ['the built-in example', () => loadSpec()],
  ['examples/two-profiles.yaml', () => loadSpec(path.join(__dirname, '..', '..', 'examples', 'two-profiles.yaml'))],
  ['a dev/prod spec with per-environment values', () => parseSpec(environments, 'envs.yaml', FIXTURES)],
  ['a 100-item fleet in two shards', () => parseSpec(fleet, 'fleet.yaml', FIXTURES)],
])('the module layout of %s', (_name, load: () => LoadedSpec) => {
  it("plans, in each stack's thin root, the resources and values the flat root plans (real Terraform, offline)", () => {
    const loaded = load();
    const { flat, layout } = writeBothLayouts(loaded);
    for (const plan of planStacks(loaded.spec)) {
      // The flat root's fleet is a module call already (module.fleet_1["…"]): only the layout's module call is taken off.
      const expected = plannedValues(planOf(terraform(), flat, `hcl/${plan.name}`), true);
      expect(Object.keys(expected).length).toBeGreaterThan(0);
      expect(plannedValues(planOf(terraform(), layout, `hcl/${plan.name}`))).toEqual(expected);
    }
    // The JSON form of a thin root plans the same.
    const [first] = planStacks(loaded.spec);
    expect(plannedValues(planOf(terraform(), layout, `json/${first.name}`))).toEqual(plannedValues(planOf(terraform(), layout, `hcl/${first.name}`)));
  });
});

describe.each([
  ['a dev/prod spec', () => parseSpec(environments, 'envs.yaml', FIXTURES)],
  ['a 100-item fleet in two shards', () => parseSpec(fleet, 'fleet.yaml', FIXTURES)],
])('the moved blocks of the module layout of %s', (_name, load: () => LoadedSpec) => {
  it("carry each stack's flat state into the module: a plan after the move creates and destroys nothing", () => {
    const loaded = load();
    const { flat, layout } = writeBothLayouts(loaded);
    for (const plan of planStacks(loaded.spec)) {
      const flatPlan = planOf(terraform(), flat, `hcl/${plan.name}`);
      const schemas = resourceSchemas(terraform(), path.join(flat, `hcl/${plan.name}`));
      const root = path.join(layout, `hcl/${plan.name}`);
      fs.writeFileSync(path.join(root, `terraform.${plan.name}.tfstate`), JSON.stringify(appliedState(flatPlan, schemas)));
      fs.writeFileSync(path.join(root, 'offline_override.tf'), OFFLINE_OVERRIDE);
      terraform().init(root);
      terraform().plan(root, 'moved.out', { refresh: false });
      const managed = managedChanges(terraform().showJson(root, 'moved.out'));
      expect(managed.length).toBe(managedChanges(flatPlan).length);
      for (const change of managed) {
        const replaced = { address: change.address, actions: change.change.actions, because: JSON.stringify(change.change.replace_paths) };
        expect(replaced).toEqual({ address: change.address, actions: expect.not.arrayContaining(['create']), because: replaced.because });
        expect(change.change.actions).not.toContain('delete');
        expect(change.previous_address).toMatch(/^(aws_|module\.fleet_1\[)/);
      }
    }
  });
});
