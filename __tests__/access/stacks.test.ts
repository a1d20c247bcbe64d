/**
 * Verification reads each stack as it deploys: the synthesized (or planned) Terraform, with the
 * provider's account, region and partition, the role's policies and trust as synthesized, and
 * its tags; not a second model of the spec.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Testing } from 'cdktf';
import { expectationsOf } from '../../src/access/expectations';
import type { ProfileExpectations } from '../../src/spec/expectations-file';
import { ACCESS_EXPECTATION_RULE, ACCESS_NOT_EVALUATED_RULE, verifyFindings } from '../../src/access/findings';
import { renderVerifyReport } from '../../src/access/report';
import { ProfileVerification, VerifyRow, verifyStack } from '../../src/access/verify';
import { buildStacks } from '../../src/app';
import { runVerify } from '../../src/cli/verify-command';
import { loadSpec } from '../../src/spec/load-spec';
import { stackModelOfTerraformJson, type TerraformJsonConfig } from '../../src/stack-model/from-terraform-json';
import { synthesizeStackModels } from '../../src/pipeline/synthesize';
import type { StackModel } from '../../src/stack-model/stack-model';
import { tempDir } from '../helpers/temp-dirs';
import { firstProfile, specWith, verifySpec } from './helpers';

const PUT_TEST1 = 'put s3://instance-profile-test1/writetest';
const PUT_TEST2 = 'put s3://instance-profile-test2/writetest';
const LIST_TEST1 = 'list s3://instance-profile-test1';

/** The walkthrough's policy with its ARNs in `partition`. */
function writePolicyIn(partition: string) {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Action: ['s3:PutObject', 's3:ListBucket'],
        Resource: [`arn:${partition}:s3:::instance-profile-test1/*`, `arn:${partition}:s3:::instance-profile-test1`],
      },
    ],
  };
}

function rowOf(result: ProfileVerification, request: string): VerifyRow {
  const found = result.rows.find((candidate) => candidate.request === request);
  if (!found) throw new Error(`no row for ${request} in ${result.stack}`);
  return found;
}

/** Runs `verify` on a spec file, capturing what it prints. */
async function verifyCommand(file: string): Promise<{ ok: boolean; stdout: string; stderr: string }> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const log = jest.spyOn(console, 'log').mockImplementation((...args) => void stdout.push(args.join(' ')));
  const error = jest.spyOn(console, 'error').mockImplementation((...args) => void stderr.push(args.join(' ')));
  const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    stdout.push(String(chunk));
    return true;
  });
  try {
    return { ok: await runVerify({ specFile: file }), stdout: stdout.join('\n'), stderr: stderr.join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
    write.mockRestore();
  }
}

