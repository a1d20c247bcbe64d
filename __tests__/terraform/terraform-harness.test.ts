import * as fs from 'fs';
import * as path from 'path';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import { attachedWhile, OFFLINE_PROVIDER, OFFLINE_PROVIDER_OVERRIDE } from '../helpers/offline-terraform';
import { keepForRemoval, tempDir as makeTempDir } from '../helpers/temp-dirs';
import {
  applyTerraformEnvironment,
  AWS_PROVIDER_VERSION,
  findProviderMirror,
  findTerraform,
  mirrorLayout,
  TerraformCommandError,
  TerraformRunner,
  TerraformUnavailableError,
  terraformPlatform,
  writeCliConfig,
} from '../../src/terraform';
import { declareRequirements, ROOT_TERRAFORM_VERSION } from '../../src/terraform-requirements';

/** Real Terraform runs: validate/plan load the 700 MB AWS provider, a few seconds each. */
const TERRAFORM_TEST_TIMEOUT = 120_000;

const ROOT_MODULE = `terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "${AWS_PROVIDER_VERSION}"
    }
  }
}

provider "aws" {
  region = "us-east-1"
}

resource "aws_iam_role" "example" {
  name = "harness-example"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ec2.amazonaws.com" } }]
  })
}
`;

const savedEnv = { ...process.env };

/** A fresh folder under the OS temp dir, removed after the file's tests. */
const tempDir = (label: string) => makeTempDir(`terraform-harness-${label}-`);

/** The current environment with some variables replaced (`undefined` removes one). */
function envWith(vars: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const env = { ...process.env, ...vars };
  for (const [name, value] of Object.entries(vars)) if (value === undefined) delete env[name];
  return env;
}

/** Catches what `fn` throws, failing the test when it does not throw. */
function thrownBy(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error, nothing was thrown');
}

afterEach(() => {
  for (const name of Object.keys(process.env)) if (!(name in savedEnv)) delete process.env[name];
  Object.assign(process.env, savedEnv);
});

describe('findProviderMirror', () => {
  it('finds the AWS provider without TF_PROVIDER_MIRROR, quickly', () => {
    const started = Date.now();
    const mirror = findProviderMirror({ env: envWith({ TF_PROVIDER_MIRROR: undefined }) });
    expect(Date.now() - started).toBeLessThan(1500);
    expect(path.isAbsolute(mirror.path)).toBe(true);
    expect(mirror.source).not.toBe('TF_PROVIDER_MIRROR');
    expect(mirrorLayout(mirror.path, AWS_PROVIDER_VERSION, terraformPlatform())).toBe(mirror.layout);
  });

  it('says in one line that TF_PROVIDER_MIRROR holds no provider when it points at an empty folder', () => {
    const empty = tempDir('empty-mirror');
    const error = thrownBy(() => findProviderMirror({ env: envWith({ TF_PROVIDER_MIRROR: empty }) }));
    expect(error).toBeInstanceOf(TerraformUnavailableError);
    expect(error.message).toContain('TF_PROVIDER_MIRROR');
    expect(error.message).toContain(empty);
    expect(error.message).toContain(AWS_PROVIDER_VERSION);
    expect(error.message).not.toContain('\n');
  });

  it('recognizes the packed layout (release .zip files)', () => {
    const mirror = tempDir('packed-mirror');
    const providerDir = path.join(mirror, 'registry.terraform.io', 'hashicorp', 'aws');
    fs.mkdirSync(providerDir, { recursive: true });
    fs.writeFileSync(path.join(providerDir, `terraform-provider-aws_${AWS_PROVIDER_VERSION}_${terraformPlatform()}.zip`), '');
    expect(findProviderMirror({ env: envWith({ TF_PROVIDER_MIRROR: mirror }) })).toEqual({
      path: mirror,
      layout: 'packed',
      source: 'TF_PROVIDER_MIRROR',
    });
  });

  it('says in one line how to fix a missing provider', () => {
    // No mirror anywhere holds a provider for a made-up platform.
    const error = thrownBy(() => findProviderMirror({ env: envWith({ TF_PROVIDER_MIRROR: undefined }), platform: 'plan9_mips' }));
    expect(error).toBeInstanceOf(TerraformUnavailableError);
    expect(error.message).toBe(
      `AWS provider ${AWS_PROVIDER_VERSION} not found in any Terraform plugin mirror: set TF_PROVIDER_MIRROR to a folder holding registry.terraform.io/hashicorp/aws/${AWS_PROVIDER_VERSION}/plan9_mips/`,
    );
  });
});

describe('findTerraform', () => {
  it('finds an executable terraform', () => {
    const binary = findTerraform();
    expect(path.isAbsolute(binary)).toBe(true);
    expect(fs.statSync(binary).isFile()).toBe(true);
  });

  it('says in one line that TERRAFORM_BINARY points at a missing file', () => {
    const missing = path.join(tempDir('no-binary'), 'terraform');
    const error = thrownBy(() => findTerraform({ env: envWith({ TERRAFORM_BINARY: missing }) }));
    expect(error).toBeInstanceOf(TerraformUnavailableError);
    expect(error.message).toContain('TERRAFORM_BINARY');
    expect(error.message).toContain(missing);
    expect(error.message).not.toContain('\n');
  });

  it('makes TerraformRunner.create() fail the same way, not return a cached runner', () => {
    TerraformRunner.create();
    process.env.TERRAFORM_BINARY = path.join(tempDir('no-binary'), 'terraform');
    const error = thrownBy(() => TerraformRunner.create());
    expect(error).toBeInstanceOf(TerraformUnavailableError);
    expect(error.message).toMatch(/^Terraform not found: TERRAFORM_BINARY is .*; install Terraform >= 1\.10 or set TERRAFORM_BINARY to its path$/);
  });
});

