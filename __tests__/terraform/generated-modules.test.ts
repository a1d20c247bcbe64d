import * as fs from 'fs';
import * as path from 'path';
import { MODULE_EXAMPLE } from '../../src/module/module-docs';
import { loadSpec } from '../../src/spec/load-spec';
import { synthesize } from '../../src/pipeline/synthesize';
import { moduleFilesOf, writeFiles } from '../helpers/module';
import { OFFLINE_PROVIDER_OVERRIDE, useOfflineTerraform } from '../helpers/offline-terraform';
import { FIXTURES } from '../helpers/synth';
import { plansTogether } from '../helpers/plans-together';
import { managedChanges } from '../helpers/terraform-plans';
import type { TerraformPlanJson, TerraformValidation } from '../../src/terraform';

const terraform = useOfflineTerraform();
const EXAMPLES = path.join(__dirname, '..', '..', 'examples');

/** A generated module in a fresh folder, initialized. */
function initializedModule(specFile?: string): string {
  const dir = writeFiles(moduleFilesOf(loadSpec(specFile)));
  terraform().init(dir);
  return dir;
}

/** Test runs that passed, from `terraform test`'s output. */
function passedRuns(output: string): string[] {
  return [...output.matchAll(/run "([^"]+)"\.\.\. pass/g)].map((match) => match[1]);
}

/** The specs whose modules are generated and tested, by the name their tests give them. */
const SPECS: ReadonlyArray<readonly [string, string | undefined]> = [
  ['the built-in example', undefined],
  ['examples/two-profiles.yaml', path.join(EXAMPLES, 'two-profiles.yaml')],
  ['a spec with declared variables and an adopted instance', path.join(FIXTURES, 'module-variables.yaml')],
  ['a spec using every option', path.join(FIXTURES, 'all-options.yaml')],
  ['a listed profile and a fleet', path.join(FIXTURES, 'fleet-module.yaml')],
];

/** A module's example root, and what Terraform made of it. */
interface ExampleRoot {
  readonly dir: string;
  /** Its offline plan, when it imports nothing. */
  readonly plan?: TerraformPlanJson;
  /** `terraform validate`, when it imports: an import reads AWS, so it cannot plan offline. */
  readonly validation?: TerraformValidation;
}