describe('the issue: a spec whose only environment is in China', () => {
  test('`verify` decides as the role the stack deploys: arn:aws-cn:iam::222222222222:role/S3WriteRole, trusted by ec2.amazonaws.com.cn', async () => {
    const dir = tempDir('verify-cn-');
    const file = path.join(dir, 'spec.json');
    const spec = {
      stack: 's3-write',
      environments: { prod: { accountId: '222222222222', region: 'cn-north-1' } },
      profiles: [
        {
          policies: [{ name: 'S3WritePolicy', document: writePolicyIn('aws-cn') }],
          role: { name: 'S3WriteRole' },
          instanceProfile: { name: 'S3WriteProfile' },
          expectations: [{ allow: PUT_TEST1 }, { deny: PUT_TEST2 }, { allow: LIST_TEST1 }],
        },
      ],
    };
    fs.writeFileSync(file, JSON.stringify(spec));

    const { ok, stdout } = await verifyCommand(file);

    expect(ok).toBe(true);
    expect(stdout).toContain('S3WriteProfile: role arn:aws-cn:iam::222222222222:role/S3WriteRole (profiles[0])');
    expect(stdout).toMatch(/ok {2}sts:AssumeRole by ec2\.amazonaws\.com\.cn +allow +allowed +default EC2 trust policy statement 0/);
    expect(stdout).toMatch(/ok {2}sts:AssumeRole by arn:aws-cn:iam::999999999999:root +deny +implicitly denied/);
    expect(stdout).toMatch(/ok {2}put s3:\/\/instance-profile-test1\/writetest +allow +allowed +S3WritePolicy statement 0/);
    expect(stdout).not.toContain('123456789012');
    expect(stdout).not.toContain('placeholder');
    expect(stdout).toContain('access: 5 checks in 1 profile: 5 met, 0 failed, 0 not evaluated');
  });

  test("the policy's aws ARNs do not grant anything in aws-cn: the verifier no longer says they do", async () => {
    const loaded = specWith((spec) => {
      spec.environments = { prod: { accountId: '222222222222', region: 'cn-north-1' } };
    });
    const [result] = await verifySpec(loaded);
    expect(result).toMatchObject({ stack: 's3-write-prod', roleArn: 'arn:aws-cn:iam::222222222222:role/S3WriteRole', notes: [] });
    expect(rowOf(result, PUT_TEST1)).toMatchObject({ decision: 'implicitly denied', met: false });
    expect(rowOf(result, 'sts:AssumeRole by ec2.amazonaws.com.cn')).toMatchObject({ decision: 'allowed', met: true });
  });
});

describe('the built-in example, read from its synthesized stack', () => {
  test('put test1 allowed, put test2 denied, list test1 allowed; EC2 may assume the role, another account may not', async () => {
    const loaded = loadSpec();
    const [stack] = synthesizeStackModels(loaded);
    expect(stack.source).toBe('s3-write');
    const [result] = await verifyStack(stack, expectationsOf(loaded, stack.source));
    expect(result.rows.map((row) => [row.request, row.decision, row.met])).toEqual([
      [PUT_TEST1, 'allowed', true],
      [PUT_TEST2, 'implicitly denied', true],
      [LIST_TEST1, 'allowed', true],
      ['sts:AssumeRole by ec2.amazonaws.com', 'allowed', true],
      ['sts:AssumeRole by arn:aws:iam::999999999999:root', 'implicitly denied', true],
    ]);
    expect(result.notes).toEqual([
      "the stack's provider names no account in allowed_account_ids: the role is simulated in the placeholder account 123456789012",
    ]);
  });
});