describe('writeCliConfig', () => {
  it('installs only the AWS provider from the mirror and creates the plugin cache when asked', () => {
    const dir = tempDir('cli-config');
    const cache = path.join(dir, 'cache');
    const file = writeCliConfig(dir, { mirrorPath: path.join(dir, 'mirror'), pluginCacheDir: cache });
    expect(fs.statSync(cache).isDirectory()).toBe(true);
    expect(fs.readFileSync(file, 'utf8')).toBe(
      [
        `plugin_cache_dir = ${JSON.stringify(cache)}`,
        '',
        'provider_installation {',
        '  filesystem_mirror {',
        `    path    = ${JSON.stringify(path.join(dir, 'mirror'))}`,
        '    include = ["registry.terraform.io/hashicorp/aws"]',
        '  }',
        '  direct {',
        '    exclude = ["registry.terraform.io/hashicorp/aws"]',
        '  }',
        '}',
        '',
      ].join('\n'),
    );
  });
});

describe('TerraformRunner', () => {
  it(
    'inits, validates and plans a root module offline: 1 resource to create',
    () => {
      const runner = TerraformRunner.create();
      const dir = tempDir('root-module');
      fs.writeFileSync(path.join(dir, 'main.tf'), ROOT_MODULE);
      fs.writeFileSync(path.join(dir, 'offline_override.tf'), OFFLINE_PROVIDER_OVERRIDE);

      runner.init(dir);
      expect(fs.readFileSync(path.join(dir, '.terraform.lock.hcl'), 'utf8')).toContain(`version     = "${AWS_PROVIDER_VERSION}"`);

      const validation = runner.validate(dir);
      expect(validation).toMatchObject({ valid: true, error_count: 0 });

      runner.plan(dir, 'tfplan');
      const plan = runner.showJson(dir, 'tfplan');
      const changes = (plan.resource_changes ?? []).map((change) => [change.address, change.change.actions]);
      expect(changes).toEqual([['aws_iam_role.example', ['create']]]);
    },
    TERRAFORM_TEST_TIMEOUT,
  );

  it('reports a failed command briefly: command, exit code, first lines of the error', () => {
    const runner = TerraformRunner.create();
    const dir = tempDir('not-initialized');
    fs.writeFileSync(path.join(dir, 'main.tf'), ROOT_MODULE);
    fs.writeFileSync(path.join(dir, 'offline_override.tf'), OFFLINE_PROVIDER_OVERRIDE);
    const error = thrownBy(() => runner.plan(dir, 'tfplan'));
    expect(error).toBeInstanceOf(TerraformCommandError);
    expect(error.message).toMatch(/^terraform plan -no-color .* failed in .* \(exit code 1\):\n/);
    expect(error.message).toMatch(/terraform init/);
    expect(error.message.split('\n').length).toBeLessThanOrEqual(21);
  });

  it('fmtCheck flags a badly indented file and passes a good one', () => {
    const runner = TerraformRunner.create();
    const dir = tempDir('fmt');
    const bad = path.join(dir, 'bad.tf');
    const good = path.join(dir, 'good.tf');
    fs.writeFileSync(bad, 'resource "aws_iam_role" "bad" {\nname = "bad"\n    assume_role_policy = "{}"\n}\n');
    fs.writeFileSync(good, 'resource "aws_iam_role" "good" {\n  name               = "good"\n  assume_role_policy = "{}"\n}\n');

    expect(runner.fmtCheck(dir)).toEqual([bad]);
    expect(runner.fmtCheck(bad)).toEqual([bad]);
    expect(runner.fmtCheck(good)).toEqual([]);
    expect(fs.readFileSync(bad, 'utf8')).toContain('\nname = "bad"');
  });
});

describe('applyTerraformEnvironment', () => {
  it(
    "lets cdktf's own matchers run Terraform offline",
    () => {
      const runner = applyTerraformEnvironment();
      expect(process.env.TF_CLI_CONFIG_FILE).toBe(runner.cliConfigFile);

      const stack = new TerraformStack(Testing.app(), 'harness');
      // As every root the project writes: left alone, cdktf would pin the version the bindings
      // are generated for (6.x with the AWS provider 6 bindings), which the mirror may not hold.
      declareRequirements(stack, ROOT_TERRAFORM_VERSION);
      new AwsProvider(stack, 'aws', { region: 'us-east-1', ...OFFLINE_PROVIDER });
      new IamRole(stack, 'role', {
        name: 'harness-example',
        assumeRolePolicy: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: 'ec2.amazonaws.com' } }],
        }),
      });
      const outdir = Testing.fullSynth(stack);
      keepForRemoval(outdir);
      // Attached, as the other tests' matchers run (../helpers/offline-terraform): the plan, as a user's, installs the provider.
      attachedWhile(applyTerraformEnvironment(), () => expect(outdir).toBeValidTerraform());
      expect(outdir).toPlanSuccessfully();
    },
    TERRAFORM_TEST_TIMEOUT,
  );

  it('throws the one-line TerraformUnavailableError when the provider is missing', () => {
    process.env.TF_PROVIDER_MIRROR = tempDir('empty-mirror');
    const error = thrownBy(() => applyTerraformEnvironment());
    expect(error).toBeInstanceOf(TerraformUnavailableError);
    expect(error.message).toMatch(/^TF_PROVIDER_MIRROR is .* which holds no AWS provider/);
    expect(error.message).not.toContain('\n');
  });
});
