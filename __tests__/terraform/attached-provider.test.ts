/**
 * The worker's attached AWS provider (helpers/attached-provider, helpers/provider-proxy.js): the
 * commands that attach to it answer what they answer when Terraform starts the provider itself,
 * configurations one after another share its processes and nothing of each other, it gives the
 * schemas of the types the project and its tests name, and the global teardown's part stops a
 * provider that a killed worker left running, and nothing else.
 */
import { spawn, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { applyTerraformEnvironment } from '../../src/terraform';
import { attachedProviderVariables, keptTypes, mirroredAwsProvider, startedProcessesIn, stopProvidersLeftIn } from '../helpers/attached-provider';
import { attachedIn, initInstallingProvider, OFFLINE_PROVIDER_OVERRIDE, useOfflineTerraform } from '../helpers/offline-terraform';
import { awsProviderSchema } from '../helpers/terraform-plans';
import { planFixture } from '../helpers/plan-fixture';
import { tempDir } from '../helpers/temp-dirs';
import { testRunCacheDir } from '../helpers/test-run-cache';

const terraform = useOfflineTerraform();

/** Whether `child` exits within `ms`. */
function exitsWithin(child: ChildProcess, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve(true);
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/**
 * The built-in example's HCL root (with `files` added) with the offline provider settings, in a
 * fresh folder, initialized as a user's `init` does: the unattached commands that the attached
 * ones are compared with start the provider installed there.
 */
function builtInExample(prefix: string, files: Record<string, string> = {}): string {
  const dir = tempDir(prefix);
  for (const file of fs.readdirSync('generated/hcl/s3-write').filter((name) => name.endsWith('.tf')))
    fs.copyFileSync(path.join('generated/hcl/s3-write', file), path.join(dir, file));
  fs.writeFileSync(path.join(dir, 'offline_override.tf'), OFFLINE_PROVIDER_OVERRIDE);
  for (const [file, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, file), content);
  initInstallingProvider(terraform(), dir);
  return dir;
}

/** An initialized root with one role per aliased AWS provider configuration, each with its region and, when given, a default tag `Team`. */
function rootWithRoles(configurations: Record<string, { readonly region: string; readonly team?: string }>): string {
  const dir = tempDir('attached-roles-');
  const settings = OFFLINE_PROVIDER_OVERRIDE.split('\n').slice(1, -2).join('\n');
  fs.writeFileSync(
    path.join(dir, 'main.tf'),
    Object.entries(configurations)
      .map(
        ([alias, { region, team }]) =>
          `provider "aws" {\n  alias  = "${alias}"\n  region = "${region}"\n${settings}\n` +
          (team ? `  default_tags {\n    tags = { Team = "${team}" }\n  }\n` : '') +
          `}\n\nresource "aws_iam_role" "${alias}" {\n  provider           = aws.${alias}\n  name               = "${alias}"\n  assume_role_policy = "{}"\n}\n`,
      )
      .join('\n'),
  );
  terraform().init(dir);
  return dir;
}

/** Each planned resource's address and `tags_all`, from an attached plan of `dir`. */
function plannedTags(dir: string): Array<[string, unknown]> {
  terraform().plan(dir, 'plan.out');
  return terraform()
    .showJson(dir, 'plan.out')
    .resource_changes!.map(({ address, change }) => [address, (change.after as { tags_all?: unknown }).tags_all]);
}

/** The parent of a running process, from `/proc/<pid>/stat` (its fourth field, after the parenthesised name); 0 once it is gone. */
function parentOf(pid: number): number {
  try {
    return Number(
      fs
        .readFileSync(`/proc/${pid}/stat`, 'utf8')
        .replace(/^.*\) /s, '')
        .split(' ')[1],
    );
  } catch {
    return 0;
  }
}

/**
 * The process ids of the providers that still run under this worker's proxy (the proxy itself left out): the
 * other worker's proxy starts providers of its own at any time, for the test files it runs meanwhile.
 */
function runningProviders(): number[] {
  return startedProcessesIn(testRunCacheDir())
    .filter((pid) => fs.existsSync(`/proc/${pid}/cmdline`) && fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').endsWith('\0-debug\0'))
    .filter((pid) => parentOf(parentOf(pid)) === process.pid)
    .sort((a, b) => a - b);
}

describe('an attached AWS provider', () => {
  it('shows a saved plan as the provider Terraform starts itself does', () => {
    const dir = builtInExample('attached-show-');
    expect(attachedProviderVariables(dir)).toEqual({ TF_REATTACH_PROVIDERS: expect.stringContaining('"registry.terraform.io/hashicorp/aws"') });
    terraform().plan(dir, 'plan.out');
    expect(terraform().showJson(dir, 'plan.out')).toEqual(applyTerraformEnvironment().showJson(dir, 'plan.out'));
  });

  it("validates as the provider Terraform starts itself does, the provider's own argument checks included", () => {
    // A name longer than IAM allows: the provider's validation, not Terraform's, refuses it.
    const dir = builtInExample('attached-validate-', {
      'broken.tf': `resource "aws_iam_role" "broken" {\n  name               = "${'r'.repeat(65)}"\n  assume_role_policy = "{}"\n}\n`,
    });
    const attached = terraform().validate(dir);
    expect(attached).toMatchObject({ valid: false, error_count: 1 });
    expect(attached.diagnostics.map(({ summary }) => summary)).toEqual([expect.stringMatching(/expected length of name to be in the range \(1 - 64\)/)]);
    expect(attached).toEqual(applyTerraformEnvironment().validate(dir));
  });

  it('plans a configuration with six AWS provider configurations as Terraform does by itself, each with its own default tags, on fewer processes', () => {
    // More configurations than the proxy runs providers for at once: their calls take turns on the
    // providers, each configured again for the configuration whose call it serves.
    const teams = ['a', 'b', 'c', 'd', 'e', 'f'];
    const dir = rootWithRoles(Object.fromEntries(teams.map((team, index) => [team, { region: index % 2 ? 'us-east-1' : 'eu-west-1', team }])));
    expect(plannedTags(dir)).toEqual(teams.map((team) => [`aws_iam_role.${team}`, { Team: team }]));
    expect(runningProviders().length).toBeLessThan(teams.length);
  });

  it('serves configurations one after another from the same provider processes, each with its own default tags and none of the one before', () => {
    expect(plannedTags(rootWithRoles({ first: { region: 'eu-west-1', team: 'first' } }))).toEqual([['aws_iam_role.first', { Team: 'first' }]]);
    const providers = runningProviders();
    expect(providers.length).toBeGreaterThan(0);
    // Without default tags, `tags_all` is known after apply only, as the provider Terraform starts itself plans it.
    expect(plannedTags(rootWithRoles({ second: { region: 'eu-west-1' } }))).toEqual([['aws_iam_role.second', undefined]]);
    expect(runningProviders()).toEqual(providers);
  });

  it('gives the schemas of the types the project and its tests name, each as the provider Terraform starts itself gives it', async () => {
    const { dir } = await planFixture('generated/hcl/s3-write');
    // Read once per run as Terraform does by itself (./helpers/terraform-plans): every type's schema.
    const whole = awsProviderSchema(terraform()) as unknown as Record<'resource_schemas' | 'data_source_schemas', Record<string, unknown>>;
    const narrow = attachedIn(applyTerraformEnvironment(), dir).providersSchema(dir).provider_schemas['registry.terraform.io/hashicorp/aws'] as Record<
      'resource_schemas' | 'data_source_schemas',
      Record<string, unknown>
    >;
    const kept = keptTypes();
    for (const part of ['resource_schemas', 'data_source_schemas'] as const) {
      expect(Object.keys(narrow[part]).sort()).toEqual(kept.filter((type) => type in whole[part]));
      for (const type of Object.keys(narrow[part])) expect({ type, schema: narrow[part][type] }).toEqual({ type, schema: whole[part][type] });
    }
    expect(Object.keys(whole.resource_schemas).length).toBeGreaterThan(10 * Object.keys(narrow.resource_schemas).length);
    expect(Object.keys(narrow.resource_schemas)).toEqual(
      expect.arrayContaining(['aws_iam_instance_profile', 'aws_iam_policy', 'aws_iam_role', 'aws_instance']),
    );
  });

  it('refuses a type the project names nowhere, which the provider has, as Terraform refuses one the provider does not have', () => {
    // Spelled in pieces: written whole in this file, the type would be kept.
    const unnamed = ['aws', 'lightsail', 'bucket'].join('_');
    expect(keptTypes()).not.toContain(unnamed);
    const dir = tempDir('attached-unnamed-');
    fs.writeFileSync(path.join(dir, 'main.tf'), `resource "${unnamed}" "unnamed" {\n  name      = "unnamed"\n  bundle_id = "small_1_0"\n}\n`);
    fs.writeFileSync(path.join(dir, 'provider.tf'), OFFLINE_PROVIDER_OVERRIDE.replace(/^provider "aws" \{\n/, 'provider "aws" {\n  region = "eu-west-1"\n'));
    terraform().init(dir);
    expect(terraform().validate(dir).diagnostics).toEqual([
      expect.objectContaining({
        severity: 'error',
        summary: 'Invalid resource type',
        detail: `The provider hashicorp/aws does not support resource type "${unnamed}".`,
      }),
    ]);
    // The provider has it.
    expect(awsProviderSchema(terraform()).resource_schemas).toHaveProperty(unnamed);
  });

  it('is stopped by the teardown when a worker left it running; a process that is no provider is left alone', async () => {
    const provider = spawn(mirroredAwsProvider(terraform().mirror)!, ['-debug'], { stdio: 'ignore' });
    const other = spawn('sleep', ['30'], { stdio: 'ignore' });
    try {
      const cache = tempDir('left-providers-');
      for (const child of [provider, other]) fs.writeFileSync(path.join(cache, `attached-provider-${child.pid}.pid`), '');
      stopProvidersLeftIn(cache);
      expect({ provider: await exitsWithin(provider, 10_000), other: await exitsWithin(other, 500) }).toEqual({ provider: true, other: false });
    } finally {
      provider.kill('SIGKILL');
      other.kill('SIGKILL');
    }
  });
});