describe('environments and partitions', () => {
  test('a us-gov environment: the role, the S3 ARNs and the AWS-managed policy ARN are in aws-us-gov', async () => {
    const loaded = specWith((spec) => {
      spec.environments = { gov: { accountId: '333333333333', region: 'us-gov-west-1' } };
      const profile = firstProfile(spec);
      profile.policies[0].document = writePolicyIn('aws-us-gov');
      profile.role.managedPolicies = ['AmazonS3ReadOnlyAccess'];
      profile.expectations.push({ allow: 'get s3://any-bucket/report.csv' });
    });
    const [result] = await verifySpec(loaded);
    expect(result).toMatchObject({ stack: 's3-write-gov', roleArn: 'arn:aws-us-gov:iam::333333333333:role/S3WriteRole', problems: [] });
    expect(result.rows.every((row) => row.met)).toBe(true);
    expect(rowOf(result, 'get s3://any-bucket/report.csv').deciding).toBe('AmazonS3ReadOnlyAccess statement 0');
    expect(rowOf(result, 'sts:AssumeRole by ec2.amazonaws.com').decision).toBe('allowed');
    expect(rowOf(result, 'sts:AssumeRole by arn:aws-us-gov:iam::999999999999:root').decision).toBe('implicitly denied');
  });

  test('each environment is its own stack: rows per stack, the report grouped by stack, findings naming the stack', async () => {
    const loaded = specWith((spec) => {
      spec.environments = { dev: { accountId: '111122223333' }, prod: { accountId: '222222222222', region: 'cn-north-1' } };
    });
    const results = await verifySpec(loaded);
    expect(results.map((result) => [result.stack, result.roleArn])).toEqual([
      ['s3-write-dev', 'arn:aws:iam::111122223333:role/S3WriteRole'],
      ['s3-write-prod', 'arn:aws-cn:iam::222222222222:role/S3WriteRole'],
    ]);
    const report = renderVerifyReport(results);
    expect(report).toContain('stack s3-write-dev:\n  S3WriteProfile: role arn:aws:iam::111122223333:role/S3WriteRole (profiles[0])\n');
    expect(report).toContain('stack s3-write-prod:\n  S3WriteProfile: role arn:aws-cn:iam::222222222222:role/S3WriteRole (profiles[0])\n');
    expect(report).toContain('access: 10 checks in 2 profiles across 2 stacks: 8 met, 2 failed, 0 not evaluated');
    expect(verifyFindings(results).map((finding) => [finding.rule, finding.path, finding.message])).toEqual([
      [
        ACCESS_EXPECTATION_RULE,
        ['profiles', 0, 'expectations', 0],
        `${PUT_TEST1}: expected allow, but implicitly denied: no statement of S3WritePolicy allows it (in s3-write-prod)`,
      ],
      [
        ACCESS_EXPECTATION_RULE,
        ['profiles', 0, 'expectations', 2],
        `${LIST_TEST1}: expected allow, but implicitly denied: no statement of S3WritePolicy allows it (in s3-write-prod)`,
      ],
    ]);
  });

  test('the jest matchers decide in every stack of a spec, and name the stack that disagrees', async () => {
    const loaded = specWith((spec) => {
      spec.environments = { dev: { accountId: '111122223333' }, prod: { accountId: '222222222222', region: 'cn-north-1' } };
    });
    await expect(expect(loaded).toAllow('S3WriteProfile', PUT_TEST1)).rejects.toThrow(
      `expected S3WriteProfile to allow ${PUT_TEST1}, but it is implicitly denied: no statement of S3WritePolicy allows it in s3-write-prod`,
    );
    await expect(loaded).toDeny('S3WriteProfile', PUT_TEST2);
    await expect(expect(loaded).not.toAllow('S3WriteProfile', PUT_TEST1)).rejects.toThrow('but it is allowed by S3WritePolicy statement 0 in s3-write-dev');
  });

  test('the jest matchers take a StackModel, and an InstanceProfileStack of an environment', async () => {
    const loaded = specWith((spec) => {
      spec.environments = { prod: { accountId: '222222222222', region: 'cn-north-1' } };
      firstProfile(spec).policies[0].document = writePolicyIn('aws-cn');
    });
    const [stack] = buildStacks(Testing.app(), loaded);
    await expect(stack).toAllow('S3WriteProfile', PUT_TEST1);
    await expect(stack).toDeny('S3WriteRole', { action: 's3:PutObject', resource: 'arn:aws:s3:::instance-profile-test1/k' });
    const [model] = synthesizeStackModels(loaded);
    await expect(model).toAllow('S3WriteProfile', LIST_TEST1);
  });
});

