import * as fs from 'fs';
import * as path from 'path';
import { MODULE_EXAMPLE } from '../../src/module/module-docs';
import { loadSpec } from '../../src/spec/load-spec';
import { MODULE_SPECS, moduleFilesOf, writeFiles } from '../helpers/module';
import { useOfflineTerraform } from '../helpers/offline-terraform';
import { FIXTURES } from '../helpers/synth';

const terraform = useOfflineTerraform();

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

describe.each(MODULE_SPECS)('the module generated from %s', (_name, specFile) => {
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
