/**
 * A plan made with the AWS provider 6.x, against the 5.x plan of the same root: the committed
 * fixture (`fixtures/plans/provider-6/`) is the 6.x form of the real offline plan of its spec's
 * prod stack, and `check --plan` and `verify --plan` (the CLI and the library functions it calls)
 * find and decide on it what they find and decide on the 5.x plan. Where 6.x says more (the
 * region of each instance), the 6.x plan is matched to its environment where the 5.x plan is not.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { expectationsOf, plansMatching } from '../../src/access/expectations';
import { verifyStack } from '../../src/access/verify';
import { sortFindings } from '../../src/checks/check-spec';
import { checkStacks } from '../../src/checks/check-stack';
import { SECURITY_RULES } from '../../src/checks/rules';
import { loadSpec } from '../../src/spec/load-spec';
import { planStacks } from '../../src/spec/plan-stacks';
import { stackModelOfPlan } from '../../src/stack-model/from-terraform-plan';
import { readPlanFile } from '../../src/stack-model/read-plan-file';
import type { StackModel } from '../../src/stack-model/stack-model';
import { PROVIDER_6_PLAN, PROVIDER_6_SPEC, PROVIDER_6_STACK } from '../../scripts/plan-fixtures/provider-6-files';
import { fixtureText, writeFixtureRoot } from '../../scripts/plan-fixtures/provider-6-fixture';
import { provider6Plan } from '../../scripts/plan-fixtures/provider-6-plan';
import { useOfflineTerraform } from '../helpers/offline-terraform';
import { planFixture, type PlannedFixture } from '../helpers/plan-fixture';
import { committedProvider6Plan, INSTANCE, type Provider6PlanJson, withRegionFromEnvironment } from '../helpers/provider-6-plan';
import { runCli } from '../helpers/run-cli';
import { OFFLINE_OVERRIDE } from '../helpers/terraform-plans';
import { tempDir } from '../helpers/temp-dirs';

const terraform = useOfflineTerraform();

/** A CLI run's output without its first line, which names the plan file. */
const report = (stdout: string) => stdout.split('\n').slice(1).join('\n');

