import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { TerraformRunner } from '../../src/terraform';
import { OFFLINE_PROVIDER_OVERRIDE, scratchRunner } from './offline-terraform';
import { testRunCacheDir } from './test-run-cache';

/** The hand-written Terraform roots planned by tests: `handwritten-imdsv1`, `handwritten-module`, `no-profile`. */
export const PLAN_FIXTURES = path.join(__dirname, '..', 'fixtures', 'plans');

/** What {@link planFixture} leaves for the test: the planned copy and the plan in both forms. */
export interface PlannedFixture {
  /** The temporary, initialized copy of the root (removed after the test file's tests). */
  readonly dir: string;
  /** The saved binary plan, `<dir>/plan.out`. */
  readonly planFile: string;
  /** The plan's JSON written to `<dir>/plan.json`, as a user would (`terraform show -json plan.out > plan.json`): for CLI tests of `--plan`. */
  readonly jsonFile: string;
  /** The parsed JSON of `terraform show -json plan.out`. */
  readonly plan: unknown;
}

/** What {@link planFixture} does besides copying and planning. */
export interface PlanFixtureOptions {
  /** Files to add to (or replace in) the copy, by path relative to the root: an `import` block, a variable file. @default - none */
  readonly files?: Readonly<Record<string, string>>;
  /** The runner to use. @default - `TerraformRunner.create()` (throws `TerraformUnavailableError` when Terraform or the provider mirror is missing) */
  readonly runner?: TerraformRunner;
}

/** The project root: where paths given to {@link planFixture} are relative to. */
const PROJECT_ROOT = path.join(__dirname, '..', '..');

/**
 * Plans a Terraform root offline and returns its plan: copies `folder` (a fixture name under
 * {@link PLAN_FIXTURES} such as `no-profile`, or a path, absolute or relative to the project
 * root, such as `generated/hcl/s3-write`) with its subfolders
 * into a folder of this test run's plan cache, leaving out Terraform's working files
 * (`.terraform/`, the lock file, state), adds the offline provider override
 * (`offline_override.tf`) and `options.files`, then runs `terraform init`, `plan -out=plan.out`
 * and `show -json plan.out` with the offline CLI configuration. The same root with the same files
 * is planned once per test run (plan and show take a few seconds each); later calls, from any
 * test file, get the same planned folder, which tests only read. Terraform's commands run one after
 * the other, blocking; test files run in two workers (jest.config.js), so two plans may run at once. Throws a
 * `TerraformCommandError` (with Terraform's message) when a command fails.
 */
export async function planFixture(folder: string, options: PlanFixtureOptions = {}): Promise<PlannedFixture> {
  const source = /[\\/]/.test(folder) ? path.resolve(PROJECT_ROOT, folder) : path.join(PLAN_FIXTURES, folder);
  if (!fs.existsSync(source) || !fs.statSync(source).isDirectory()) throw new Error(`planFixture: ${source} is no folder`);
  if (!fs.readdirSync(source).some((file) => file.endsWith('.tf') || file.endsWith('.tf.json')))
    throw new Error(`planFixture: ${source} holds no .tf or .tf.json file`);
  const runner = scratchRunner(options.runner ?? TerraformRunner.create());
  // The same root with the same files is planned once per test run, whichever test file asks first.
  const dir = path.join(testRunCacheDir(), fingerprint(source, options.files ?? {}));
  const jsonFile = path.join(dir, 'plan.json');
  if (fs.existsSync(jsonFile)) return { dir, planFile: path.join(dir, 'plan.out'), jsonFile, plan: JSON.parse(fs.readFileSync(jsonFile, 'utf8')) as unknown };
  // Planned in a folder of this process, then renamed into place: test files run in parallel workers, and one may ask while another plans.
  const work = `${dir}.${process.pid}`;
  fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(work, { recursive: true });
  fs.cpSync(source, work, { recursive: true, filter: (file) => !isTerraformWorkingFile(path.basename(file)) });
  fs.writeFileSync(path.join(work, 'offline_override.tf'), OFFLINE_PROVIDER_OVERRIDE);
  for (const [file, content] of Object.entries(options.files ?? {})) {
    fs.mkdirSync(path.dirname(path.join(work, file)), { recursive: true });
    fs.writeFileSync(path.join(work, file), content);
  }
  runner.init(work);
  runner.plan(work, 'plan.out');
  const plan = runner.showJson(work, 'plan.out');
  fs.writeFileSync(path.join(work, 'plan.json'), JSON.stringify(plan));
  try {
    fs.renameSync(work, dir);
  } catch {
    // Another worker planned the same root first: its folder is the one tests read.
    fs.rmSync(work, { recursive: true, force: true });
  }
  return { dir, planFile: path.join(dir, 'plan.out'), jsonFile, plan };
}

/** The JSON of `terraform show -json` of a plan of `folder` (see {@link planFixture}). */
export async function planJsonOf(folder: string, options: PlanFixtureOptions = {}): Promise<unknown> {
  return (await planFixture(folder, options)).plan;
}

/** A hash of the root's files (Terraform's working files aside) and the files added to it. */
function fingerprint(source: string, files: Readonly<Record<string, string>>): string {
  const hash = createHash('sha256');
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (isTerraformWorkingFile(entry.name)) continue;
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else hash.update(path.relative(source, file)).update('\0').update(fs.readFileSync(file)).update('\0');
    }
  };
  walk(source);
  hash.update(JSON.stringify(Object.entries(files).sort()));
  return hash.digest('hex').slice(0, 16);
}

/** Terraform's own files in a root, which a fresh copy must not inherit. */
function isTerraformWorkingFile(name: string): boolean {
  return name === '.terraform' || name === '.terraform.lock.hcl' || /\.tfstate(\.backup)?$/.test(name) || name === 'plan.out' || name === 'plan.json';
}
