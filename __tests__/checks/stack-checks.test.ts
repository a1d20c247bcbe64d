/**
 * The checks read what each stack deploys: its provider (partition, default tags) and its
 * resources as synthesized, from a spec or from hand-written Terraform.
 */
import { checkStacks } from '../../src/checks/check-stack';
import { SECURITY_RULES } from '../../src/checks/rules';
import { formatFieldPath } from '../../src/spec/spec-error';
import { stackModelOfTerraformJson, type TerraformJsonConfig } from '../../src/stack-model/from-terraform-json';
import { stackModelOfPlan } from '../../src/stack-model/from-terraform-plan';
import type { StackModel } from '../../src/stack-model/stack-model';
import { committedProvider6Plan, instanceOf, withRegionFromEnvironment } from '../helpers/provider-6-plan';
import { compliantProfile, findingsOf, ofRule } from './helpers';

const defaultTags = (count: number) => Object.fromEntries(Array.from({ length: count }, (_, i) => [`Tag${i}`, 'x']));

describe('checks on each stack of a spec', () => {
  it("count an environment's default tags towards the 50-tag quota", async () => {
    const findings = ofRule(
      await findingsOf(compliantProfile(), { environments: { prod: { accountId: '222222222222', defaultTags: defaultTags(51) } } }),
      'TAG_COUNT',
    );
    expect(findings.map((finding) => [formatFieldPath(finding.path), finding.message])).toEqual([
      ['profiles[0].instance.tags', "the instance gets 52 tags (the provider's default tags and its Name tag included); AWS allows at most 50 per resource"],
      ['profiles[0].instanceProfile.tags', "the instance profile gets 51 tags (the provider's default tags included); AWS allows at most 50 per resource"],
      ['profiles[0].role.tags', "the role gets 51 tags (the provider's default tags included); AWS allows at most 50 per resource"],
    ]);
  });

  it('accept 50 tags, defaults included (the instance gets a Name tag too)', async () => {
    expect(ofRule(await findingsOf(compliantProfile(), { defaultTags: defaultTags(50) }), 'TAG_COUNT').map((finding) => formatFieldPath(finding.path))).toEqual(
      ['profiles[0].instance.tags'],
    );
  });

  it('check the trust of a China stack against EC2 as China names it, and report a finding two environments share once', async () => {
    const trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] };
    const findings = await findingsOf(
      { ...compliantProfile(), role: { name: 'AppRole', trustPolicy: trust } },
      { environments: { dev: { accountId: '111111111111', region: 'cn-north-1' }, prod: { accountId: '222222222222', region: 'cn-northwest-1' } } },
    );
    expect(ofRule(findings, 'IAM_TRUST_EC2')).toEqual([
      expect.objectContaining({ path: ['profiles', 0, 'role', 'trustPolicy'], message: expect.stringContaining('"ec2.amazonaws.com.cn"') }),
    ]);
  });

  it('accept the default trust in every partition: it is read as synthesized, with the partition filled in', async () => {
    for (const region of ['us-east-1', 'cn-north-1', 'us-gov-west-1']) {
      expect(ofRule(await findingsOf(compliantProfile(), { region }), 'IAM_TRUST_EC2')).toEqual([]);
    }
  });
});

