import * as fs from 'fs';
import * as path from 'path';
import { AWS_PROVIDER_VERSION } from '../../src/terraform-requirements';
import { terraformPlatform } from '../../src/terraform/find-provider-mirror';
import { runCli } from '../helpers/run-cli';
import { tempDir } from '../helpers/temp-dirs';

/** A filesystem mirror in the unpacked layout holding a stand-in for the provider binary. */
function fakeMirror(): string {
  const mirror = tempDir('fake-mirror-');
  const folder = path.join(mirror, 'registry.terraform.io/hashicorp/aws', AWS_PROVIDER_VERSION, terraformPlatform());
  fs.mkdirSync(folder, { recursive: true });
  fs.writeFileSync(path.join(folder, `terraform-provider-aws_v${AWS_PROVIDER_VERSION}_x5`), '');
  return mirror;
}

describe('terraformrc', () => {
  const mirrorBefore = process.env.TF_PROVIDER_MIRROR;
  afterEach(() => {
    if (mirrorBefore === undefined) delete process.env.TF_PROVIDER_MIRROR;
    else process.env.TF_PROVIDER_MIRROR = mirrorBefore;
  });

  it('writes a CLI configuration installing hashicorp/aws from the mirror found, and prints the export line to use it', async () => {
    const mirror = fakeMirror();
    process.env.TF_PROVIDER_MIRROR = mirror;
    const cwd = tempDir('terraformrc-');
    const run = await runCli(['terraformrc', '-o', "it's.tfrc"], cwd);
    expect(run).toMatchObject({ code: 0, stdout: `export TF_CLI_CONFIG_FILE='${path.join(fs.realpathSync(cwd), "it'\\''s.tfrc")}'` });
    const config = fs.readFileSync(path.join(cwd, "it's.tfrc"), 'utf8');
    expect(config).toContain(`filesystem_mirror {\n    path    = ${JSON.stringify(mirror)}\n    include = ["registry.terraform.io/hashicorp/aws"]`);
    expect(config).toContain('direct {\n    exclude = ["registry.terraform.io/hashicorp/aws"]');
  });

  it('says which mirror lacks the provider, exits 1 and writes nothing', async () => {
    process.env.TF_PROVIDER_MIRROR = tempDir('empty-mirror-');
    const cwd = tempDir('terraformrc-');
    const run = await runCli(['terraformrc'], cwd);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`error: TF_PROVIDER_MIRROR is ${process.env.TF_PROVIDER_MIRROR}, which holds no AWS provider ${AWS_PROVIDER_VERSION}`);
    expect(fs.readdirSync(cwd)).toEqual([]);
  });
});
