/**
 * Makes `__tests__/fixtures/plans/provider-6/plan.json`, the plan readers' fixture of a plan
 * made with the AWS provider 6.x, from a real plan: synthesizes the fixture's spec
 * (`spec.yaml` beside it), plans its stack `s3-write-prod` offline with Terraform and
 * the provider 5.100.0 of the mirror, and turns that plan into its 6.x form
 * (`provider-6-plan.ts`). Run by hand when the generated Terraform changes (a test says so):
 *
 *   npx ts-node scripts/plan-fixtures/provider-6-fixture.ts [--from plan5.json] [--out file]
 *
 * `--from` turns a plan made already (the JSON of `terraform show -json`) instead of planning;
 * `--out` writes elsewhere than the fixture. The README.md beside the fixture says the same.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { synthesize } from '../../src/pipeline/synthesize';
import { loadSpec } from '../../src/spec/load-spec';
import { TerraformRunner } from '../../src/terraform';
import { offlineProviderLines } from '../../src/terraform/offline-provider';
import { PROVIDER_6_PLAN, PROVIDER_6_SPEC, PROVIDER_6_STACK } from './provider-6-files';
import { provider6Plan } from './provider-6-plan';

/** Writes the HCL root of {@link PROVIDER_6_STACK}, as `synth` writes it, into `dir`; returns `dir`. */
export function writeFixtureRoot(dir: string): string {
  const prefix = `hcl/${PROVIDER_6_STACK}/`;
  for (const [file, content] of synthesize(loadSpec(PROVIDER_6_SPEC))) {
    if (!file.startsWith(prefix) || file.endsWith('.terraform.lock.hcl')) continue;
    fs.mkdirSync(path.dirname(path.join(dir, file.slice(prefix.length))), { recursive: true });
    fs.writeFileSync(path.join(dir, file.slice(prefix.length)), content);
  }
  return dir;
}

/** The fixture's JSON as it is written: two-space indented, one newline at the end (`terraform show -json` writes one line; the readers do not mind). */
export function fixtureText(plan: unknown): string {
  return `${JSON.stringify(plan, null, 2)}\n`;
}

/**
 * The JSON of the offline plan of the fixture's root: fake credentials, and `allowed_account_ids`
 * lifted (with them the provider cannot learn the account, and refuses the plan).
 */
function planOffline(): unknown {
  const dir = writeFixtureRoot(fs.mkdtempSync(path.join(os.tmpdir(), 'provider-6-fixture-')));
  try {
    fs.writeFileSync(path.join(dir, 'offline_override.tf'), ['provider "aws" {', ...offlineProviderLines(), 'allowed_account_ids = null', '}', ''].join('\n'));
    const runner = TerraformRunner.create();
    runner.init(dir);
    runner.plan(dir, 'plan.out');
    return runner.showJson(dir, 'plan.out');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** `--from FILE` and `--out FILE`, each at most once; `undefined` for anything else. */
function options(args: readonly string[]): { from?: string; out?: string } | undefined {
  const given: { from?: string; out?: string } = {};
  for (let i = 0; i < args.length; i += 2) {
    const [name, value] = [args[i], args[i + 1]];
    if ((name !== '--from' && name !== '--out') || value === undefined || given[name === '--from' ? 'from' : 'out'] !== undefined) return undefined;
    given[name === '--from' ? 'from' : 'out'] = value;
  }
  return given;
}

function main(args: readonly string[]): number {
  const given = options(args);
  if (!given) {
    process.stderr.write('usage: npx ts-node scripts/plan-fixtures/provider-6-fixture.ts [--from plan5.json] [--out file]\n');
    return 2;
  }
  const out = given.out ?? PROVIDER_6_PLAN;
  const plan5 = given.from === undefined ? planOffline() : (JSON.parse(fs.readFileSync(given.from, 'utf8')) as unknown);
  fs.writeFileSync(out, fixtureText(provider6Plan(plan5)));
  process.stderr.write(`wrote ${path.relative(process.cwd(), out)}: the 6.x form of ${given.from ?? `the offline plan of ${PROVIDER_6_STACK}`}\n`);
  return 0;
}

if (require.main === module) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`error: ${(error as Error).message}\n`);
    process.exitCode = 1;
  }
}