describe('checks on hand-written Terraform', () => {
  const root = (resources: TerraformJsonConfig['resource']): TerraformJsonConfig => ({ provider: { aws: [{ region: 'eu-west-1' }] }, resource: resources });
  const check = async (config: TerraformJsonConfig) => checkStacks([stackModelOfTerraformJson(config, { source: 'main.tf.json' })], SECURITY_RULES);

  it('point at Terraform addresses and arguments', async () => {
    const findings = await check(
      root({
        aws_iam_policy: {
          wide: { name: 'Wide', policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] }) },
        },
        aws_instance: { web: { ami: 'ami-0123456789abcdef0', instance_type: 't3.micr0', associate_public_ip_address: true } },
      }),
    );
    const errors = findings.filter((finding) => finding.level === 'error').map((finding) => `${finding.rule} @ ${formatFieldPath(finding.path)}`);
    expect(errors).toEqual([
      'EC2_UNKNOWN_INSTANCE_TYPE @ aws_instance.web.instance_type',
      'IAM_RESOURCE_WILDCARD @ aws_iam_policy.wide.policy.Statement[0].Resource',
      'EC2_IMDSV2_REQUIRED @ aws_instance.web.metadata_options.http_tokens',
      'EC2_EBS_ENCRYPTED @ aws_instance.web.root_block_device.encrypted',
      'EC2_NO_PUBLIC_IP @ aws_instance.web.associate_public_ip_address',
      'EC2_INSTANCE_PROFILE_ATTACHED @ aws_instance.web',
    ]);
  });

  it('report a policy document known only after apply instead of guessing it', async () => {
    const findings = await check(
      root({
        aws_iam_policy: { derived: { name: 'Derived', policy: '${data.aws_iam_policy_document.x.json}' } },
      }),
    );
    expect(findings.map((finding) => [finding.rule, finding.level, formatFieldPath(finding.path), finding.message])).toEqual([
      ['TERRAFORM_UNKNOWN_VALUE', 'warning', 'aws_iam_policy.derived.policy', 'the policy document is known only after apply, so it is not checked'],
    ]);
  });

  it('follow attachments by reference to the policy and the role', async () => {
    const findings = await check(
      root({
        aws_iam_policy: {
          admin: { name: 'Admin', policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }) },
        },
        aws_iam_role: {
          app: {
            name: 'App',
            assume_role_policy: JSON.stringify({
              Version: '2012-10-17',
              Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
            }),
          },
        },
        aws_iam_role_policy_attachment: {
          admin: { role: '${aws_iam_role.app.name}', policy_arn: '${aws_iam_policy.admin.arn}' },
          full_iam: { role: '${aws_iam_role.app.name}', policy_arn: 'arn:aws:iam::aws:policy/IAMFullAccess' },
        },
      }),
    );
    expect(findings.filter((finding) => finding.level === 'error').map((finding) => `${finding.rule} @ ${formatFieldPath(finding.path)}`)).toEqual([
      'IAM_NO_ADMIN_ACTIONS @ aws_iam_policy.admin.policy.Statement[0].Action',
      'IAM_NO_ADMIN_MANAGED_POLICY @ aws_iam_role_policy_attachment.full_iam.policy_arn',
      'IAM_PASS_ROLE_WILDCARD @ aws_iam_policy.admin.policy.Statement[0].Resource',
    ]);
  });

  it('report a provider region the Terraform does not give as assumed, not as checked', async () => {
    const findings = await checkStacks(
      [stackModelOfTerraformJson({ provider: { aws: [{ region: '${var.region}' }] } }, { source: 'main.tf.json' })],
      SECURITY_RULES,
    );
    expect(findings.map((finding) => [finding.rule, finding.level, formatFieldPath(finding.path)])).toEqual([
      ['TERRAFORM_UNKNOWN_VALUE', 'warning', 'provider.aws.region'],
    ]);
    expect(findings[0].message).toContain('the checks assume us-east-1 (partition aws)');
  });

  it("check an instance's own region (AWS provider 6.x) as the provider's, once, and the provider's a 6.x plan gives by its instances", async () => {
    const config = (region: string, instanceRegion: string): TerraformJsonConfig => ({
      provider: { aws: [{ region }] },
      resource: { aws_instance: { app: { ami: 'ami-0123456789abcdef0', region: instanceRegion } } },
    });
    const regionFindings = async (model: StackModel) =>
      (await checkStacks([model], []))
        .filter((finding) => finding.rule === 'AWS_UNKNOWN_REGION')
        .map((finding) => [formatFieldPath(finding.path), finding.message]);
    expect(await regionFindings(stackModelOfTerraformJson(config('eu-west-1', 'eu-west-7'), { source: 'main.tf.json' }))).toEqual([
      ['aws_instance.app.region', expect.stringContaining('"eu-west-7" is not an AWS region; did you mean eu-west-1?')],
    ]);
    expect(await regionFindings(stackModelOfTerraformJson(config('eu-west-7', 'eu-west-7'), { source: 'main.tf.json' }))).toEqual([
      ['provider.aws.region', expect.stringContaining('"eu-west-7" is not an AWS region')],
    ]);
    const plan = withRegionFromEnvironment(committedProvider6Plan());
    const { values, change } = instanceOf(plan);
    values.region = change.after.region = 'eu-west-7';
    expect(await regionFindings(stackModelOfPlan(plan, 'plan.json'))).toEqual([
      ['provider.aws.region', expect.stringContaining('"eu-west-7" is not an AWS region')],
    ]);
  });
});
