/**
 * The constraint the generated Terraform declares for hashicorp/aws, resolved by Terraform itself:
 * a root calling our module beside a module that requires AWS provider 6 (as terraform-aws-modules
 * v6 do) initializes, and Terraform picks a 6.x release. No 6.x provider exists on this machine,
 * so the test's own mirror offers the 5.100.0 binary under a 6.x version as well: `terraform init`
 * resolves versions from the mirror's folder names, and nothing here runs the provider, so this
 * proves the constraints only (6.x arguments are proven against the schema snapshots).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { loadSpec } from '../../src/spec/load-spec';
import { AWS_PROVIDER_VERSION } from '../../src/terraform-requirements';
import { MIRRORED_PROVIDER, writeCliConfig } from '../../src/terraform/cli-config';
import { terraformPlatform } from '../../src/terraform/find-provider-mirror';
import { moduleFilesOf, writeFiles } from '../helpers/module';
import { useOfflineTerraform } from '../helpers/offline-terraform';
import { runCli } from '../helpers/run-cli';
import { tempDir } from '../helpers/temp-dirs';

const terraform = useOfflineTerraform();
/** The 6.x release the test's mirror offers besides 5.100.0. */
const SIX = '6.0.0';

/** A filesystem mirror (unpacked layout) offering the real 5.100.0 binary as 5.100.0 and as `SIX`, and a CLI config for it. */
function mirrorWithSix(): string {
  const platform = terraformPlatform();
  const source = path.join(terraform().mirror.path, MIRRORED_PROVIDER, AWS_PROVIDER_VERSION, platform);
  const binary = fs.readdirSync(source).find((file) => file.startsWith('terraform-provider-aws'));
  if (!binary) throw new Error(`the provider mirror in ${terraform().mirror.path} holds no unpacked terraform-provider-aws for ${platform}`);
  const mirror = tempDir('mirror-six-');
  for (const version of [AWS_PROVIDER_VERSION, SIX]) {
    const folder = path.join(mirror, MIRRORED_PROVIDER, version, platform);
    fs.mkdirSync(folder, { recursive: true });
    fs.symlinkSync(path.join(source, binary), path.join(folder, `terraform-provider-aws_v${version}_x5`));
  }
  return writeCliConfig(tempDir('cli-six-'), { mirrorPath: mirror });
}

/** A root calling the built-in example's module (its versions.tf as `versions`) beside a stub module requiring `>= 6.0`. */
function rootBesideSix(versions?: (text: string) => string): string {
  const root = writeFiles(new Map([...moduleFilesOf(loadSpec())].map(([file, content]) => [`ours/${file}`, content])), 'beside-six-');
  if (versions) fs.writeFileSync(path.join(root, 'ours/versions.tf'), versions(fs.readFileSync(path.join(root, 'ours/versions.tf'), 'utf8')));
  fs.mkdirSync(path.join(root, 'six'));
  fs.writeFileSync(
    path.join(root, 'six/versions.tf'),
    'terraform {\n  required_providers {\n    aws = {\n      source  = "hashicorp/aws"\n      version = ">= 6.0"\n    }\n  }\n}\n',
  );
  fs.writeFileSync(path.join(root, 'main.tf'), 'module "ours" {\n  source = "./ours"\n}\n\nmodule "six" {\n  source = "./six"\n}\n');
  return root;
}

function init(root: string, cliConfig: string) {
  return spawnSync(terraform().binary, ['init', '-backend=false', '-input=false', '-no-color'], {
    cwd: root,
    encoding: 'utf8',
    env: { ...terraform().env(), TF_CLI_CONFIG_FILE: cliConfig },
  });
}

describe('the hashicorp/aws constraint of the generated module', () => {
  it('admits AWS provider 6 beside a module requiring >= 6.0: Terraform resolves the two constraints to a 6.x release', () => {
    const cliConfig = mirrorWithSix();
    const root = rootBesideSix();
    const result = init(root, cliConfig);
    expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: '' });
    const lock = fs.readFileSync(path.join(root, '.terraform.lock.hcl'), 'utf8');
    expect(lock).toContain(`version     = "${SIX}"`);
    expect(lock).toContain('constraints = ">= 5.100.0, >= 6.0.0, < 7.0.0"');
  });

  it('is what made such a root fail before: with `< 6.0.0` no release matches', () => {
    const root = rootBesideSix((text) => text.replace('< 7.0.0', '< 6.0.0'));
    const result = init(root, mirrorWithSix());
    expect(result.status).toBe(1);
    expect((result.stdout + result.stderr).replace(/\s+/g, ' ')).toContain('no available releases match the given constraints >= 5.100.0, >= 6.0.0, < 6.0.0');
  });
});

describe('a generated root, initialized as a team does it offline', () => {
  it('installs the locked provider with the CLI configuration terraformrc writes, and keeps the seeded lock', async () => {
    const cwd = tempDir('offline-init-');
    expect((await runCli(['synth', '-o', 'out', '-q'], cwd)).code).toBe(0);
    const before = process.env.TF_PROVIDER_MIRROR;
    process.env.TF_PROVIDER_MIRROR = terraform().mirror.path;
    try {
      expect((await runCli(['terraformrc', '-o', 'offline.tfrc'], cwd)).code).toBe(0);
    } finally {
      if (before === undefined) delete process.env.TF_PROVIDER_MIRROR;
      else process.env.TF_PROVIDER_MIRROR = before;
    }
    const root = path.join(cwd, 'out/hcl/s3-write');
    const lock = fs.readFileSync(path.join(root, '.terraform.lock.hcl'), 'utf8');
    const result = init(root, path.join(cwd, 'offline.tfrc'));
    expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: '' });
    expect(result.stdout).toContain(`Installed hashicorp/aws v${AWS_PROVIDER_VERSION}`);
    expect(fs.readFileSync(path.join(root, '.terraform.lock.hcl'), 'utf8')).toBe(lock);
  });
});
