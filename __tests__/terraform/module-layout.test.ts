import * as path from 'path';
import { loadSpec, parseSpec } from '../../src/spec/load-spec';
import type { LoadedSpec } from '../../src/spec/model';
import { planStacks } from '../../src/spec/plan-stacks';
import { profileNames } from '../../src/constructs/profile-resources';
import { synthesizeModuleLayout, synthesizeSpec } from '../../src/pipeline/synthesize';
import { writeFiles } from '../helpers/module';
import { tempDir } from '../helpers/temp-dirs';
import { writeOutput } from '../../src/output/write-output';
import { priorAddresses } from '../../src/output/prior-addresses';
import { useOfflineTerraform } from '../helpers/offline-terraform';
import { plansTogether } from '../helpers/plans-together';
import { appliedState, managedChanges, plannedValues, resourceSchemas } from '../helpers/terraform-plans';
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
      policies: [
        {
          name: '{{var.team}}-write',
          document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:PutObject', Resource: 'arn:aws:s3:::{{var.team}}-bucket/*' }] },
        },
      ],
      instanceProfile: { name: '{{var.team}}-writer-profile' },
      instance: { ami: '{{var.ami}}' },
    },
  ],
};

/** Two shards of two items: the fewest that give a fleet two stacks, each with a fleet module call. */
const fleet = {
  stack: 'fleet',
  sharding: { profilesPerStack: 2 },
  fleets: [
    {
      template: { role: { name: '{{team}}-writer', managedPolicies: ['AmazonSSMManagedInstanceCore'] } },
      items: Array.from({ length: 4 }, (_, i) => ({ team: `team${i}` })),
    },
  ],
};

const ENVIRONMENTS = 'a dev/prod spec with per-environment values';
const FLEET = 'a 4-item fleet in two shards';

/** The specs whose layouts are planned, by the name their tests give them. */
const SPECS: ReadonlyArray<readonly [string, () => LoadedSpec]> = [
  ['the built-in example', () => loadSpec()],
  ['examples/two-profiles.yaml', () => loadSpec(path.join(__dirname, '..', '..', 'examples', 'two-profiles.yaml'))],
  [ENVIRONMENTS, () => parseSpec(environments, 'envs.yaml', FIXTURES)],
  [FLEET, () => parseSpec(fleet, 'fleet.yaml', FIXTURES)],
];

/** The flat output (synth's default) and the module layout of a spec, each in a fresh folder. */
function writeBothLayouts(loaded: LoadedSpec): { flat: string; layout: string } {
  const flat = path.join(tempDir('flat-'), 'out');
  writeOutput(flat, synthesizeSpec(loaded).files, { log: () => undefined });
  // The layout replaces that flat output, as synth --layout over it does: its moved blocks come from what it declared, the
  // first stack's root having its instances under the names versions before gave them, after their instance profile.
  const read = priorAddresses(flat);
  const [first] = planStacks(loaded.spec);
  const formerInstances = loaded.spec.profiles.filter((profile) => profile.instance).map((profile) => `aws_instance.${profileNames(profile).formerInstance}`);
  const prior = new Map(
    [...read].map(([folder, addresses]) => [folder, folder === `hcl/${first.name}` ? new Set([...addresses, ...formerInstances]) : addresses]),
  );
  // As the synth command builds it: from the spec's profiles with fleets expanded.
  const layout = writeFiles(synthesizeModuleLayout(loaded, synthesizeSpec(loaded, undefined, { fleets: 'expanded', priorAddresses: prior }), prior), 'layout-');
  return { flat, layout };
}

/** A spec's two layouts, and the plans of every root of both. */
interface PlannedLayouts {
  readonly loaded: LoadedSpec;
  readonly layout: string;
  /** The flat root of a stack (`hcl/<stack>`), the thin root (`hcl/<stack>`) and the first stack's thin root as JSON. */
  readonly plans: {
    readonly flat: (stack: string) => TerraformPlanJson;
    readonly thin: (stack: string) => TerraformPlanJson;
    readonly thinJson: TerraformPlanJson;
  };
}

/** A name for a root in the plan of all of them: `s2_thin_envs_dev`. */
const rootKey = (spec: number, kind: string, stack: string) => `s${spec}_${kind}_${stack.replace(/\W/g, '_')}`;

/** Every spec's layouts, and the plans of all their roots from one Terraform plan, made once for the plan and the moved tests. */
let planned: ReadonlyMap<string, PlannedLayouts> | undefined;
function layoutsFor(name: string): PlannedLayouts {
  if (!planned) {
    const written = SPECS.map(([, load]) => {
      const loaded = load();
      return { loaded, stacks: planStacks(loaded.spec).map((plan) => plan.name), ...writeBothLayouts(loaded) };
    });
    const plans = plansTogether(
      terraform(),
      Object.fromEntries(
        written.flatMap(({ flat, layout, stacks }, i) => [
          ...stacks.flatMap((stack) => [
            [rootKey(i, 'flat', stack), path.join(flat, 'hcl', stack)],
            [rootKey(i, 'thin', stack), path.join(layout, 'hcl', stack)],
          ]),
          [rootKey(i, 'thin_json', stacks[0]), path.join(layout, 'json', stacks[0])],
        ]),
      ),
    );
    planned = new Map(
      written.map(({ loaded, layout, stacks }, i) => [
        SPECS[i][0],
        {
          loaded,
          layout,
          plans: {
            flat: (stack: string) => plans[rootKey(i, 'flat', stack)],
            thin: (stack: string) => plans[rootKey(i, 'thin', stack)],
            thinJson: plans[rootKey(i, 'thin_json', stacks[0])],
          },
        },
      ]),
    );
  }
  return planned.get(name)!;
}

describe.each(SPECS)('the module layout of %s', (name) => {
  it("plans, in each stack's thin root, the resources and values the flat root plans (real Terraform, offline)", () => {
    const { loaded, plans } = layoutsFor(name);
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

/** The specs whose flat states are moved into their layouts. */
const MOVED = SPECS.filter(([name]) => name === ENVIRONMENTS || name === FLEET);

/** Each moved spec's thin-root plans after the move, by spec and stack, from one Terraform plan; with what each started from. */
let moved:
  | ReadonlyMap<
      string,
      ReadonlyArray<{ readonly after: TerraformPlanJson; readonly before: TerraformPlanJson; readonly formerNames: ReadonlyMap<string, string> }>
    >
  | undefined;
function movedPlansFor(name: string) {
  if (!moved) {
    const schemas = resourceSchemas(terraform());
    const roots: Record<string, string> = {};
    const states: Record<string, Record<string, unknown>> = {};
    const started = MOVED.map(([specName]) => {
      const { loaded, layout, plans } = layoutsFor(specName);
      // The first stack's state names its instance as versions before named it, after its instance profile.
      const formerNames = new Map(
        loaded.spec.profiles
          .filter((profile) => profile.instance)
          .map((profile) => [`aws_instance.${profileNames(profile).instance}`, profileNames(profile).formerInstance]),
      );
      return planStacks(loaded.spec).map((plan, i) => {
        const key = rootKey(
          SPECS.findIndex(([known]) => known === specName),
          'moved',
          plan.name,
        );
        roots[key] = path.join(layout, `hcl/${plan.name}`);
        states[key] = appliedState(plans.flat(plan.name), schemas, i === 0 ? formerNames : undefined);
        return { key, before: plans.flat(plan.name), formerNames: i === 0 ? formerNames : new Map<string, string>() };
      });
    });
    const plans = plansTogether(terraform(), roots, { states });
    moved = new Map(started.map((stacks, i) => [MOVED[i][0], stacks.map(({ key, before, formerNames }) => ({ after: plans[key], before, formerNames }))]));
  }
  return moved.get(name)!;
}

describe.each(MOVED)('the moved blocks of the module layout of %s', (name) => {
  it("carry each stack's flat state into the module: a plan after the move creates and destroys nothing", () => {
    const stacks = movedPlansFor(name);
    expect(stacks.length).toBe(2);
    for (const { after, before, formerNames } of stacks) {
      const managed = managedChanges(after);
      expect(managed.length).toBe(managedChanges(before).length);
      for (const change of managed) {
        const replaced = { address: change.address, actions: change.change.actions, because: JSON.stringify(change.change.replace_paths) };
        expect(replaced).toEqual({ address: change.address, actions: expect.not.arrayContaining(['create']), because: replaced.because });
        expect(change.change.actions).not.toContain('delete');
        expect(change.previous_address).toMatch(/^(aws_|module\.fleet_1\[)/);
      }
      const instances = managed.filter((change) => change.type === 'aws_instance').map((change) => change.previous_address);
      if (formerNames.size) expect(instances).toEqual([...formerNames.values()].map((former) => `aws_instance.${former}`));
    }
  });
});
