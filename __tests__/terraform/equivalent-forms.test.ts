/**
 * Forms of one spec's output that must plan the same resources and values, and the moved blocks
 * that carry the state of one form into the other with nothing created or destroyed: each
 * stack's thin root of the module layout and its flat root (the built-in example, two profiles,
 * dev/prod with per-environment values, a fleet in two shards), a fleet as for_each and
 * expanded, and the example root of each generated module, which plans the flat root's resources
 * inside the module. Every root is planned from nothing in one Terraform plan, and every state
 * after a move in a second one (plansTogether): the provider starts twice for all of them.
 */
import * as fs from 'fs';
import * as path from 'path';
import { MODULE_EXAMPLE } from '../../src/module/module-docs';
import { loadSpec, parseSpec } from '../../src/spec/load-spec';
import type { LoadedSpec } from '../../src/spec/model';
import { planStacks } from '../../src/spec/plan-stacks';
import { profileNames } from '../../src/constructs/profile-resources';
import { synthesize, synthesizeModuleLayout, synthesizeSpec } from '../../src/pipeline/synthesize';
import { MODULE_SPECS, moduleFilesOf, writeFiles } from '../helpers/module';
import { tempDir } from '../helpers/temp-dirs';
import { writeOutput } from '../../src/output/write-output';
import { priorAddresses } from '../../src/output/prior-addresses';
import { OFFLINE_PROVIDER_OVERRIDE, useOfflineTerraform } from '../helpers/offline-terraform';
import { once, oncePerKey } from '../helpers/once';
import { plansTogether } from '../helpers/plans-together';
import { appliedState, managedChanges, plannedValues, resourceSchemas } from '../helpers/terraform-plans';
import { FIXTURES } from '../helpers/synth';
import { writersFleetSpec } from '../helpers/writers-fleet';
import type { TerraformPlanJson, TerraformValidation } from '../../src/terraform';

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

/** The specs whose flat states are moved into their layouts. */
const MOVED = SPECS.filter(([name]) => name === ENVIRONMENTS || name === FLEET);

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

/** A name for a root in the plans of all of them: `s2_thin_envs_dev`. */
const rootKey = (spec: number, kind: string, stack: string) => `s${spec}_${kind}_${stack.replace(/\W/g, '_')}`;

/** Each spec's two layouts, written once for every test, with its stacks. */
const layouts = once(() =>
  SPECS.map(([, load]) => {
    const loaded = load();
    return { loaded, stacks: planStacks(loaded.spec).map((plan) => plan.name), ...writeBothLayouts(loaded) };
  }),
);

/** Enough items for the moves of several module instances, few enough to plan in seconds (a plan's time grows with its resources). */
const ITEMS = 6;

/** A fleet in one stack in both flat forms: expanded (a resource per item, as versions before wrote it) and as for_each with moves from that. */
const writers = once(() => {
  const loaded = parseSpec(writersFleetSpec(ITEMS, { moveExpandedState: true }), 'fleet.yaml', FIXTURES);
  const forEach = synthesizeSpec(loaded);
  return {
    loaded,
    forEach,
    expandedDir: path.join(writeFiles(synthesizeSpec(loaded, undefined, { fleets: 'expanded' }).files, 'expanded-'), 'hcl/fleet'),
    forEachDir: path.join(writeFiles(forEach.files, 'for-each-'), 'hcl/fleet'),
  };
});

