import * as fs from 'fs';
import * as path from 'path';
import { stringify } from 'yaml';
import { parseSpec } from '../../src/spec/load-spec';
import { planStacks } from '../../src/spec/plan-stacks';
import { synthesizeModuleLayout, synthesizeSpec } from '../../src/pipeline/synthesize';
import { runCli } from '../helpers/run-cli';
import { FIXTURES } from '../helpers/synth';
import { tempDir } from '../helpers/temp-dirs';
import { problemsOfValue } from '../helpers/spec-problems';

const LOG_WRITE_POLICY = {
  name: 'LogWritePolicy',
  document: {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: 'arn:aws:logs:*:*:log-group:/app/*' }],
  },
};

/** The log writer: new in dev (an empty log_shipper), adopted in prod, a different instance type in each. */
function logWriterSpec() {
  return {
    stack: 'logs',
    region: 'eu-west-1',
    variables: {
      log_shipper: { description: 'The log shipper instance to adopt; "" launches a new one.', default: '' },
      instance_type: { default: 't3.micro' },
    },
    environments: {
      dev: { accountId: '111111111111', region: 'eu-west-1', variables: { log_shipper: '', instance_type: 't3.small' } },
      prod: { accountId: '222222222222', region: 'eu-central-1', variables: { log_shipper: 'i-0bbbbbbbbbbbbbbbb', instance_type: 'm5.large' } },
    },
    profiles: [
      {
        policies: [LOG_WRITE_POLICY],
        role: { name: 'LogWriterRole' },
        instanceProfile: { name: 'LogWriterProfile' },
        instance: { existingId: '{{var.log_shipper}}', ami: 'ami-0123456789abcdef0', instanceType: '{{var.instance_type}}' },
      },
    ],
  };
}

/** Two profiles with the same IAM names, one in each of `environments`. */
function sameNamesIn(environments: Record<string, { accountId?: string; region?: string }>) {
  const [first, second] = Object.keys(environments);
  const profile = (environment: string) => ({
    policies: [LOG_WRITE_POLICY],
    role: { name: 'LogWriterRole' },
    instanceProfile: { name: 'LogWriterProfile' },
    environments: [environment],
    instance: { ami: 'ami-0123456789abcdef0' },
  });
  return { stack: 'logs', region: 'eu-west-1', environments, profiles: [profile(first), profile(second)] };
}

