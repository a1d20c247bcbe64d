import * as fs from 'fs';
import * as path from 'path';
import type { AwsProviderConfig } from '@cdktf/provider-aws/lib/provider';
import type { GeneratedFiles } from '../../src/pipeline/synthesize';
import {
  applyTerraformEnvironment,
  type InitOptions,
  TerraformCommandError,
  TerraformRunner,
  type TerraformPlanJson,
  type TerraformValidation,
  type TestOptions,
} from '../../src/terraform';
import { OFFLINE_PROVIDER_SETTINGS, offlineProviderLines } from '../../src/terraform/offline-provider';
import { formatHcl } from '../../src/render/format-hcl';
import { tempDir } from './temp-dirs';
import { attachedProviderVariables } from './attached-provider';

/**
 * The offline provider settings (see OFFLINE_PROVIDER_SETTINGS), as cdktf `providerOverrides`
 * for stacks built in tests, so the user's synthesized files never contain them.
 */
export const OFFLINE_PROVIDER: Partial<AwsProviderConfig> = {
  accessKey: OFFLINE_PROVIDER_SETTINGS.access_key,
  secretKey: OFFLINE_PROVIDER_SETTINGS.secret_key,
  skipCredentialsValidation: OFFLINE_PROVIDER_SETTINGS.skip_credentials_validation,
  skipRequestingAccountId: OFFLINE_PROVIDER_SETTINGS.skip_requesting_account_id,
  skipMetadataApiCheck: String(OFFLINE_PROVIDER_SETTINGS.skip_metadata_api_check),
  skipRegionValidation: OFFLINE_PROVIDER_SETTINGS.skip_region_validation,
};

/** The same settings as a Terraform override file (`*_override.tf` merges into the provider block). */
export const OFFLINE_PROVIDER_OVERRIDE = formatHcl(['provider "aws" {', ...offlineProviderLines(), '}'].join('\n'));

/** Terraform runs its commands this long at most per test. */
export const TERRAFORM_TEST_TIMEOUT_MS = 240_000;

/**
 * Copies one generated Terraform folder (`hcl/<stack>` or `json/<stack>`, with its fleet
 * modules and items) into a fresh working folder and adds the offline provider override.
 */
export function offlineWorkdir(files: GeneratedFiles, folder: string, prefix = 'tf-'): string {
  const dir = tempDir(prefix);
  for (const [file, content] of files) {
    if (!file.startsWith(`${folder}/`)) continue;
    const target = path.join(dir, file.slice(folder.length + 1));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, content);
  }
  fs.writeFileSync(path.join(dir, 'offline_override.tf'), OFFLINE_PROVIDER_OVERRIDE);
  return dir;
}

/**
 * Sets up a test file that runs Terraform: the long timeout, the offline Terraform environment
 * (a one-line failure of every test when Terraform or the provider mirror is missing).
 * Temporary folders come from `tempDir` (./temp-dirs), removed after the file's tests. Returns
 * the runner, available once the tests run.
 */
export function useOfflineTerraform(): () => TerraformRunner {
  jest.setTimeout(TERRAFORM_TEST_TIMEOUT_MS);
  let runner: TerraformRunner | undefined;
  beforeAll(() => {
    runner = scratchRunner(applyTerraformEnvironment());
  });
  return () => runner!;
}

const scratchRunners = new WeakMap<TerraformRunner, TerraformRunner>();

/**
 * `runner` for the tests' scratch roots: the same commands, attached to the worker's AWS
 * provider (./attached-provider), which hands them the schemas of the types the project and its
 * tests name; `providersSchema`, which prints every type's, runs as Terraform does by itself.
 *
 * Its `init` installs the root's modules and not the AWS provider: Terraform installs no
 * provider that it attaches to, and the commands after it attach too. A root that commands of
 * the program or unattached ones run in later is initialized by {@link initInstallingProvider}
 * (as one is where the mirror holds the provider packed, which nothing can attach to unpacked).
 *
 * A test of the lock file itself uses the runner of `applyTerraformEnvironment`.
 */
export function scratchRunner(runner: TerraformRunner): TerraformRunner {
  const known = scratchRunners.get(runner);
  if (known) return known;
  const scratch = Object.create(runner, {
    init: {
      value(dir: string, options?: InitOptions): void {
        const attached = attachedProviderVariables(dir, runner.mirror);
        if (attached.TF_REATTACH_PROVIDERS) runner.init.call(withVariables(runner, attached), dir, options);
        else initInstallingProvider(runner, dir, options);
      },
    },
    plan: {
      value: (dir: string, planFile: string, options?: { readonly refresh?: boolean }) => runner.plan.call(attachedIn(runner, dir), dir, planFile, options),
    },
    validate: { value: (dir: string) => runner.validate.call(attachedIn(runner, dir), dir) },
    showJson: { value: (dir: string, planFile: string) => runner.showJson.call(attachedIn(runner, dir), dir, planFile) },
    testMessages: { value: (dir: string, options?: TestOptions) => runner.testMessages.call(attachedIn(runner, dir), dir, options) },
  }) as TerraformRunner;
  scratchRunners.set(runner, scratch);
  scratchRunners.set(scratch, scratch);
  return scratch;
}