/** Each spec's example root, the ones that import nothing planned in one Terraform plan. */
let examples: ReadonlyMap<string | undefined, ExampleRoot> | undefined;
function exampleOf(specFile: string | undefined): ExampleRoot {
  if (!examples) {
    const roots = SPECS.map(([, spec]) => ({ spec, dir: path.join(writeFiles(moduleFilesOf(loadSpec(spec))), MODULE_EXAMPLE.folder) }));
    const imports = (dir: string) => /^import \{/m.test(fs.readFileSync(path.join(dir, 'main.tf'), 'utf8'));
    const plans = plansTogether(terraform(), Object.fromEntries(roots.flatMap(({ dir }, i) => (imports(dir) ? [] : [[`example_${i}`, dir]]))));
    examples = new Map(
      roots.map(({ spec, dir }, i): [string | undefined, ExampleRoot] => {
        if (!imports(dir)) return [spec, { dir, plan: plans[`example_${i}`] }];
        fs.writeFileSync(path.join(dir, 'offline_override.tf'), OFFLINE_PROVIDER_OVERRIDE);
        terraform().init(dir);
        return [spec, { dir, validation: terraform().validate(dir) }];
      }),
    );
  }
  return examples.get(specFile)!;
}

describe.each(SPECS)('the module generated from %s', (_name, specFile) => {
  let dir: string;
  beforeAll(() => {
    dir = initializedModule(specFile);
  });

  it('is terraform fmt-clean, and passes its own terraform test (which validates it first; plan, apply, each validation)', () => {
    expect(terraform().fmtCheck(dir, { recursive: true })).toEqual([]);
    const runs = passedRuns(terraform().test(dir));
    expect(runs).toEqual(expect.arrayContaining(['plan', 'apply', 'default_tags']));
    const expected = fs.readFileSync(path.join(dir, 'tests/module.tftest.hcl'), 'utf8').match(/^\s+var\.\w+,$/gm) ?? [];
    const validations = fs.readFileSync(path.join(dir, 'variables.tf'), 'utf8').match(/^\s+validation \{/gm) ?? [];
    expect(expected).toHaveLength(validations.length);
    expect(runs.filter((run) => run.startsWith('invalid_inputs_')).length).toBeGreaterThan(0);
  });

  it('has the registry layout, and no provider, backend or import block inside', () => {
    for (const file of [
      'main.tf',
      'variables.tf',
      'outputs.tf',
      'versions.tf',
      'README.md',
      `${MODULE_EXAMPLE.folder}/main.tf`,
      'tests/module.tftest.hcl',
      'tests/default_tags.tftest.hcl',
    ]) {
      expect(fs.existsSync(path.join(dir, file))).toBe(true);
    }
    const module = ['main.tf', 'variables.tf', 'outputs.tf', 'versions.tf'].map((file) => fs.readFileSync(path.join(dir, file), 'utf8')).join('\n');
    expect(module).not.toMatch(/^provider |backend "|^\s+cloud \{|^import \{/m);
    expect(fs.readFileSync(path.join(dir, 'versions.tf'), 'utf8')).toMatch(
      /required_version = ">= 1\.9\.0"[\s\S]*source\s+= "hashicorp\/aws"\s+version = ">= 5\.100\.0, < 7\.0\.0"/,
    );
    // Registry modules carry no lock file: the root that calls them locks its providers.
    expect([...moduleFilesOf(loadSpec(specFile)).keys()].filter((file) => file.endsWith('.terraform.lock.hcl'))).toEqual([]);
  });

  it("has an example root that validates, and (when it imports nothing) plans the flat root's resources inside the module", () => {
    const example = exampleOf(specFile);
    const files = synthesize(loadSpec(specFile));
    const [flatFile, flatJson] = [...files.entries()].find(([file]) => /^json\/[^/]+\/main\.tf\.json$/.test(file))!;
    const flat = JSON.parse(flatJson);
    // An example that imports cannot plan offline (the import reads AWS): it is validated. A plan validates first.
    expect(example.validation ? 'validated' : 'planned').toBe(flat.import ? 'validated' : 'planned');
    if (example.validation) {
      expect(example.validation).toMatchObject({ valid: true, error_count: 0 });
      return;
    }
    const changes = managedChanges(example.plan!);
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

describe("a generated module's tests", () => {
  it.each([
    ['the module', undefined, 'main.tf', 'S3WriteProfile'],
    ["a fleet's template module", path.join(FIXTURES, 'fleet-module.yaml'), 'modules/writers/main.tf', 'analytics-writer-profile'],
  ])('fail when %s no longer requires IMDSv2, naming the profile', (_name, specFile, file, profile) => {
    const dir = initializedModule(specFile);
    const main = path.join(dir, file);
    const text = fs.readFileSync(main, 'utf8');
    expect(text).toContain('http_tokens                 = "required"');
    fs.writeFileSync(main, text.replace('http_tokens                 = "required"', 'http_tokens                 = "optional"'));
    // Only the first generated run that asserts this instance's metadata options is kept (each run takes a second or two).
    const testFile = path.join(dir, 'tests/module.tftest.hcl');
    const [mocks, ...runs] = fs.readFileSync(testFile, 'utf8').split(/^(?=run ")/m);
    const asserting = runs.find((run) => run.includes(`The instance launched with ${profile} must require IMDSv2 tokens`));
    expect(asserting).toBeDefined();
    fs.writeFileSync(testFile, `${mocks}${asserting}`);
    fs.rmSync(path.join(dir, 'tests/default_tags.tftest.hcl'));
    // Terraform wraps long messages: any run of white space stands for a space.
    expect(() => terraform().test(dir)).toThrow(new RegExp(`The instance launched with ${profile} must require IMDSv2 tokens`.replace(/ /g, '\\s+')));
  });
});
