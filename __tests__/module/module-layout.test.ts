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
    // The same thin root as Terraform JSON, calling the same module.
    expect(JSON.parse(read('json/app-dev/main.tf.json')).module.app).toEqual({
      source: '../../module/app',
      ami: 'ami-0aaaaaaaaaaaaaaaa',
      instance: 'i-0aaaaaaaaaaaaaaaa',
    });
    expect(JSON.parse(read('json/app-dev/main.tf.json')).import).toEqual([{ to: 'module.app.aws_instance.app_role', id: 'i-0aaaaaaaaaaaaaaaa' }]);
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
    expect(run.stderr).toContain(
      'sharding.profilesPerStack: splits the profiles into several stacks, and 2 of them are not items of a fleet the module takes as an input: the module layout calls one module, with all the profiles, from each environment; use the flat layout (the default)',
    );
    expect(fs.existsSync(path.join(cwd, 'out'))).toBe(false);
  });

  it("takes a sharded fleet: the module instantiates it with for_each, and each shard's root passes its own items", async () => {
    const spec = {
      stack: 'fleet',
      sharding: { profilesPerStack: 2 },
      fleets: [{ name: 'writers', template: { role: { name: '{{team}}-writer' } }, items: ['a', 'b', 'c'].map((team) => ({ team })) }],
    };
    // Over the flat output it replaces: each shard's fleet moves into the module.
    const { cwd, run } = await synthInto(spec);
    expect(run.code).toBe(0);
    expect(await runCli(['synth', 'spec.json', '-o', 'out', '-q', '--layout', 'module'], cwd)).toMatchObject({ code: 0 });
    const read = (file: string) => fs.readFileSync(path.join(cwd, 'out', file), 'utf8');
    expect(read('module/fleet/main.tf')).toContain(
      'module "writers" {\n  source   = "./modules/writers"\n  for_each = var.writers_items\n  team     = each.value.team\n  tags     = var.tags\n}',
    );
    expect(JSON.parse(read('hcl/fleet-1/writers.auto.tfvars.json'))).toEqual({ writers_items: { 'a-writer': { team: 'a' }, 'b-writer': { team: 'b' } } });
    expect(JSON.parse(read('hcl/fleet-2/writers.auto.tfvars.json'))).toEqual({ writers_items: { 'c-writer': { team: 'c' } } });
    expect(read('json/fleet-2/writers.auto.tfvars.json')).toBe(read('hcl/fleet-2/writers.auto.tfvars.json'));
    expect(read('hcl/fleet-2/main.tf')).toContain('module "fleet" {\n  source        = "../../module/fleet"\n  writers_items = var.writers_items\n}');
    expect(read('hcl/fleet-2/main.tf')).toContain('moved {\n  from = module.writers\n  to   = module.fleet.module.writers\n}');
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