/**
 * `terraform init` in `dir` installing the AWS provider from the mirror, as a user's does, with
 * the lock file then listing the provider without its checksums: Terraform checks the installed
 * provider against them at every command that starts it, reading all 700 MB of it (half a
 * second of CPU each time); `init` has just checked them (against a seeded lock file too), and
 * nothing changes the provider afterwards.
 */
export function initInstallingProvider(runner: TerraformRunner, dir: string, options?: InitOptions): void {
  TerraformRunner.prototype.init.call(runner, dir, options);
  const lockFile = path.join(dir, '.terraform.lock.hcl');
  if (fs.existsSync(lockFile)) fs.writeFileSync(lockFile, withoutChecksums(fs.readFileSync(lockFile, 'utf8')));
}

/** `runner` with its commands in the root `dir` attached to the worker's AWS provider (./attached-provider). */
export function attachedIn(runner: TerraformRunner, dir: string): TerraformRunner {
  return withVariables(runner, attachedProviderVariables(dir, runner.mirror));
}

/**
 * Runs `use` with the Terraform commands it starts through `process.env` (cdktf's matchers
 * `toPlanSuccessfully` and `toBeValidTerraform` run theirs so) attached to the worker's AWS
 * provider, the one in `runner`'s mirror; their `terraform init` then installs no provider.
 */
export function attachedWhile<T>(runner: TerraformRunner, use: () => T): T {
  const before = process.env.TF_REATTACH_PROVIDERS;
  Object.assign(process.env, attachedProviderVariables(undefined, runner.mirror));
  try {
    return use();
  } finally {
    if (before === undefined) delete process.env.TF_REATTACH_PROVIDERS;
    else process.env.TF_REATTACH_PROVIDERS = before;
  }
}

/** `runner` with `variables` added to the environment of its commands. */
function withVariables(runner: TerraformRunner, variables: Record<string, string>): TerraformRunner {
  return Object.create(runner, { env: { value: () => ({ ...runner.env(), ...variables }) } }) as TerraformRunner;
}

/** A lock file without the `hashes` of its providers (their versions and constraints kept). */
function withoutChecksums(lock: string): string {
  return lock.replace(/^ {2}hashes = \[\n(?: {4}"[^"\n]+",\n)*\s*\]\n/gm, '');
}

/**
 * `terraform validate` on several Terraform JSON configurations in one Terraform process: each
 * is a child module of one root (`module "<name>" { source = "./<name>" }`), so the provider is
 * started once, not once per configuration. Backends in the child modules are ignored, which
 * validate does anyway.
 */
export function validateTogether(terraform: TerraformRunner, configs: Readonly<Record<string, string>>): TerraformValidation {
  const dir = tempDir('validate-');
  for (const [name, json] of Object.entries(configs)) {
    fs.mkdirSync(path.join(dir, name));
    fs.writeFileSync(path.join(dir, name, 'main.tf.json'), json);
  }
  fs.writeFileSync(
    path.join(dir, 'main.tf.json'),
    JSON.stringify({ module: Object.fromEntries(Object.keys(configs).map((name) => [name, { source: `./${name}` }])) }),
  );
  terraform.init(dir);
  return terraform.validate(dir);
}

/** One line of `terraform test -json`: the parts {@link testRunPlans} reads. */
interface TestMessage {
  readonly type: string;
  readonly '@testrun'?: string;
  readonly '@testfile'?: string;
  readonly terraform?: string;
  readonly test_plan?: Omit<TerraformPlanJson, 'format_version' | 'terraform_version'> & { readonly plan_format_version: string };
  readonly test_run?: { readonly run: string; readonly progress: string; readonly status?: string };
  readonly diagnostic?: { readonly severity: string; readonly summary: string; readonly detail?: string };
}

/**
 * `terraform test -json -verbose` in an initialized `dir` (its `tests/` folder): the plan of
 * each run, by run name, shaped as `terraform show -json` shapes a plan (from the JSON view's
 * `test_plan` messages, which name the format `plan_format_version` and give no Terraform
 * version: both are filled in). Throws a
 * {@link TerraformCommandError} with Terraform's diagnostics when a run does not pass.
 */
export function testRunPlans(terraform: TerraformRunner, dir: string): Map<string, TerraformPlanJson> {
  const stdout = terraform.testMessages(dir);
  const plans = new Map<string, TerraformPlanJson>();
  const failures: string[] = [];
  let version = '';
  for (const line of stdout.split('\n')) {
    if (!line.startsWith('{')) continue;
    const message = JSON.parse(line) as TestMessage;
    const where = message['@testrun'] ? `run "${message['@testrun']}"` : (message['@testfile'] ?? 'terraform test');
    if (message.type === 'version') version = message.terraform ?? '';
    if (message.type === 'test_plan' && message['@testrun'] && message.test_plan) {
      plans.set(message['@testrun'], { ...message.test_plan, format_version: message.test_plan.plan_format_version, terraform_version: version });
    }
    if (message.type === 'diagnostic' && message.diagnostic?.severity === 'error') {
      failures.push(`${where}: ${message.diagnostic.summary}${message.diagnostic.detail ? `: ${message.diagnostic.detail}` : ''}`);
    }
    if (message.type === 'test_run' && message.test_run?.progress === 'complete' && message.test_run.status !== 'pass') {
      failures.push(`${where} ended with status ${message.test_run.status}`);
    }
  }
  if (failures.length) throw new TerraformCommandError('terraform test -json -verbose', 1, failures.join('\n'), `failed in ${dir}`);
  return plans;
}
