import * as fs from 'fs';
import * as path from 'path';
import { TerraformRunner } from '../../src/terraform';
import { OFFLINE_PROVIDER_OVERRIDE } from './offline-terraform';
import { tempDir } from './temp-dirs';

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
 * into a fresh temporary folder, leaving out Terraform's working files (`.terraform/`, the lock
 * file, state), adds the offline provider override (`offline_override.tf`) and `options.files`,
 * then runs `terraform init`, `plan -out=plan.out` and `show -json plan.out` with the offline
 * CLI configuration. Each call inits its own copy (about 1 s warm); plan and show take a few
 * seconds each, so plan once per fixture in a `beforeAll`. Terraform's commands run one after
 * the other, blocking: on a two-core machine parallel plans are no faster. Throws a
 * `TerraformCommandError` (with Terraform's message) when a command fails.
 */
export async function planFixture(folder: string, options: PlanFixtureOptions = {}): Promise<PlannedFixture> {
  const source = /[\\/]/.test(folder) ? path.resolve(PROJECT_ROOT, folder) : path.join(PLAN_FIXTURES, folder);
  if (!fs.existsSync(source) || !fs.statSync(source).isDirectory()) throw new Error(`planFixture: ${source} is no folder`);
  if (!fs.readdirSync(source).some((file) => file.endsWith('.tf') || file.endsWith('.tf.json'))) throw new Error(`planFixture: ${source} holds no .tf or .tf.json file`);
  const runner = options.runner ?? TerraformRunner.create();
  const dir = tempDir('plan-fixture-');
  fs.cpSync(source, dir, { recursive: true, filter: (file) => !isTerraformWorkingFile(path.basename(file)) });
  fs.writeFileSync(path.join(dir, 'offline_override.tf'), OFFLINE_PROVIDER_OVERRIDE);
  for (const [file, content] of Object.entries(options.files ?? {})) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), content);
  }
  runner.init(dir);
  runner.plan(dir, 'plan.out');
  const plan = runner.showJson(dir, 'plan.out');
  const jsonFile = path.join(dir, 'plan.json');
  fs.writeFileSync(jsonFile, JSON.stringify(plan));
  return { dir, planFile: path.join(dir, 'plan.out'), jsonFile, plan };
}

/** The JSON of `terraform show -json` of a plan of `folder` (see {@link planFixture}). */
export async function planJsonOf(folder: string, options: PlanFixtureOptions = {}): Promise<unknown> {
  return (await planFixture(folder, options)).plan;
}

/** Terraform's own files in a root, which a fresh copy must not inherit. */
function isTerraformWorkingFile(name: string): boolean {
  return name === '.terraform' || name === '.terraform.lock.hcl' || /\.tfstate(\.backup)?$/.test(name) || name === 'plan.out' || name === 'plan.json';
}