/** The example root of each generated module (`examples/complete`), by its spec file, and whether it imports. */
const moduleExamples = once(() =>
  MODULE_SPECS.map(([, spec], i) => {
    const dir = path.join(writeFiles(moduleFilesOf(loadSpec(spec))), MODULE_EXAMPLE.folder);
    return { spec, key: `example_${i}`, dir, imports: /^import \{/m.test(fs.readFileSync(path.join(dir, 'main.tf'), 'utf8')) };
  }),
);

/** An example root that imports, validated: an import reads AWS, so it cannot plan offline. */
const validatedExample = oncePerKey((dir: string): TerraformValidation => {
  fs.writeFileSync(path.join(dir, 'offline_override.tf'), OFFLINE_PROVIDER_OVERRIDE);
  terraform().init(dir);
  return terraform().validate(dir);
});

/** Every root of every spec's two layouts, both forms of the fleet and the module examples that import nothing, planned from nothing in one Terraform plan. */
const fromNothing = once(() =>
  plansTogether(terraform(), {
    ...Object.fromEntries(
      layouts().flatMap(({ flat, layout, stacks }, i) => [
        ...stacks.flatMap((stack) => [
          [rootKey(i, 'flat', stack), path.join(flat, 'hcl', stack)],
          [rootKey(i, 'thin', stack), path.join(layout, 'hcl', stack)],
        ]),
        [rootKey(i, 'thin_json', stacks[0]), path.join(layout, 'json', stacks[0])],
      ]),
    ),
    writers_expanded: writers().expandedDir,
    writers_for_each: writers().forEachDir,
    ...Object.fromEntries(moduleExamples().flatMap(({ key, dir, imports }) => (imports ? [] : [[key, dir]]))),
  }),
);

/** A root planned after a move: its key in the plan, its folder, the plan whose applied state it starts from, and the instances that state names as versions before did. */
interface Move {
  readonly key: string;
  readonly root: string;
  readonly before: TerraformPlanJson;
  readonly formerNames: ReadonlyMap<string, string>;
}

/** The instances of `profiles` by the address of each, named in a state as versions before named them, after their instance profile. */
function formerInstanceNames(profiles: LoadedSpec['spec']['profiles']): Map<string, string> {
  return new Map(
    profiles.filter((profile) => profile.instance).map((profile) => [`aws_instance.${profileNames(profile).instance}`, profileNames(profile).formerInstance]),
  );
}

/** Each moved spec's stacks: its thin root from the state of its flat root, the first stack's state naming its instances as versions before did. */
const layoutMoves = once(() =>
  MOVED.map(([name]) => {
    const index = SPECS.findIndex(([known]) => known === name);
    const { loaded, layout, stacks } = layouts()[index];
    return stacks.map((stack, i): Move => ({
      key: rootKey(index, 'moved', stack),
      root: path.join(layout, 'hcl', stack),
      before: fromNothing()[rootKey(index, 'flat', stack)],
      formerNames: i === 0 ? formerInstanceNames(loaded.spec.profiles) : new Map(),
    }));
  }),
);

/** The fleet as for_each from the state of its expanded form, half the items' instances under the names versions before gave them. */
const writersMove = once((): Move => ({
  key: 'writers_moved',
  root: writers().forEachDir,
  before: fromNothing().writers_expanded,
  formerNames: formerInstanceNames(writers().loaded.spec.profiles.filter((_, i) => i % 2 === 0)),
}));

/** Every moved root's plan, by its key, from one Terraform plan. */
const afterMoves = once(() => {
  const schemas = resourceSchemas(terraform());
  const moves = [...layoutMoves().flat(), writersMove()];
  return plansTogether(terraform(), Object.fromEntries(moves.map(({ key, root }) => [key, root])), {
    states: Object.fromEntries(moves.map(({ key, before, formerNames }) => [key, appliedState(before, schemas, formerNames)])),
  });
});

describe.each(SPECS)('the module layout of %s', (name) => {
  it("plans, in each stack's thin root, the resources and values the flat root plans (real Terraform, offline)", () => {
    const index = SPECS.findIndex(([known]) => known === name);
    const plans = fromNothing();
    const { stacks } = layouts()[index];
    for (const stack of stacks) {
      // The flat root's fleet is a module call already (module.fleet_1["…"]): only the layout's module call is taken off.
      const expected = plannedValues(plans[rootKey(index, 'flat', stack)], true);
      expect(Object.keys(expected).length).toBeGreaterThan(0);
      expect(plannedValues(plans[rootKey(index, 'thin', stack)])).toEqual(expected);
    }
    // The JSON form of a thin root plans the same.
    expect(plannedValues(plans[rootKey(index, 'thin_json', stacks[0])])).toEqual(plannedValues(plans[rootKey(index, 'thin', stacks[0])]));
  });
});

describe.each(MOVED)('the moved blocks of the module layout of %s', (name) => {
  it("carry each stack's flat state into the module: a plan after the move creates and destroys nothing", () => {
    const stacks = layoutMoves()[MOVED.findIndex(([known]) => known === name)];
    expect(stacks.length).toBe(2);
    for (const { key, before, formerNames } of stacks) {
      const managed = managedChanges(afterMoves()[key]);
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

describe(`a ${ITEMS}-item fleet`, () => {
  it('plans, as for_each, the resources and values of the expanded form: each moved to its module instance (real Terraform, offline)', () => {
    const { forEach } = writers();
    const moves = (file: string) =>
      new Map(((JSON.parse(forEach.files.get(file)!).moved ?? []) as Array<{ from: string; to: string }>).map(({ from, to }) => [from, to]));
    // The root moves each item into its module instance (a brand-new template module has no move of its own).
    const moved = moves('json/fleet/main.tf.json');
    const inTemplate = moves('json/fleet/fleets/writers/main.tf.json');
    const movedTo = (address: string) => {
      const [, instance, inside] = /^(module\.writers\["[^"]+"\])\.(.*)$/.exec(moved.get(address) ?? address) ?? [];
      return instance ? `${instance}.${inTemplate.get(inside) ?? inside}` : address;
    };
    const expanded = plannedValues(fromNothing().writers_expanded, true);
    const expected = Object.fromEntries(Object.entries(expanded).map(([address, values]) => [movedTo(address), values]));
    expect(Object.keys(expected)).toHaveLength(ITEMS * 6);
    expect(Object.keys(expected).filter((address) => address.startsWith('module.writers["'))).toHaveLength(ITEMS * 6);
    expect(plannedValues(fromNothing().writers_for_each, true)).toEqual(expected);
  });

  it('moves the state of the expanded form into the module instances: a plan after the move creates and destroys nothing', () => {
    const { key, before, formerNames } = writersMove();
    expect(formerNames.size).toBe(ITEMS / 2);
    const changes = managedChanges(afterMoves()[key]);
    const fromFormerNames = changes.filter((change) => change.type === 'aws_instance' && /_profile$/.test(change.previous_address ?? ''));
    expect(fromFormerNames.map((change) => change.previous_address).sort()).toEqual([...formerNames.values()].map((name) => `aws_instance.${name}`).sort());
    expect(changes).toHaveLength(managedChanges(before).length);
    for (const change of changes) {
      expect({ address: change.address, actions: change.change.actions }).toEqual({
        address: change.address,
        actions: expect.not.arrayContaining(['create']) as unknown,
      });
      expect(change.change.actions).not.toContain('delete');
      expect(change.address).toMatch(/^module\.writers\["team\d+-writer-profile"\]\./);
      expect(change.previous_address).toMatch(/^aws_/);
    }
  });
});

describe.each(MODULE_SPECS)('the module generated from %s', (_name, specFile) => {
  it("has an example root that validates, and (when it imports nothing) plans the flat root's resources inside the module", () => {
    const example = moduleExamples().find(({ spec }) => spec === specFile)!;
    const files = synthesize(loadSpec(specFile));
    const [flatFile, flatJson] = [...files.entries()].find(([file]) => /^json\/[^/]+\/main\.tf\.json$/.test(file))!;
    const flat = JSON.parse(flatJson);
    // An example that imports cannot plan offline (the import reads AWS): it is validated. A plan validates first.
    expect(example.imports ? 'validated' : 'planned').toBe(flat.import ? 'validated' : 'planned');
    if (example.imports) {
      expect(validatedExample(example.dir)).toMatchObject({ valid: true, error_count: 0 });
      return;
    }
    const changes = managedChanges(fromNothing()[example.key]);
    expect(changes.every((change) => change.change.actions.join() === 'create')).toBe(true);
    const call = /^module "(\w+)"/m.exec(fs.readFileSync(path.join(example.dir, 'main.tf'), 'utf8'))![1];
    const addressesOf = (config: { resource?: Record<string, object> }, prefix: string) =>
      Object.entries(config.resource ?? {}).flatMap(([type, byName]) => Object.keys(byName).map((name) => `${prefix}${type}.${name}`));
    // The flat root's fleets are module calls with for_each: each item's instance holds the template's resources.
    const root = path.posix.dirname(flatFile);
    const fleetAddresses = Object.keys(flat.module ?? {}).flatMap((fleet) => {
      const items = Object.keys(JSON.parse(files.get(`${root}/${fleet}.auto.tfvars.json`)!)[`${fleet}_items`]);
      const template = JSON.parse(files.get(`${root}/fleets/${fleet}/main.tf.json`)!);
      return items.flatMap((key) => addressesOf(template, `module.${call}.module.${fleet}[${JSON.stringify(key)}].`));
    });
    const flatAddresses = [...addressesOf(flat, `module.${call}.`), ...fleetAddresses];
    expect(changes.map((change) => change.address).sort()).toEqual(flatAddresses.sort());
  });
});
