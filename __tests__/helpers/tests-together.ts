/**
 * Several modules' own `terraform test` files in one `terraform test` command: every command
 * loads the AWS provider's schema (seconds of CPU), and its runs cost the same wherever they
 * run. Each module's test files are copied, unchanged but for a `module { source = … }` block in
 * each run, which makes the run test that module instead of the wrapper's (empty) root; each
 * file keeps its own mock providers, provider configurations, variables and state, as when
 * `terraform test` runs in the module's folder.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { TerraformRunner } from '../../src/terraform';
import { tempDir } from './temp-dirs';

/** What one module's test files did in {@link testsTogether}. */
export interface ModuleTestResult {
  /** Each run's status by `<test file>/<run>` (`module.tftest.hcl/plan`): `pass`, `fail`, `error`, `skip`. */
  readonly runs: ReadonlyMap<string, string>;
  /** The error diagnostics of its files and runs, `<test file>/<run>: <summary>: <detail>`. */
  readonly errors: readonly string[];
}

/** One line of `terraform test -json`: the parts read here. */
interface TestMessage {
  readonly type: string;
  readonly '@testfile'?: string;
  readonly '@testrun'?: string;
  readonly test_run?: { readonly run: string; readonly progress: string; readonly status?: string };
  readonly diagnostic?: { readonly severity: string; readonly summary: string; readonly detail?: string };
}

/**
 * Runs the `tests/*.tftest.hcl` files of each module (folders by name) in one `terraform test`
 * (one init, one command; the tests' scratch runner makes it two, see `scratchRunner`) and
 * returns what each module's runs did, by name. Runs that fail are results, not errors: a test
 * asserting a failure reads it here.
 */
export function testsTogether(terraform: TerraformRunner, modules: Readonly<Record<string, string>>): Map<string, ModuleTestResult> {
  const wrapper = tempDir('tests-together-');
  fs.mkdirSync(path.join(wrapper, 'tests'));
  fs.writeFileSync(path.join(wrapper, 'main.tf'), '# Runs the tests of the modules named in tests/.\n');
  const owners = new Map<string, { readonly name: string; readonly file: string }>();
  for (const [name, dir] of Object.entries(modules)) {
    if (!/^\w+$/.test(name)) throw new Error(`testsTogether: module name ${name} is not a word`);
    const relative = path.relative(wrapper, dir).split(path.sep).join('/');
    // A local module source as seen from the wrapper: the module's folder, or a folder in it.
    const sourceOf = (inModule: string) => {
      const joined = path.posix.join(relative, inModule);
      return JSON.stringify(joined.startsWith('../') ? joined : `./${joined}`);
    };
    const files = fs.readdirSync(path.join(dir, 'tests')).filter((file) => file.endsWith('.tftest.hcl'));
    if (!files.length) throw new Error(`testsTogether: ${dir}/tests holds no .tftest.hcl file`);
    for (const file of files) {
      const [head, ...runs] = fs.readFileSync(path.join(dir, 'tests', file), 'utf8').split(/^(?=run ")/m);
      if (/^\s*module \{/m.test(head)) throw new Error(`testsTogether: ${dir}/tests/${file} has a module block outside its runs`);
      const copy = `${name}.${file}`;
      owners.set(`tests/${copy}`, { name, file });
      const rewritten = runs.map((run) => {
        // A run that tests a module of its own (a fleet's template module) keeps it, its source seen from the wrapper.
        const own = /^ {2}module \{\n {4}source = "(\.{1,2}\/[^"]*)"\n {2}\}\n/m.exec(run);
        if (own) return run.replace(own[0], own[0].replace(`"${own[1]}"`, sourceOf(own[1])));
        if (/^\s+module \{/m.test(run)) throw new Error(`testsTogether: ${dir}/tests/${file} has a module block that is not a local source`);
        return run.replace(/^(run "[^"]+" \{\n)/, `$1  module {\n    source = ${sourceOf('.')}\n  }\n`);
      });
      fs.writeFileSync(path.join(wrapper, 'tests', copy), [head, ...rewritten].join(''));
    }
  }
  terraform.init(wrapper);
  const results = new Map(Object.keys(modules).map((name) => [name, { runs: new Map<string, string>(), errors: [] as string[] }]));
  for (const line of terraform.testMessages(wrapper, { verbose: false }).split('\n')) {
    if (!line.startsWith('{')) continue;
    const message = JSON.parse(line) as TestMessage;
    const owner = message['@testfile'] ? owners.get(message['@testfile']) : undefined;
    if (!owner) {
      if (message.type === 'diagnostic' && message.diagnostic?.severity === 'error')
        throw new Error(`testsTogether: terraform test failed: ${message.diagnostic.summary}: ${message.diagnostic.detail ?? ''}`);
      continue;
    }
    const result = results.get(owner.name)!;
    const where = `${owner.file}${message['@testrun'] ? `/${message['@testrun']}` : ''}`;
    if (message.type === 'test_run' && message.test_run?.progress === 'complete') result.runs.set(where, message.test_run.status ?? 'unknown');
    if (message.type === 'diagnostic' && message.diagnostic?.severity === 'error')
      result.errors.push(`${where}: ${message.diagnostic.summary}${message.diagnostic.detail ? `: ${message.diagnostic.detail}` : ''}`);
  }
  return results;
}
