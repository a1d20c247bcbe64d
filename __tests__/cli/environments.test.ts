/**
 * `check`, `verify` and `doctor` per environment and per stack: `--environment` and `--stack`
 * select the spec's stacks, a plan is matched to its environment, `--expect` decides on the
 * spec's stacks, `--ask` decides one request, and `doctor` prints each environment's ARNs.
 */
import * as fs from 'fs';
import * as path from 'path';
import { runVerify } from '../../src/cli/verify-command';
import { defaultSpecInput } from '../../src/spec/default-spec';
import { loadSpec } from '../../src/spec/load-spec';
import { synthesizeStackModels } from '../../src/pipeline/synthesize';
import * as planReader from '../../src/stack-model/read-plan-file';
import type { StackModel } from '../../src/stack-model/stack-model';
import { runCli } from '../helpers/run-cli';
import { tempDir } from '../helpers/temp-dirs';

/** The built-in example in two environments, dev and prod, with a second profile that only prod deploys. */
function environmentsSpec(): Record<string, unknown> {
  const spec: any = defaultSpecInput();
  spec.environments = { dev: { accountId: '111111111111', region: 'us-east-1' }, prod: { accountId: '222222222222', region: 'eu-west-1' } };
  const prodOnly = JSON.parse(JSON.stringify(spec.profiles[0]));
  prodOnly.policies[0].name = 'ProdWritePolicy';
  prodOnly.role = { ...prodOnly.role, name: 'ProdWriteRole' };
  prodOnly.instanceProfile = { ...prodOnly.instanceProfile, name: 'ProdWriteProfile' };
  prodOnly.environments = ['prod'];
  delete prodOnly.instance;
  spec.profiles.push(prodOnly);
  return spec;
}

const dir = tempDir('cli-environments-');
const SPEC = path.join(dir, 'spec.json');
fs.writeFileSync(SPEC, JSON.stringify(environmentsSpec(), null, 2));

describe('--environment and --stack', () => {
  it('verify decides only the named environment’s stacks', async () => {
    const { code, stdout } = await runCli(['verify', SPEC, '--environment', 'dev'], dir);
    expect(code).toBe(0);
    expect(stdout).toContain('stacks: s3-write-dev');
    expect(stdout).toContain('arn:aws:iam::111111111111:role/S3WriteRole');
    expect(stdout).not.toContain('222222222222');
    expect(stdout).not.toContain('ProdWriteProfile');
  });

  it('check runs the stack checks on the named stack only', async () => {
    const { code, stdout } = await runCli(['check', SPEC, '--stack', 's3-write-prod'], dir);
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toBe(`spec: ${SPEC}; stacks: s3-write-prod`);
  });

  it.each([
    [['verify', SPEC, '--environment', 'prd'], '--environment: "prd" is not an environment of the spec (dev, prod); did you mean "prod"?'],
    [['doctor', SPEC, '--environment', 'staging'], '--environment: "staging" is not an environment of the spec (dev, prod)'],
    [
      ['check', SPEC, '--stack', 's3-write-prd'],
      '--stack: "s3-write-prd" is not a stack of the spec (s3-write-dev, s3-write-prod); did you mean "s3-write-prod"?',
    ],
    [['verify', SPEC, '--environment', 'dev', '--stack', 's3-write-prod'], '--stack: "s3-write-prod" is not a stack of environment dev (s3-write-dev)'],
    [['verify', '--environment', 'dev'], '--environment: "dev" is not an environment of the spec: the spec has no environments'],
    [['check', '--plan', 'p.json', '--environment', 'dev'], '--environment selects stacks of a spec; check --plan checks the plan as it is'],
  ])('refuses %j as a usage error: %s', async (argv, message) => {
    const { code, stderr } = await runCli(argv, dir);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
    expect(stderr).toContain(`run 'instance-profile ${argv[0]} --help'`);
  });
});

