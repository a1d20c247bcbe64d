import * as fs from 'fs';
import * as path from 'path';
import { runCli } from '../helpers/run-cli';
import { tempDir } from '../helpers/temp-dirs';

const devAndProd = {
  stack: 'app',
  variables: { ami: { default: 'ami-0123456789abcdef0' }, instance: { example: 'i-0123456789abcdef0' } },
  environments: {
    dev: { accountId: '111122223333', variables: { instance: 'i-0aaaaaaaaaaaaaaaa', ami: 'ami-0aaaaaaaaaaaaaaaa' } },
    prod: { accountId: '444455556666', region: 'eu-west-1', variables: { instance: 'i-0bbbbbbbbbbbbbbbb' } },
  },
  profiles: [
    { role: { name: 'AppRole', managedPolicies: ['AmazonSSMManagedInstanceCore'] }, instance: { existingId: '{{var.instance}}' } },
    { role: { name: 'WebRole' }, instance: { ami: '{{var.ami}}' } },
  ],
};

async function synthInto(spec: unknown, ...args: string[]) {
  const cwd = tempDir('layout-');
  fs.writeFileSync(path.join(cwd, 'spec.json'), JSON.stringify(spec));
  return { cwd, run: await runCli(['synth', 'spec.json', '-o', 'out', '-q', ...args], cwd) };
}

describe('synth --layout module', () => {
  it('writes the module once and a thin root per environment calling it with its values and imports', async () => {
    const { cwd, run } = await synthInto(devAndProd, '--layout', 'module');
    expect(run.code).toBe(0);
    const read = (file: string) => fs.readFileSync(path.join(cwd, 'out', file), 'utf8');
    expect(fs.existsSync(path.join(cwd, 'out/module/app/main.tf'))).toBe(true);
    expect(fs.existsSync(path.join(cwd, 'out/json'))).toBe(false);
    const dev = read('hcl/app-dev/main.tf');
    expect(dev).toContain('module "app" {\n  source   = "../../module/app"\n  ami      = "ami-0aaaaaaaaaaaaaaaa"\n  instance = "i-0aaaaaaaaaaaaaaaa"\n}');
    expect(dev).toContain('import {\n  to = module.app.aws_instance.app_role\n  id = "i-0aaaaaaaaaaaaaaaa"\n}');
    expect(dev).toMatch(/backend "local" \{\n    path = "terraform\.app-dev\.tfstate"\n  \}/);
    expect(dev).toMatch(/allowed_account_ids = \[\n    "111122223333",\n  \]/);
    const prod = read('hcl/app-prod/main.tf');
    expect(prod).toContain('module "app" {\n  source   = "../../module/app"\n  instance = "i-0bbbbbbbbbbbbbbbb"\n}');
    expect(prod).toContain('region = "eu-west-1"');
    expect(read('module/app/main.tf')).not.toMatch(/ami-0aaaaaaaaaaaaaaaa|i-0bbbbbbbbbbbbbbbb/);
    expect(await runCli(['drift', 'spec.json', '-o', 'out', '--layout', 'module'], cwd)).toMatchObject({ code: 0 });
    expect((await runCli(['drift', 'spec.json', '-o', 'out'], cwd)).code).toBe(1);
  });

  it('refuses shards and profiles of some environments only, at their fields, writing nothing', async () => {
    const sharded = { ...devAndProd, sharding: { profilesPerStack: 1 } };
    const { cwd, run } = await synthInto(sharded, '--layout', 'module');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('sharding.profilesPerStack: splits the profiles into several stacks: the module layout calls one module, with all the profiles, from each environment; use the flat layout (the default)');
    expect(fs.existsSync(path.join(cwd, 'out'))).toBe(false);
  });

  it.each([
    [['check', '--layout', 'module'], '--layout goes with the synth and drift commands'],
    [['synth', '--layout', 'modules'], '--layout takes flat or module (got "modules")'],
    [['drift', '--module', '--layout', 'module'], '--layout is for synth output; drift --module compares what the module command wrote'],
  ])('is a usage error elsewhere: %j', async (argv, message) => {
    const { code, stderr } = await runCli(argv, tempDir('layout-'));
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });
});
