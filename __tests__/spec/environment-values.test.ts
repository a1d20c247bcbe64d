import * as fs from 'fs';
import * as path from 'path';
import { parseSpec } from '../../src/spec/load-spec';
import { synthesize } from '../../src/pipeline/synthesize';
import { runCli } from '../helpers/run-cli';
import { FIXTURES } from '../helpers/synth';
import { tempDir } from '../helpers/temp-dirs';
import { problemsOfValue } from '../helpers/spec-problems';

/** dev and prod in their own accounts, each with its own instance to adopt; prod also has a web instance. */
function devAndProd(prodInstance = 'i-0bbbbbbbbbbbbbbbb') {
  return {
    stack: 'app',
    variables: { ami: { default: 'ami-0123456789abcdef0' }, instance: { description: 'The instance of each account.', example: 'i-0123456789abcdef0' } },
    environments: {
      dev: { accountId: '111122223333', variables: { instance: 'i-0aaaaaaaaaaaaaaaa', ami: 'ami-0aaaaaaaaaaaaaaaa' } },
      prod: { accountId: '444455556666', region: 'eu-west-1', variables: { instance: prodInstance } },
    },
    profiles: [
      { role: { name: 'AppRole', managedPolicies: ['AmazonSSMManagedInstanceCore'] }, instance: { existingId: '{{var.instance}}' } },
      { role: { name: 'WebRole' }, environments: ['prod'], instance: { ami: '{{var.ami}}' } },
    ],
  };
}

describe('per-environment values', () => {
  const files = synthesize(parseSpec(devAndProd(), 'spec.yaml', FIXTURES));
  const config = (stack: string) => JSON.parse(files.get(`json/${stack}/main.tf.json`)!);

  it("give each environment's stack its own instance id and AMI, the default where the environment sets none", () => {
    expect(config('app-dev').import).toEqual([{ to: 'aws_instance.app_role', id: 'i-0aaaaaaaaaaaaaaaa' }]);
    expect(config('app-prod').import).toEqual([{ to: 'aws_instance.app_role', id: 'i-0bbbbbbbbbbbbbbbb' }]);
    expect(config('app-prod').resource.aws_instance.web_role.ami).toBe('ami-0123456789abcdef0');
  });

  it('deploy a profile only to the environments it lists', () => {
    expect(Object.keys(config('app-dev').resource.aws_iam_role)).toEqual(['app_role']);
    expect(Object.keys(config('app-prod').resource.aws_iam_role).sort()).toEqual(['app_role', 'web_role']);
  });

  it('refuse one instance id in two accounts, at the field that uses it', () => {
    expect(problemsOfValue(devAndProd('i-0aaaaaaaaaaaaaaaa'))).toContain(
      'profiles.0.instance.existingId: instance i-0aaaaaaaaaaaaaaaa would be used in environment dev (account 111122223333) and in prod (account 444455556666); it belongs to one account: give each environment its own value (a variable set under environments.<name>.variables)',
    );
    const literal = {
      ...devAndProd(),
      profiles: [{ role: { name: 'R' }, instance: { existingId: 'i-0123456789abcdef0', subnetId: 'subnet-0123456789abcdef0' } }],
    };
    expect(problemsOfValue(literal)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^profiles\.0\.instance\.existingId: instance i-0123456789abcdef0 would be used in environment dev/),
        expect.stringMatching(/^profiles\.0\.instance\.subnetId: subnet subnet-0123456789abcdef0 would be used/),
      ]),
    );
  });

  it.each([
    [
      { environments: { dev: { variables: { instanse: 'i-0aaaaaaaaaaaaaaaa' } } } },
      'environments.dev.variables.instanse: sets instanse, which is not declared under variables (did you mean "instance"?)',
    ],
    [{ environments: { dev: { variables: { ami: 7 } } } }, 'environments.dev.variables.ami: number 7 is not a string'],
    [
      { environments: { dev: { variables: { ami: 'not-an-ami' } } } },
      'profiles.1.instance.ami: in environment dev: "not-an-ami" is not an AMI id like "ami-0123456789abcdef0"',
    ],
    [
      { profiles: [{ role: { name: 'R' }, environments: ['prd'] }] },
      'profiles.0.environments.0: "prd" is not an environment of the spec (dev, prod); did you mean "prod"?',
    ],
  ])('report a mistake with its field (%#)', (change, message) => {
    const spec = devAndProd() as Record<string, unknown>;
    const merged = { ...spec, ...change, environments: { ...(spec.environments as object), ...((change as { environments?: object }).environments ?? {}) } };
    expect(problemsOfValue(merged)).toContain(message);
  });

  it('let synth use a variable without a default when every environment sets it', async () => {
    const cwd = tempDir('env-');
    fs.writeFileSync(path.join(cwd, 'spec.json'), JSON.stringify(devAndProd()));
    expect((await runCli(['synth', 'spec.json', '-o', 'out', '-q'], cwd)).code).toBe(0);
    const missing = devAndProd();
    delete (missing.environments.prod.variables as { instance?: string }).instance;
    fs.writeFileSync(path.join(cwd, 'missing.json'), JSON.stringify({ ...missing, profiles: [missing.profiles[0]] }));
    const { code, stderr } = await runCli(['synth', 'missing.json', '-o', 'out2'], cwd);
    expect(code).toBe(1);
    expect(stderr).toContain(
      'variables.instance: has no default, which the flat root needs: give it one or a value in every environment, or generate a module',
    );
  });
});

describe('the Terraform names of per-environment profiles', () => {
  it("are the spec's, whatever names an environment's values give", () => {
    const spec = {
      stack: 'named',
      variables: { team: { example: 'reports' } },
      environments: {
        dev: { accountId: '111122223333', variables: { team: 'dev-reports' } },
        prod: { accountId: '444455556666', variables: { team: 'prod-reports' } },
      },
      profiles: [
        {
          role: { name: '{{var.team}}-writer' },
          policies: [
            {
              name: '{{var.team}}-write',
              document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:PutObject', Resource: 'arn:aws:s3:::{{var.team}}/*' }] },
            },
          ],
        },
      ],
    };
    const files = synthesize(parseSpec(spec, 'spec.yaml', FIXTURES));
    for (const [stack, team] of [
      ['named-dev', 'dev-reports'],
      ['named-prod', 'prod-reports'],
    ]) {
      const config = JSON.parse(files.get(`json/${stack}/main.tf.json`)!);
      expect(config.resource.aws_iam_role.reports_writer.name).toBe(`${team}-writer`);
      expect(Object.keys(config.resource.aws_iam_policy)).toEqual(['reports_write']);
    }
  });
});
