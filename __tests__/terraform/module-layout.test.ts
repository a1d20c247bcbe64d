import * as fs from 'fs';
import * as path from 'path';
import { loadSpec, parseSpec } from '../../src/spec/load-spec';
import type { LoadedSpec } from '../../src/spec/model';
import { planStacks } from '../../src/spec/plan-stacks';
import { profileNames } from '../../src/constructs/profile-resources';
import { synthesizeModuleLayout, synthesizeSpec } from '../../src/synth/synthesize';
import { writeFiles } from '../helpers/module';
import { useOfflineTerraform } from '../helpers/offline-terraform';
import { appliedState, managedChanges, OFFLINE_OVERRIDE, plannedValues, plansTogether, resourceSchemas } from '../helpers/terraform-plans';
import { FIXTURES } from '../helpers/synth';
import type { TerraformPlanJson } from '../../src/terraform';

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
      instanceProfile: { name: '{{var.team}}-writer-profile' },
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

/** A spec's two layouts, and the plans of every root of both, from one Terraform plan. */
interface PlannedLayouts {
  readonly loaded: LoadedSpec;
  readonly flat: string;
  readonly layout: string;
  /** The flat root of a stack (`hcl/<stack>`), the thin root (`hcl/<stack>`) and the first stack's thin root as JSON. */
  readonly plans: { readonly flat: (stack: string) => TerraformPlanJson; readonly thin: (stack: string) => TerraformPlanJson; readonly thinJson: TerraformPlanJson };
}

/** Each spec's layouts and plans, made once for both the plan and the moved tests. */
const layoutsOf = new Map<string, PlannedLayouts>();
function layoutsFor(name: string, load: () => LoadedSpec): PlannedLayouts {
  const known = layoutsOf.get(name);
  if (known) return known;
  const loaded = load();
  const { flat, layout } = writeBothLayouts(loaded);
  const stacks = planStacks(loaded.spec).map((plan) => plan.name);
  const key = (kind: string, stack: string) => `${kind}_${stack.replace(/\W/g, '_')}`;
  const plans = plansTogether(terraform(), {
    ...Object.fromEntries(stacks.flatMap((stack) => [[key('flat', stack), path.join(flat, 'hcl', stack)], [key('thin', stack), path.join(layout, 'hcl', stack)]])),
    thin_json: path.join(layout, 'json', stacks[0]),
  });
  const entry = { loaded, flat, layout, plans: { flat: (stack: string) => plans[key('flat', stack)], thin: (stack: string) => plans[key('thin', stack)], thinJson: plans.thin_json } };
  layoutsOf.set(name, entry);
  return entry;
}

/** The AWS provider's resource schemas, read once (every root uses the same provider). */
let schemas: ReturnType<typeof resourceSchemas> | undefined;

const ENVIRONMENTS = 'a dev/prod spec with per-environment values';
const FLEET = 'a 100-item fleet in two shards';

describe.each([
  ['the built-in example', () => loadSpec()],
  ['examples/two-profiles.yaml', () => loadSpec(path.join(__dirname, '..', '..', 'examples', 'two-profiles.yaml'))],
  [ENVIRONMENTS, () => parseSpec(environments, 'envs.yaml', FIXTURES)],
  [FLEET, () => parseSpec(fleet, 'fleet.yaml', FIXTURES)],
])('the module layout of %s', (name, load: () => LoadedSpec) => {
  it("plans, in each stack's thin root, the resources and values the flat root plans (real Terraform, offline)", () => {
    const { loaded, plans } = layoutsFor(name, load);
    for (const plan of planStacks(loaded.spec)) {
      // The flat root's fleet is a module call already (module.fleet_1["…"]): only the layout's module call is taken off.
      const expected = plannedValues(plans.flat(plan.name), true);
      expect(Object.keys(expected).length).toBeGreaterThan(0);
      expect(plannedValues(plans.thin(plan.name))).toEqual(expected);
    }
    // The JSON form of a thin root plans the same.
    const [first] = planStacks(loaded.spec);
    expect(plannedValues(plans.thinJson)).toEqual(plannedValues(plans.thin(first.name)));
  });
});

describe.each([
  [ENVIRONMENTS, () => parseSpec(environments, 'envs.yaml', FIXTURES)],
  [FLEET, () => parseSpec(fleet, 'fleet.yaml', FIXTURES)],
])('the moved blocks of the module layout of %s', (name, load: () => LoadedSpec) => {
  it("carry each stack's flat state into the module: a plan after the move creates and destroys nothing", () => {
    const { loaded, flat, layout, plans } = layoutsFor(name, load);
    // The first stack's state names its instance as versions before named it, after its instance profile.
    const formerNames = new Map(loaded.spec.profiles.filter((profile) => profile.instance).map((profile) => [`aws_instance.${profileNames(profile).instance}`, profileNames(profile).formerInstance]));
    for (const [i, plan] of planStacks(loaded.spec).entries()) {
      const flatPlan = plans.flat(plan.name);
      if (!schemas) {
        terraform().init(path.join(flat, `hcl/${plan.name}`));
        schemas = resourceSchemas(terraform(), path.join(flat, `hcl/${plan.name}`));
      }
      const root = path.join(layout, `hcl/${plan.name}`);
      fs.writeFileSync(path.join(root, `terraform.${plan.name}.tfstate`), JSON.stringify(appliedState(flatPlan, schemas, i === 0 ? formerNames : undefined)));
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
      const instances = managed.filter((change) => change.type === 'aws_instance').map((change) => change.previous_address);
      if (i === 0 && formerNames.size) expect(instances).toEqual([...formerNames.values()].map((former) => `aws_instance.${former}`));
    }
  });
});
