/**
 * `check --plan` and `verify --plan` on the committed plan of an AWS provider 6.x root (see
 * `fixtures/plans/provider-6/README.md`), as a user runs them; the same against the 5.x plan of
 * the root, with real Terraform: `__tests__/terraform/provider-6-plan.test.ts`.
 */
import * as fs from 'fs';
import * as path from 'path';
import { PROVIDER_6_PLAN, PROVIDER_6_SPEC } from '../../scripts/plan-fixtures/provider-6-files';
import { committedProvider6Plan, instanceOf, withRegionFromEnvironment } from '../helpers/provider-6-plan';
import { runCli } from '../helpers/run-cli';
import { tempDir } from '../helpers/temp-dirs';

const dir = tempDir('cli-provider-6-');

/** Writes `plan` as a plan file of the test's folder. */
function planFile(name: string, plan: unknown): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, typeof plan === 'string' ? plan : JSON.stringify(plan));
  return file;
}

describe('a plan made with the AWS provider 6.x', () => {
  it('check --plan reports its findings at the Terraform addresses, the secret in its clear-text user data among them', async () => {
    const { code, stdout, stderr } = await runCli(['check', '--plan', PROVIDER_6_PLAN], dir);
    expect({ code, stderr }).toEqual({ code: 1, stderr: '' });
    expect(
      stdout
        .split('\n')
        .filter((line) => /^(error|warning)/.test(line))
        .map((line) => line.split(/\s{2,}/).slice(0, 4)),
    ).toEqual([
      ['warning', 'EC2_DETAILED_MONITORING', 'low', 'aws_instance.s3_write.monitoring'],
      ['error', 'EC2_USER_DATA_NO_SECRETS', 'high', 'aws_instance.s3_write.user_data'],
    ]);
    expect(stdout.trimEnd().split('\n').pop()).toBe('1 error, 1 warning, 0 suppressed');
  });

  it('check --plan finds the secret in user data that the configuration gives by an expression: the plan holds its text', async () => {
    const plan = committedProvider6Plan();
    instanceOf(plan).expressions.user_data = { references: ['local.boot_script'] };
    const { stdout } = await runCli(['check', '--plan', planFile('expression.json', plan)], dir);
    expect(stdout).toMatch(/error\s+EC2_USER_DATA_NO_SECRETS\s+high\s+aws_instance\.s3_write\.user_data\s+user data line 3 holds a password or secret/);
  });

  it("verify --plan decides the spec's expectations of the stack it is matched to by its region", async () => {
    const { code, stdout, stderr } = await runCli(['verify', '--plan', PROVIDER_6_PLAN, PROVIDER_6_SPEC], dir);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toContain('(stack s3-write-prod)');
    expect(stdout).toContain('S3WriteProfile: role arn:aws:iam::222222222222:role/S3WriteRole');
    expect(stdout).toMatch(/ok\s+put s3:\/\/instance-profile-test2\/writetest\s+deny\s+implicitly denied/);
  });

  it("verify --plan matches it by its instance's planned region when its provider's is not in the configuration", async () => {
    const { code, stdout } = await runCli(
      ['verify', '--plan', planFile('aws-region.json', withRegionFromEnvironment(committedProvider6Plan())), PROVIDER_6_SPEC],
      dir,
    );
    expect(code).toBe(0);
    expect(stdout).toContain('(stack s3-write-prod)');
  });

  it('a plan of the wrong shape is an input error naming the file and the field, without a stack trace', async () => {
    const plan = committedProvider6Plan() as unknown as { planned_values: { root_module: { resources: unknown[] } } };
    plan.planned_values.root_module.resources[2] = 'aws_iam_role.s3_write_role';
    const file = planFile('broken.json', plan);
    for (const command of ['check', 'verify']) {
      const { code, stderr } = await runCli([command, '--plan', file], dir);
      expect(code).toBe(1);
      expect(stderr).toContain(
        `${file}: is not the JSON of \`terraform show -json <planfile>\` (planned_values.root_module.resources[2] is a JSON string, not an object)`,
      );
      expect(stderr).not.toMatch(/\n\s+at /);
    }
  });
});
