import * as fs from 'fs';
import * as path from 'path';
import { MODULE_EXAMPLE } from '../../src/module/module-docs';
import { loadSpec } from '../../src/spec/load-spec';
import { MODULE_SPECS, moduleFilesOf, writeFiles } from '../helpers/module';
import { useOfflineTerraform } from '../helpers/offline-terraform';
import { once } from '../helpers/once';
import { FIXTURES } from '../helpers/synth';
import { testsTogether } from '../helpers/tests-together';

const terraform = useOfflineTerraform();

/** The cases of a module whose instance no longer requires IMDSv2: its name, spec, the edited file and the profile its tests name. */
const EDITED = [
  ['the module', undefined, 'main.tf', 'S3WriteProfile'],
  ["a fleet's template module", path.join(FIXTURES, 'fleet-module.yaml'), 'modules/writers/main.tf', 'analytics-writer-profile'],
] as const;

/** A generated module in a fresh folder. */
function generatedModule(specFile?: string): string {
  return writeFiles(moduleFilesOf(loadSpec(specFile)));
}

/**
 * A module of `specFile` whose instance allows IMDSv1, its tests cut to the first generated run
 * that asserts that instance's metadata options (each run takes a second or two).
 */
function editedModule(specFile: string | undefined, file: string, profile: string): string {
  const dir = generatedModule(specFile);
  const main = path.join(dir, file);
  const text = fs.readFileSync(main, 'utf8');
  expect(text).toContain('http_tokens                 = "required"');
  fs.writeFileSync(main, text.replace('http_tokens                 = "required"', 'http_tokens                 = "optional"'));
  const testFile = path.join(dir, 'tests/module.tftest.hcl');
  const [mocks, ...runs] = fs.readFileSync(testFile, 'utf8').split(/^(?=run ")/m);
  const asserting = runs.find((run) => run.includes(`The instance launched with ${profile} must require IMDSv2 tokens`));
  expect(asserting).toBeDefined();
  fs.writeFileSync(testFile, `${mocks}${asserting}`);
  fs.rmSync(path.join(dir, 'tests/default_tags.tftest.hcl'));
  return dir;
}

/** Each spec's generated module, and the edited ones, written once for every test. */
const modules = once(() => ({
  generated: MODULE_SPECS.map(([, specFile]) => generatedModule(specFile)),
  edited: EDITED.map(([, specFile, file, profile]) => editedModule(specFile, file, profile)),
}));

/** The tests of every module above, after one init (testsTogether): `generated_<i>`, `edited_<i>`. */
const testResults = once(() =>
  testsTogether(terraform(), {
    ...Object.fromEntries(modules().generated.map((dir, i) => [`generated_${i}`, dir])),
    ...Object.fromEntries(modules().edited.map((dir, i) => [`edited_${i}`, dir])),
  }),
);

describe.each(MODULE_SPECS.map(([name, specFile], index) => [name, specFile, index] as const))('the module generated from %s', (_name, specFile, index) => {
  it('is terraform fmt-clean, and passes its own terraform test (which validates it first; plan, apply, each validation)', () => {
    const dir = modules().generated[index];
    expect(terraform().fmtCheck(dir, { recursive: true })).toEqual([]);
    const { runs, errors } = testResults().get(`generated_${index}`)!;
    expect({ errors, failed: [...runs].filter(([, status]) => status !== 'pass') }).toEqual({ errors: [], failed: [] });
    const passed = [...runs.keys()].map((run) => run.split('/')[1]);
    expect(passed).toEqual(expect.arrayContaining(['plan', 'apply', 'default_tags']));
    const expected = fs.readFileSync(path.join(dir, 'tests/module.tftest.hcl'), 'utf8').match(/^\s+var\.\w+,$/gm) ?? [];
    const validations = fs.readFileSync(path.join(dir, 'variables.tf'), 'utf8').match(/^\s+validation \{/gm) ?? [];
    expect(expected).toHaveLength(validations.length);
    expect(passed.filter((run) => run.startsWith('invalid_inputs_')).length).toBeGreaterThan(0);
  });

  it('has the registry layout, and no provider, backend or import block inside', () => {
    const dir = modules().generated[index];
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
});

describe("a generated module's tests", () => {
  it.each(EDITED.map(([name, , , profile], index) => [name, profile, index] as const))(
    'fail when %s no longer requires IMDSv2, naming the profile',
    (_name, profile, index) => {
      const { runs, errors } = testResults().get(`edited_${index}`)!;
      expect([...runs.values()]).toEqual(['fail']);
      expect(errors).toEqual([expect.stringContaining(`Test assertion failed: The instance launched with ${profile} must require IMDSv2 tokens`)]);
    },
  );
});