describe('verify --plan with a spec of several environments', () => {
  const loaded = loadSpec(SPEC);
  const models = synthesizeStackModels(loaded);
  const modelOf = (name: string) => models.find((model) => model.source === name)!;

  /** Writes a stand-in plan file; `readPlanFile` is replaced to return `model` for it. */
  async function verifyPlanOf(model: StackModel, selection: { environment?: string; stack?: string } = {}) {
    const planFile = path.join(dir, 'plan.json');
    const readPlan = jest.spyOn(planReader, 'readPlanFile').mockReturnValue(model);
    try {
      return await runCli(['verify', '--plan', planFile, SPEC, ...Object.entries(selection).flatMap(([key, value]) => [`--${key}`, value!])], dir);
    } finally {
      readPlan.mockRestore();
    }
  }

  it("takes the expectations of the plan's environment, found by its account: a prod-only profile does not fail dev's plan", async () => {
    const { code, stdout, stderr } = await verifyPlanOf(modelOf('s3-write-dev'));
    expect(stderr).not.toContain('has no instance profile named');
    expect(code).toBe(0);
    expect(stdout).toContain(`expectations: ${SPEC} (stack s3-write-dev)`);
  });

  it("decides prod's plan with prod's profiles", async () => {
    const { code, stdout } = await verifyPlanOf(modelOf('s3-write-prod'));
    expect(code).toBe(0);
    expect(stdout).toContain('(stack s3-write-prod)');
    expect(stdout).toContain('ProdWriteProfile');
  });

  it("refuses a plan whose account is not the named environment's", async () => {
    const { code, stderr } = await verifyPlanOf(modelOf('s3-write-dev'), { environment: 'prod' });
    expect(code).toBe(2);
    expect(stderr).toContain(
      'the plan deploys to account 111111111111, us-east-1, which no stack selected does: s3-write-prod (account 222222222222, eu-west-1)',
    );
  });

  it('takes --environment when the plan names no account or region', async () => {
    const dev = modelOf('s3-write-dev');
    const anywhere: StackModel = { ...dev, provider: { ...dev.provider, allowedAccountIds: [], regionGiven: false } };
    expect((await verifyPlanOf(anywhere)).stderr).toContain('the plan could be any of s3-write-dev (account 111111111111, us-east-1), s3-write-prod');
    const chosen = await verifyPlanOf(anywhere, { environment: 'dev' });
    expect(chosen.code).toBe(0);
    expect(chosen.stdout).toContain('(stack s3-write-dev)');
  });
});

describe('verify --expect without a plan', () => {
  it("decides the file's expectations on the spec's stacks, in each stack that holds the profile", async () => {
    const expectFile = path.join(dir, 'expect.yaml');
    fs.writeFileSync(expectFile, 'ProdWriteProfile:\n  - deny: put s3://instance-profile-test1/key\n');
    const { code, stderr } = await runCli(['verify', SPEC, '--expect', expectFile], dir);
    expect(code).toBe(1);
    expect(stderr).toMatch(/put s3:\/\/instance-profile-test1\/key: expected deny, but allowed by ProdWritePolicy statement 0/);
    expect(stderr).not.toContain('S3WriteProfile');
  });

  it('names a profile that no stack holds, in the expectations file', async () => {
    const expectFile = path.join(dir, 'expect-unknown.yaml');
    fs.writeFileSync(expectFile, 'ProdWriteProfile:\n  - allow: put s3://instance-profile-test1/key\n');
    const { code, stderr } = await runCli(['verify', SPEC, '--expect', expectFile, '--environment', 'dev'], dir);
    expect(code).toBe(1);
    expect(stderr).toContain('no stack verified has an instance profile named "ProdWriteProfile" (its profiles: S3WriteProfile)');
  });

  it('still refuses a spec file with --plan and --expect', async () => {
    const { code, stderr } = await runCli(['verify', '--plan', 'p.json', '--expect', 'e.yaml', SPEC], dir);
    expect(code).toBe(2);
    expect(stderr).toContain('verify --expect with --plan takes no spec file');
  });
});