describe('a 6.x plan and the 5.x plan of the same root', () => {
  const dir = tempDir('provider-6-plan-');
  const sixFile = path.join(dir, 'plan-6.json');
  let five: PlannedFixture;
  let six: Provider6PlanJson;

  beforeAll(async () => {
    // allowed_account_ids lifted: with fake credentials the provider cannot learn the account.
    five = await planFixture(writeFixtureRoot(tempDir('provider-6-root-')), { files: { 'offline_override.tf': OFFLINE_OVERRIDE }, runner: terraform() });
    six = committedProvider6Plan();
    fs.copyFileSync(PROVIDER_6_PLAN, sixFile);
  });

  it('is what the script makes of the real 5.x plan of the root today (else: npx ts-node scripts/plan-fixtures/provider-6-fixture.ts)', () => {
    // Terraform's own version is the one that planned; the committed plan says the one that made it.
    const version = (six as unknown as { terraform_version: string }).terraform_version;
    const planned: Record<string, unknown> = { ...(five.plan as Record<string, unknown>), terraform_version: version };
    if (planned.prior_state) planned.prior_state = { ...(planned.prior_state as Record<string, unknown>), terraform_version: version };
    expect(fixtureText(provider6Plan(planned))).toBe(fs.readFileSync(PROVIDER_6_PLAN, 'utf8'));
  });

  it("holds in the 5.x plan the SHA-1 hex of the user data's text, which the 6.x plan holds as it is", () => {
    const values = (plan: unknown) =>
      (plan as Provider6PlanJson).planned_values.root_module.resources.find((resource) => resource.address === INSTANCE)!.values;
    const text = values(six).user_data as string;
    expect(text).toContain('DB_PASSWORD=');
    expect(values(five.plan).user_data).toBe(createHash('sha1').update(text).digest('hex'));
  });

  it('models the same stack, but for the region of the instance, which only the 6.x plan says', () => {
    const fromFive = stackModelOfPlan(five.plan, 'plan.json');
    const fromSix = stackModelOfPlan(six, 'plan.json');
    expect(fromFive.resources.map((resource) => resource.region)).toEqual([undefined, undefined, undefined, undefined, undefined]);
    expect(fromSix).toEqual({
      ...fromFive,
      resources: fromFive.resources.map((resource) => (resource.address === INSTANCE ? { ...resource, region: 'eu-west-1' } : resource)),
    });
  });

  it('check --plan: the same findings on both, by the CLI and by checkStacks, the user data secret among them', async () => {
    const runs = [await runCli(['check', '--plan', five.jsonFile], dir), await runCli(['check', '--plan', sixFile], dir)];
    expect(runs.map(({ code }) => code)).toEqual([1, 1]);
    expect(report(runs[1].stdout)).toBe(report(runs[0].stdout));
    const rows = report(runs[1].stdout)
      .split('\n')
      .filter((line) => /^(error|warning)/.test(line))
      .map((line) => line.split(/\s{2,}/).slice(0, 4));
    expect(rows).toEqual([
      ['warning', 'EC2_DETAILED_MONITORING', 'low', 'aws_instance.s3_write.monitoring'],
      ['error', 'EC2_USER_DATA_NO_SECRETS', 'high', 'aws_instance.s3_write.user_data'],
    ]);
    const findings = async (file: string) => sortFindings(await checkStacks([readPlanFile(file)], SECURITY_RULES));
    expect(await findings(sixFile)).toEqual(await findings(five.jsonFile));
  });

  it('verify --plan with the spec: both matched to prod by their region, with the same decisions, by the CLI and by verifyStack', async () => {
    const runs = [await runCli(['verify', '--plan', five.jsonFile, PROVIDER_6_SPEC], dir), await runCli(['verify', '--plan', sixFile, PROVIDER_6_SPEC], dir)];
    expect(runs.map(({ code, stderr }) => ({ code, stderr }))).toEqual([
      { code: 0, stderr: '' },
      { code: 0, stderr: '' },
    ]);
    expect(runs[1].stdout.split('\n')[0]).toBe(`plan: ${sixFile}, expectations: ${PROVIDER_6_SPEC} (stack ${PROVIDER_6_STACK})`);
    expect(report(runs[1].stdout)).toBe(report(runs[0].stdout));
    expect(report(runs[1].stdout)).toContain('S3WriteProfile: role arn:aws:iam::222222222222:role/S3WriteRole');
    expect(report(runs[1].stdout)).toContain('access: 5 checks in 1 profile: 5 met, 0 failed, 0 not evaluated');

    const loaded = loadSpec(PROVIDER_6_SPEC);
    const decided = async (stack: StackModel) => {
      const matched = plansMatching(planStacks(loaded.spec), stack);
      expect(matched.map((plan) => plan.name)).toEqual([PROVIDER_6_STACK]);
      return verifyStack({ ...stack, provider: { ...stack.provider, allowedAccountIds: [matched[0].accountId!] } }, expectationsOf(loaded, matched[0].name));
    };
    const [fromFive, fromSix] = [await decided(readPlanFile(five.jsonFile)), await decided(readPlanFile(sixFile))];
    expect(fromSix.map(({ stack: _stack, ...result }) => result)).toEqual(fromFive.map(({ stack: _stack, ...result }) => result));
    expect(fromSix.flatMap((result) => result.rows.map((row) => [row.request, row.met]))).toEqual([
      ['put s3://instance-profile-test1/writetest', true],
      ['put s3://instance-profile-test2/writetest', true],
      ['list s3://instance-profile-test1', true],
      ['sts:AssumeRole by ec2.amazonaws.com', true],
      ['sts:AssumeRole by arn:aws:iam::999999999999:root', true],
    ]);
  });

  it("with the region from AWS_REGION at plan time: the 6.x plan is matched to prod by its instance's region, the 5.x plan needs --environment", async () => {
    const fiveFile = path.join(dir, 'plan-5-aws-region.json');
    const sixAwsRegion = path.join(dir, 'plan-6-aws-region.json');
    fs.writeFileSync(fiveFile, JSON.stringify(withRegionFromEnvironment(JSON.parse(fs.readFileSync(five.jsonFile, 'utf8')) as Provider6PlanJson)));
    fs.writeFileSync(sixAwsRegion, JSON.stringify(withRegionFromEnvironment(committedProvider6Plan())));
    const fromFive = await runCli(['verify', '--plan', fiveFile, PROVIDER_6_SPEC], dir);
    expect(fromFive.code).toBe(2);
    expect(fromFive.stderr).toContain(
      'the plan could be any of s3-write-dev (account 111111111111, us-east-1), s3-write-prod (account 222222222222, eu-west-1)',
    );
    const fromSix = await runCli(['verify', '--plan', sixAwsRegion, PROVIDER_6_SPEC], dir);
    expect({ code: fromSix.code, stderr: fromSix.stderr }).toEqual({ code: 0, stderr: '' });
    expect(fromSix.stdout).toContain(`(stack ${PROVIDER_6_STACK})`);
    expect(report(fromSix.stdout)).toBe(report((await runCli(['verify', '--plan', fiveFile, PROVIDER_6_SPEC, '--environment', 'prod'], dir)).stdout));
    // check --plan: the 5.x plan's region is assumed (and reported so), the 6.x plan's is known.
    const checks = [await runCli(['check', '--plan', fiveFile], dir), await runCli(['check', '--plan', sixAwsRegion], dir)];
    expect(checks[0].stdout).toMatch(/warning\s+TERRAFORM_UNKNOWN_VALUE\s+-\s+provider\.aws\.region\s+the provider's region is not in the Terraform/);
    expect(checks[1].stdout).not.toContain('TERRAFORM_UNKNOWN_VALUE');
  });
});