describe('a profile new in dev and adopted in prod', () => {
  const loaded = parseSpec(logWriterSpec(), 'spec.yaml', FIXTURES);
  const synthesized = synthesizeSpec(loaded);
  const flat = (stack: string) => JSON.parse(synthesized.files.get(`json/${stack}/main.tf.json`)!);

  it('loads with no existingId where the variable is empty, and the id where it is set', () => {
    expect(loaded.spec.environmentProfiles.dev[0].instance).not.toHaveProperty('existingId');
    expect(loaded.spec.environmentProfiles.dev[0].instance?.instanceType).toBe('t3.small');
    expect(loaded.spec.environmentProfiles.prod[0].instance).toMatchObject({ existingId: 'i-0bbbbbbbbbbbbbbbb', instanceType: 'm5.large' });
  });

  it('plans one stack per account, each in its own region with the same IAM names', () => {
    const plans = planStacks(loaded.spec);
    expect(plans.map(({ name, accountId, region }) => ({ name, accountId, region }))).toEqual([
      { name: 'logs-dev', accountId: '111111111111', region: 'eu-west-1' },
      { name: 'logs-prod', accountId: '222222222222', region: 'eu-central-1' },
    ]);
    expect(plans.map((plan) => plan.profiles.map((profile) => profile.role.name))).toEqual([['LogWriterRole'], ['LogWriterRole']]);
  });

  it('launches the instance in the flat root of dev and imports it in that of prod', () => {
    const [dev, prod] = [flat('logs-dev'), flat('logs-prod')];
    expect(dev.import).toBeUndefined();
    expect(dev.resource.aws_instance.log_writer).toMatchObject({ ami: 'ami-0123456789abcdef0', instance_type: 't3.small' });
    expect(prod.import).toEqual([{ to: 'aws_instance.log_writer', id: 'i-0bbbbbbbbbbbbbbbb' }]);
    expect(prod.resource.aws_instance.log_writer.instance_type).toBe('m5.large');
    expect(prod.provider.aws[0]).toMatchObject({ region: 'eu-central-1', allowed_account_ids: ['222222222222'] });
  });

  it('gives the import block to the thin root of prod only, in the module layout', () => {
    // Over the flat roots it replaces: the launched instance of dev moves into the module.
    const layout = synthesizeModuleLayout(loaded, synthesized, new Map([['json/logs-dev', new Set(['aws_instance.log_writer'])]]));
    const root = (stack: string) => JSON.parse(layout.get(`json/${stack}/main.tf.json`)!);
    const [dev, prod] = [root('logs-dev'), root('logs-prod')];
    expect(dev.import).toBeUndefined();
    expect(dev.module.logs).toMatchObject({ log_shipper: '', instance_type: 't3.small' });
    // The module keeps both instances, each switched by log_shipper: the adopted one at the profile's address, the launched one beside it.
    expect(prod.import).toEqual([{ to: 'module.logs.aws_instance.log_writer[0]', id: 'i-0bbbbbbbbbbbbbbbb' }]);
    expect(prod.module.logs).toMatchObject({ log_shipper: 'i-0bbbbbbbbbbbbbbbb', instance_type: 'm5.large' });
    expect(dev.moved).toContainEqual({ from: 'aws_instance.log_writer', to: 'module.logs.aws_instance.log_writer_launched[0]' });
    const main = layout.get('module/logs/main.tf')!;
    expect(main).toMatch(/resource "aws_instance" "log_writer" \{[^]*?count += var\.log_shipper != "" \? 1 : 0\n +lifecycle \{\n +prevent_destroy = true/);
    expect(main).toMatch(/resource "aws_instance" "log_writer_launched" \{[^]*?http_tokens += "required"[^]*?count = var\.log_shipper == "" \? 1 : 0\n\}/);
    expect(layout.get('module/logs/outputs.tf')).toContain('value       = try(aws_instance.log_writer[0].id, aws_instance.log_writer_launched[0].id, null)');
  });

  it("gives an instance field the spec's default where an environment's value for it is empty", () => {
    const spec = logWriterSpec();
    spec.variables = { ...spec.variables, subnet: { default: 'subnet-0123456789abcdef0' } } as typeof spec.variables;
    spec.environments.dev.variables = { ...spec.environments.dev.variables, instance_type: '', subnet: '' } as typeof spec.environments.dev.variables;
    const instance = { ...spec.profiles[0].instance, subnetId: '{{var.subnet}}' };
    const { environmentProfiles } = parseSpec({ ...spec, profiles: [{ ...spec.profiles[0], instance }] }, 'spec.yaml', FIXTURES).spec;
    // Left out, as if not written: the constructs then apply the default (t3.micro, the default VPC's subnet).
    expect(environmentProfiles.dev[0].instance).not.toHaveProperty('instanceType');
    expect(environmentProfiles.dev[0].instance).not.toHaveProperty('subnetId');
    expect(environmentProfiles.prod[0].instance).toMatchObject({ subnetId: 'subnet-0123456789abcdef0', instanceType: 'm5.large' });
  });

  it('still needs an AMI in an environment whose empty value launches an instance', () => {
    const spec = logWriterSpec();
    const { ami: _ami, ...instance } = spec.profiles[0].instance;
    // Without a default, the spec's own values (the checks' and the module's) adopt the example instance.
    const variables = { ...spec.variables, log_shipper: { description: 'The log shipper instance to adopt.', example: 'i-0123456789abcdef0' } };
    expect(problemsOfValue({ ...spec, variables, profiles: [{ ...spec.profiles[0], instance }] })).toEqual([
      'profiles.0.instance.ami: in environment dev: is required to launch an instance (or set existingId to attach to one that exists)',
    ]);
  });

  it('refuses an empty existingId written as it is, saying how to launch a new instance', () => {
    const spec = logWriterSpec();
    const profile = { ...spec.profiles[0], instance: { ...spec.profiles[0].instance, existingId: '' } };
    expect(problemsOfValue({ ...spec, profiles: [profile] })).toEqual([
      'profiles.0.instance.existingId: "" is not an instance id like "i-0123456789abcdef0": leave existingId out to launch a new instance (an environment launches one where its variable for existingId is "")',
    ]);
  });
});

describe('IAM names are unique per account', () => {
  it('allows the same names in profiles whose environments are in different accounts', () => {
    const spec = sameNamesIn({ dev: { accountId: '111111111111' }, prod: { accountId: '222222222222', region: 'eu-central-1' } });
    const plans = planStacks(parseSpec(spec, 'spec.yaml', FIXTURES).spec);
    expect(plans.map((plan) => [plan.name, plan.profiles.map((profile) => profile.fieldPath.join('.'))])).toEqual([
      ['logs-dev', ['profiles.0']],
      ['logs-prod', ['profiles.1']],
    ]);
  });

  it('allows the same account id in two partitions: they are different accounts', () => {
    const spec = sameNamesIn({ global: { accountId: '111111111111' }, china: { accountId: '111111111111', region: 'cn-north-1' } });
    expect(planStacks(parseSpec(spec, 'spec.yaml', FIXTURES).spec).map((plan) => plan.name)).toEqual(['logs-global', 'logs-china']);
  });

  it('refuses them in two environments of one account, naming the account and the environments', () => {
    const problems = problemsOfValue(sameNamesIn({ dev: { accountId: '111111111111' }, staging: { accountId: '111111111111' } }));
    const suffix = 'IAM names are unique per account, ignoring case, and both are in account 111111111111 (environments dev, staging)';
    expect(problems).toEqual(
      expect.arrayContaining([
        `profiles.1.policies.0.name: policy "LogWritePolicy" is already defined at profiles[0].policies[0].name; ${suffix}`,
        `profiles.1.role.name: role "LogWriterRole" is already defined at profiles[0].role.name; ${suffix}`,
        `profiles.1.instanceProfile.name: instance profile "LogWriterProfile" is already defined at profiles[0].instanceProfile.name; ${suffix}`,
      ]),
    );
  });

  it('takes environments without an accountId as one account', () => {
    expect(problemsOfValue(sameNamesIn({ dev: {}, staging: {} }))).toContain(
      'profiles.1.role.name: role "LogWriterRole" is already defined at profiles[0].role.name; IAM names are unique per account, ignoring case, and both are in one account (no accountId, taken as the same account) (environments dev, staging)',
    );
  });

  it('still refuses distinct names that would have the same Terraform address', () => {
    const spec = sameNamesIn({ dev: { accountId: '111111111111' }, prod: { accountId: '222222222222' } });
    spec.profiles[1] = { ...spec.profiles[1], role: { name: 'log-writer-role' }, instanceProfile: { name: 'OtherProfile' } };
    expect(problemsOfValue(spec)).toContain(
      'profiles.1.role.name: role "log-writer-role" and "LogWriterRole" (profiles[0].role.name) would both be aws_iam_role.log_writer_role; rename one',
    );
  });

  it('exits 1 through the command line when one account would get the same names twice', async () => {
    const cwd = tempDir('per-account-names-');
    fs.writeFileSync(path.join(cwd, 'spec.yaml'), stringify(sameNamesIn({ dev: { accountId: '111111111111' }, staging: { accountId: '111111111111' } })));
    const { code, stderr } = await runCli(['synth', 'spec.yaml', '--out', 'out'], cwd);
    expect(code).toBe(1);
    expect(stderr).toMatch(
      /profiles\[1\]\.role\.name: role "LogWriterRole" is already defined at profiles\[0\]\.role\.name; .*account 111111111111 \(environments dev, staging\)/,
    );
    expect(fs.existsSync(path.join(cwd, 'out'))).toBe(false);
  });

  it('refuses, with exit 1, to put profiles that share names (in different accounts) into one module', async () => {
    const cwd = tempDir('per-account-module-');
    fs.writeFileSync(
      path.join(cwd, 'spec.yaml'),
      stringify(sameNamesIn({ dev: { accountId: '111111111111' }, prod: { accountId: '222222222222', region: 'eu-central-1' } })),
    );
    const { code, stderr } = await runCli(['module', 'spec.yaml', '-o', 'mod'], cwd);
    expect(code).toBe(1);
    expect(stderr).toContain('profiles[1].role.name: the role LogWriterRole is also at profiles[0].role.name (the two are in different accounts)');
    expect(stderr).not.toMatch(/internal error|^\s+at /m);
    expect(fs.existsSync(path.join(cwd, 'mod'))).toBe(false);
  });
});
