import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { packageRoot } from '../../src/package-root';
import { applyTerraformEnvironment } from '../../src/terraform';
import { AWS_PROVIDER_HASHES } from '../../src/terraform/aws-provider-hashes';
import { terraformPlatform } from '../../src/terraform/find-provider-mirror';
import { LOCK_FILE_NAME, providerLockFile } from '../../src/terraform/provider-lock';
import { useOfflineTerraform } from '../helpers/offline-terraform';
import { tempDir } from '../helpers/temp-dirs';

const terraform = useOfflineTerraform();
const ROOT = packageRoot();

/** `npm run cdktf -- <args>` as a user runs it: no CHECKPOINT_DISABLE and no AWS credentials in the environment, the mirror configured. */
function cdktf(args: readonly string[]): { status: number | null; output: string } {
  const env: NodeJS.ProcessEnv = { ...terraform().env(), AWS_EC2_METADATA_DISABLED: 'true', FORCE_COLOR: '0' };
  for (const name of ['CHECKPOINT_DISABLE', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE']) delete env[name];
  const result = spawnSync(process.execPath, [path.join(ROOT, 'bin/cdktf.js'), ...args], { cwd: ROOT, env, encoding: 'utf8', timeout: 240_000 });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}

describe('the lock file of the generated roots', () => {
  it('records the hash terraform providers lock computes from the mirror for this platform (npm run lock writes it)', () => {
    expect({ platform: terraformPlatform(), hash: AWS_PROVIDER_HASHES[terraformPlatform()] }).toEqual({
      platform: terraformPlatform(),
      hash: terraform().providerHash(terraformPlatform()),
    });
  });

  it('is committed beside the built-in example, and terraform init installs from the mirror by it and leaves it unchanged', () => {
    const committed = fs.readFileSync(path.join(ROOT, 'generated/hcl/s3-write', LOCK_FILE_NAME), 'utf8');
    expect(committed).toBe(providerLockFile());
    const dir = tempDir('lock-');
    fs.copyFileSync(path.join(ROOT, 'generated/hcl/s3-write/main.tf'), path.join(dir, 'main.tf'));
    fs.writeFileSync(path.join(dir, LOCK_FILE_NAME), committed);
    // The runner as it is (not the tests' scratch runner, which drops the checksums after init).
    applyTerraformEnvironment().init(dir, { backend: false });
    expect(fs.readFileSync(path.join(dir, LOCK_FILE_NAME), 'utf8')).toBe(committed);
  });
});

describe('the cdktf workflow (npm run cdktf)', () => {
  const out = tempDir('cdktf-out-');

  it('synth shows the access table once, writes each stack with its lock file, and calls no checkpoint service', () => {
    const { status, output } = cdktf(['synth', '--output', out]);
    expect({ status, checkpoint: /checkpoint|ENOTFOUND/i.test(output) }).toEqual({ status: 0, checkpoint: false });
    expect(output.match(/^access: 5 checks in 1 profile: 5 met, 0 failed, 0 not evaluated$/gm)).toHaveLength(1);
    expect(fs.readFileSync(path.join(out, 'stacks/s3-write', LOCK_FILE_NAME), 'utf8')).toBe(providerLockFile());
  });

  it('diff gets through terraform init and provider locking offline, and stops where AWS credentials are needed', () => {
    const { status, output } = cdktf(['diff', 's3-write', '--output', out]);
    expect(status).not.toBe(0);
    expect(output).toContain('Terraform has been successfully initialized!');
    expect(output).toContain('No valid credential sources found');
    expect(output).not.toMatch(/checkpoint|ENOTFOUND|providers lock|registry\.terraform\.io: /i);
  });
});