describe('what the stack lacks, and what is known only after apply', () => {
  const expecting = (instanceProfile: string, path: Array<string | number>, ...requests: string[]): ProfileExpectations => ({
    instanceProfile,
    path,
    expectations: requests.map((allow) => ({ allow })),
  });

  test("an expectation naming an instance profile the stack does not have is a problem naming it; the stack's own profile still gets its trust checks", async () => {
    const [stack] = synthesizeStackModels(loadSpec());
    const results = await verifyStack(stack, [expecting('NoSuchProfile', ['profiles', 1], PUT_TEST1)]);
    expect(results.map((result) => result.profile)).toEqual(['NoSuchProfile', 'S3WriteProfile']);
    const [missing, own] = results;
    const message = 'cannot evaluate: s3-write has no instance profile named "NoSuchProfile"; its instance profiles: S3WriteProfile';
    expect(missing).toMatchObject({ roleArn: '', problems: [{ fieldPath: 'profiles[1]', message }] });
    expect(missing.rows).toEqual([expect.objectContaining({ request: PUT_TEST1, problem: message, met: false, blockedByProfile: true })]);
    expect(own.rows.map((row) => [row.kind, row.met])).toEqual([
      ['trust', true],
      ['trust', true],
    ]);
    expect(verifyFindings(results)).toEqual([
      {
        rule: ACCESS_NOT_EVALUATED_RULE,
        level: 'error',
        profile: 'NoSuchProfile',
        path: ['profiles', 1],
        message: `${message} (1 expectation of NoSuchProfile not verified)`,
      },
    ]);
    expect(renderVerifyReport(results)).toContain('NoSuchProfile: no role to check (profiles[1])');
  });

  /** A hand-written root: a role trusted by EC2, a policy, an instance profile and an adopted instance. */
  function handwritten(change: (config: any) => void = () => undefined): StackModel {
    const config: any = {
      provider: { aws: [{ region: 'eu-west-1', allowed_account_ids: ['444455556666'], default_tags: [{ tags: { Team: 'platform' } }] }] },
      resource: {
        aws_iam_policy: {
          app: {
            name: 'AppPolicy',
            policy: JSON.stringify({
              Version: '2012-10-17',
              Statement: [
                {
                  Effect: 'Allow',
                  Action: 's3:PutObject',
                  Resource: 'arn:aws:s3:::app-bucket/*',
                  Condition: { StringEquals: { 'aws:PrincipalTag/Team': 'platform' } },
                },
              ],
            }),
          },
        },
        aws_iam_role: {
          app: {
            name: 'AppRole',
            path: '/apps/',
            assume_role_policy: JSON.stringify({
              Version: '2012-10-17',
              Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
            }),
          },
        },
        aws_iam_role_policy_attachment: { app: { role: '${aws_iam_role.app.name}', policy_arn: '${aws_iam_policy.app.arn}' } },
        aws_iam_instance_profile: { app: { name: 'AppProfile', role: '${aws_iam_role.app.name}' } },
        aws_instance: { app: { iam_instance_profile: '${aws_iam_instance_profile.app.name}' } },
      },
      import: [{ to: 'aws_instance.app', id: 'i-0aaaabbbbccccdddd' }],
    };
    change(config);
    return stackModelOfTerraformJson(config as TerraformJsonConfig, { source: 'main.tf.json' });
  }

  const put = 'put s3://app-bucket/k';

  test("hand-written Terraform: the provider's account and region, the role's path and tags_all (default tags included), the adopted instance's id", async () => {
    const stack = handwritten((config) => {
      const statement = JSON.parse(config.resource.aws_iam_policy.app.policy).Statement[0];
      statement.Condition.StringEquals['ec2:SourceInstanceARN'] = 'arn:aws:ec2:eu-west-1:444455556666:instance/i-0aaaabbbbccccdddd';
      statement.Condition.StringEquals['aws:RequestedRegion'] = 'eu-west-1';
      config.resource.aws_iam_policy.app.policy = JSON.stringify({ Version: '2012-10-17', Statement: [statement] });
    });
    const [result] = await verifyStack(stack, [expecting('AppProfile', ['app'], put)]);
    expect(result).toMatchObject({ stack: 'main.tf.json', roleArn: 'arn:aws:iam::444455556666:role/apps/AppRole', problems: [], notes: [] });
    expect(result.rows.map((row) => [row.request, row.decision, row.deciding, row.fieldPath])).toEqual([
      [put, 'allowed', 'AppPolicy statement 0', 'app.expectations[0]'],
      ['sts:AssumeRole by ec2.amazonaws.com', 'allowed', 'trust policy statement 0', 'aws_iam_role.app.assume_role_policy'],
      [
        'sts:AssumeRole by arn:aws:iam::999999999999:root',
        'implicitly denied',
        'no statement of the trust policy allows it',
        'aws_iam_role.app.assume_role_policy',
      ],
    ]);
  });

  test('the trust is read as written: a China stack whose role trusts ec2.amazonaws.com fails the EC2 trust check', async () => {
    const stack = handwritten((config) => {
      config.provider.aws[0].region = 'cn-north-1';
    });
    const [result] = await verifyStack(stack, []);
    expect(rowOf(result, 'sts:AssumeRole by ec2.amazonaws.com.cn')).toMatchObject({
      decision: 'implicitly denied',
      met: false,
      fieldPath: 'aws_iam_role.app.assume_role_policy',
    });
  });

  test('a policy document known only after apply is reported, not guessed; the trust is still checked', async () => {
    const stack = handwritten((config) => {
      config.resource.aws_iam_policy.app.policy = '${data.aws_iam_policy_document.app.json}';
    });
    const [result] = await verifyStack(stack, [expecting('AppProfile', ['app'], put)]);
    const message = 'cannot evaluate: the document of aws_iam_policy.app is known only after apply';
    expect(result.problems).toEqual([{ path: ['aws_iam_policy.app', 'policy'], fieldPath: 'aws_iam_policy.app.policy', message }]);
    expect(result.rows.map((row) => [row.request, row.decision, row.problem])).toEqual([
      [put, undefined, message],
      ['sts:AssumeRole by ec2.amazonaws.com', 'allowed', undefined],
      ['sts:AssumeRole by arn:aws:iam::999999999999:root', 'implicitly denied', undefined],
    ]);
    expect(verifyFindings([result]).map((finding) => finding.message)).toEqual([`${message} (1 expectation of AppProfile not verified)`]);
  });

  test('a policy ARN and a trust policy known only after apply, and a boundary that is a policy of the stack', async () => {
    const stack = handwritten((config) => {
      config.resource.aws_iam_role_policy_attachment.shared = { role: '${aws_iam_role.app.name}', policy_arn: '${data.aws_iam_policy.shared.arn}' };
      config.resource.aws_iam_role.app.assume_role_policy = '${data.aws_iam_policy_document.trust.json}';
    });
    const [result] = await verifyStack(stack, [expecting('AppProfile', ['app'], put)]);
    expect(result.problems.map((problem) => [problem.fieldPath, problem.message])).toEqual([
      [
        'aws_iam_role_policy_attachment.shared.policy_arn',
        'cannot evaluate: the policy ARN of aws_iam_role_policy_attachment.shared is known only after apply',
      ],
    ]);
    expect(result.rows.slice(1).map((row) => row.problem)).toEqual([
      'cannot evaluate: the trust policy of aws_iam_role.app is known only after apply',
      'cannot evaluate: the trust policy of aws_iam_role.app is known only after apply',
    ]);

    const bounded = handwritten((config) => {
      config.resource.aws_iam_policy.boundary = {
        name: 'Boundary',
        policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] }),
      };
      config.resource.aws_iam_role.app.permissions_boundary = '${aws_iam_policy.boundary.arn}';
    });
    const [boundedResult] = await verifyStack(bounded, [expecting('AppProfile', ['app'], put)]);
    expect(boundedResult.rows[0]).toMatchObject({ decision: 'implicitly denied', deciding: 'not allowed by permissions boundary Boundary' });
  });

  test('a role name known only after apply: nothing is decided as a guessed role', async () => {
    const stack = handwritten((config) => {
      config.resource.aws_iam_role.app.name = '${random_pet.name.id}';
    });
    const results = await verifyStack(stack, []);
    const message = 'cannot evaluate: the name of aws_iam_role.app is known only after apply';
    expect(results).toEqual([expect.objectContaining({ profile: 'AppProfile', roleArn: '', rows: [], problems: [expect.objectContaining({ message })] })]);
    expect(verifyFindings(results).map((finding) => finding.message)).toEqual([message]);
  });
});