describe('verify --ask', () => {
  it('prints allowed with the deciding statement, in each stack that holds the profile, and exits 0', async () => {
    const { code, stdout } = await runCli(
      ['verify', SPEC, '--ask', 's3:PutObject arn:aws:s3:::instance-profile-test1/key', '--profile', 'S3WriteProfile'],
      dir,
    );
    expect(code).toBe(0);
    expect(stdout).toContain(
      's3-write-dev: allowed: s3:PutObject arn:aws:s3:::instance-profile-test1/key by S3WriteProfile (arn:aws:iam::111111111111:role/S3WriteRole): S3WritePolicy statement 0',
    );
    expect(stdout).toMatch(/s3-write-prod: allowed: .* \(arn:aws:iam::222222222222:role\/S3WriteRole\)/);
  });

  it('prints denied and exits 1', async () => {
    const { code, stdout } = await runCli(['verify', SPEC, '--ask', 'put s3://instance-profile-test2/key', '--profile', 'ProdWriteProfile'], dir);
    expect(code).toBe(1);
    expect(stdout).toMatch(/^s3-write-prod: denied: put s3:\/\/instance-profile-test2\/key by ProdWriteProfile/m);
    expect(stdout).not.toContain('s3-write-dev');
  });

  it.each([
    [['verify', SPEC, '--ask', 'put s3://b/k'], '--ask goes with --profile'],
    [['verify', SPEC, '--profile', 'S3WriteProfile'], '--profile goes with --ask'],
    [['verify', '--plan', 'p.json', '--ask', 'put s3://b/k', '--profile', 'P'], "--ask decides one request on the spec's stacks"],
    [
      ['verify', SPEC, '--ask', 'put s3://b/k', '--profile', 'ProdWriteProfile', '--environment', 'dev'],
      'no stack selected has an instance profile named "ProdWriteProfile" (S3WriteProfile)',
    ],
    [['verify', SPEC, '--ask', 'put s3://b/k', '--profile', 'S3WriteProfil'], 'did you mean "S3WriteProfile"?'],
  ])('refuses %j as a usage error', async (argv, message) => {
    const { code, stderr } = await runCli(argv, dir);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });
});

describe('the library call', () => {
  it('runVerify takes the selection', async () => {
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    const write = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      expect(await runVerify({ specFile: SPEC, stack: 's3-write-prod' })).toBe(true);
      expect(log).toHaveBeenCalledWith(`spec: ${SPEC}; stacks: s3-write-prod`);
    } finally {
      log.mockRestore();
      write.mockRestore();
    }
  });
});

describe('the module layout of a spec with environments', () => {
  it('refuses two profiles that share names in different accounts at their file and line', async () => {
    const cwd = tempDir('layout-lines-');
    fs.writeFileSync(
      path.join(cwd, 'spec.yaml'),
      [
        'stack: s',
        'region: us-east-1',
        'environments:',
        '  dev: { accountId: "111111111111" }',
        '  prod: { accountId: "222222222222" }',
        'profiles:',
        '  - role: { name: R }',
        '    environments: [dev]',
        '  - role: { name: R }',
        '    environments: [prod]',
        '',
      ].join('\n'),
    );
    for (const argv of [
      ['synth', 'spec.yaml', '--layout', 'module', '-o', 'out'],
      ['module', 'spec.yaml', '-o', 'out'],
    ]) {
      const { code, stderr } = await runCli(argv, cwd);
      expect({ argv, code }).toEqual({ argv, code: 1 });
      expect(stderr).toContain('spec.yaml:9:19: profiles[1].role.name: the role R is also at profiles[0].role.name (the two are in different accounts)');
      expect(fs.existsSync(path.join(cwd, 'out'))).toBe(false);
    }
  });
});
