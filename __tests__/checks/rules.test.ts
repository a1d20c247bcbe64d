import { levelOf } from '../../src/checks/finding';
import type { RuleContext } from '../../src/checks/rule-context';
import { SECURITY_RULES, securityRule } from '../../src/checks/rules';
import { loadSpec } from '../../src/spec/load-spec';
import { formatFieldPath } from '../../src/spec/spec-error';
import type { RuleResult } from '../../src/checks/rules/security-rule';
import type { TerraformJsonConfig } from '../../src/stack-model/from-terraform-json';
import { checkSpecOf, compliantProfile, contextsOf, contextsOfTerraform, findingsOf, profileWithStatement } from './helpers';

/** A fixture: a profile as the spec gives it, or hand-written Terraform (what no spec makes, but a team may write and plan). */
type Fixture = { readonly profile: Record<string, unknown> } | { readonly terraform: TerraformJsonConfig };

const INSTANCE = { ami: 'ami-0123456789abcdef0', monitoring: true };
const TRUST_EC2 = { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' };
const withInstance = (instance: Record<string, unknown>) => ({ ...compliantProfile(), instance: { ...INSTANCE, ...instance } });
const withTrust = (...statements: Record<string, unknown>[]) => ({
  ...compliantProfile(),
  role: { name: 'AppRole', trustPolicy: { Version: '2012-10-17', Statement: [TRUST_EC2, ...statements] } },
});
const withManagedPolicies = (...managedPolicies: string[]) => ({ ...compliantProfile(), role: { name: 'AppRole', managedPolicies } });
const allow = (Action: unknown, Resource: unknown) => profileWithStatement({ Effect: 'Allow', Action, Resource });
/** A hand-written root with one instance: `instance` holds its arguments besides the AMI and type. */
const handWritten = (instance: Record<string, unknown>): TerraformJsonConfig => ({
  provider: { aws: [{ region: 'us-east-1' }] },
  resource: { aws_instance: { web: { ami: 'ami-0123456789abcdef0', instance_type: 't3.micro', ...instance } } },
});

/** For every rule: a compliant and a non-compliant fixture, and the field the violation points at. */
const FIXTURES: Record<string, { pass: Fixture; fail: Fixture; field: string }> = {
  IAM_NO_ADMIN_ACTIONS: {
    pass: { profile: allow(['s3:GetObject'], 'arn:aws:s3:::app-bucket/*') },
    fail: { profile: allow(['iam:*'], '*') },
    field: 'profiles[0].policies[0].document.Statement[0].Action[0]',
  },
  IAM_NO_ADMIN_MANAGED_POLICY: {
    pass: { profile: withManagedPolicies('AmazonSSMManagedInstanceCore', 'arn:aws:iam::123456789012:policy/AdministratorAccess') },
    fail: { profile: withManagedPolicies('AmazonSSMManagedInstanceCore', 'arn:aws:iam::aws:policy/AdministratorAccess') },
    field: 'profiles[0].role.managedPolicies[1]',
  },
  IAM_PASS_ROLE_WILDCARD: {
    pass: { profile: allow('iam:PassRole', 'arn:aws:iam::123456789012:role/AppServiceRole') },
    fail: { profile: allow('iam:PassRole', '*') },
    field: 'profiles[0].policies[0].document.Statement[0].Resource',
  },
  IAM_RESOURCE_WILDCARD: {
    pass: { profile: allow(['s3:ListAllMyBuckets', 'ec2:DescribeInstances'], '*') },
    fail: { profile: allow(['s3:ListAllMyBuckets', 's3:GetObject'], ['*']) },
    field: 'profiles[0].policies[0].document.Statement[0].Resource[0]',
  },
  IAM_TRUST_NO_PUBLIC_PRINCIPAL: {
    pass: { profile: withTrust() },
    fail: { profile: withTrust({ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }) },
    field: 'profiles[0].role.trustPolicy.Statement[1].Principal.AWS',
  },
  IAM_TRUST_NO_ACCOUNT_PRINCIPAL: {
    pass: { profile: withTrust({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:role/Deployer' }, Action: 'sts:AssumeRole' }) },
    fail: {
      profile: withTrust({
        Effect: 'Allow',
        Principal: { AWS: ['arn:aws:iam::123456789012:role/Deployer', 'arn:aws:iam::123456789012:root'] },
        Action: 'sts:AssumeRole',
      }),
    },
    field: 'profiles[0].role.trustPolicy.Statement[1].Principal.AWS[1]',
  },
  EC2_IMDSV2_REQUIRED: {
    pass: { profile: compliantProfile() },
    fail: { terraform: handWritten({ iam_instance_profile: 'AppProfile', metadata_options: { http_tokens: 'optional', http_put_response_hop_limit: 1 } }) },
    field: 'aws_instance.web.metadata_options.http_tokens',
  },
  EC2_EBS_ENCRYPTED: {
    pass: { profile: withInstance({ rootVolume: { sizeGb: 20 } }) },
    fail: { profile: withInstance({ rootVolume: { encrypted: false } }) },
    field: 'profiles[0].instance.rootVolume.encrypted',
  },
  EC2_NO_PUBLIC_IP: {
    pass: { profile: withInstance({ associatePublicIpAddress: false }) },
    fail: { profile: withInstance({ associatePublicIpAddress: true }) },
    field: 'profiles[0].instance.associatePublicIpAddress',
  },
  EC2_USER_DATA_NO_SECRETS: {
    pass: {
      profile: withInstance({
        userData:
          '#!/bin/bash\nTOKEN=$(curl -sX PUT http://169.254.169.254/latest/api/token)\nDB_PASSWORD=$(aws ssm get-parameter --name db --with-decryption)\n',
      }),
    },
    fail: { profile: withInstance({ userData: '#!/bin/bash\nexport AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\n' }) },
    field: 'profiles[0].instance.userData',
  },
  EC2_INSTANCE_PROFILE_ATTACHED: {
    pass: { profile: compliantProfile() },
    fail: { terraform: handWritten({ metadata_options: { http_tokens: 'required' } }) },
    field: 'aws_instance.web',
  },
  EC2_DETAILED_MONITORING: {
    pass: { profile: withInstance({ monitoring: true }) },
    fail: { profile: withInstance({ monitoring: false }) },
    field: 'profiles[0].instance.monitoring',
  },
  EC2_EBS_OPTIMIZED: {
    pass: { profile: withInstance({ ebsOptimized: true }) },
    fail: { profile: withInstance({ ebsOptimized: false }) },
    field: 'profiles[0].instance.ebsOptimized',
  },
};

async function contextsFor(fixture: Fixture): Promise<RuleContext[]> {
  return 'profile' in fixture ? contextsOf(fixture.profile) : contextsOfTerraform(fixture.terraform);
}

/** The kind of unit a rule reads: an instance (`EC2_*`), or a role with its policies (`IAM_*`). */
type Unit = 'instance' | 'role';
const unitRead = (rule: { readonly id: string }): Unit => (rule.id.startsWith('EC2_') ? 'instance' : 'role');
const unitOf = (context: RuleContext): Unit => (context.instance ? 'instance' : 'role');

/**
 * The rule's result over the units of the fixture it reads (its role, or its instance): the
 * violations of all, compliant only when every such unit complies, not applicable when none
 * has anything for it. On every other unit the rule must say it is not applicable, so a
 * compliant fixture cannot pass by a unit the rule does not read.
 */
async function resultFor(rule: { readonly id: string; check(context: RuleContext): RuleResult }, fixture: Fixture): Promise<RuleResult> {
  const contexts = await contextsFor(fixture);
  for (const other of contexts.filter((context) => unitOf(context) !== unitRead(rule)))
    expect({ unit: unitOf(other), result: rule.check(other) }).toEqual({ unit: unitOf(other), result: { status: 'not-applicable' } });
  const results = contexts.filter((context) => unitOf(context) === unitRead(rule)).map((context) => rule.check(context));
  const violations = results.flatMap((result) => (result.status === 'non-compliant' ? result.violations : []));
  if (violations.length) return { status: 'non-compliant', violations };
  if (results.every((result) => result.status === 'not-applicable')) return { status: 'not-applicable' };
  // A fixture's units of one kind are alike: the rule applies to all of them or to none.
  expect(results.map((result) => result.status)).not.toContain('not-applicable');
  return { status: 'compliant' };
}

describe('security rule registry', () => {
  it('has stable UPPER_SNAKE ids, each once, with a description and external references', () => {
    const ids = SECURITY_RULES.map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of SECURITY_RULES) {
      expect(rule.id).toMatch(/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$/);
      expect(rule.description).not.toHaveLength(0);
      expect(rule.references.length).toBeGreaterThan(0);
    }
  });

  it('has a compliant and a non-compliant fixture for every rule', () => {
    expect(Object.keys(FIXTURES).sort()).toEqual(SECURITY_RULES.map((rule) => rule.id).sort());
  });

  it('rates admin access and public trust high, wildcards medium, monitoring and EBS optimization low', () => {
    const severity = (id: string) => securityRule(id)?.severity;
    expect(['IAM_NO_ADMIN_ACTIONS', 'IAM_NO_ADMIN_MANAGED_POLICY', 'IAM_TRUST_NO_PUBLIC_PRINCIPAL', 'EC2_IMDSV2_REQUIRED'].map(severity)).toEqual([
      'high',
      'high',
      'high',
      'high',
    ]);
    expect(['IAM_RESOURCE_WILDCARD', 'IAM_TRUST_NO_ACCOUNT_PRINCIPAL', 'EC2_NO_PUBLIC_IP'].map(severity)).toEqual(['medium', 'medium', 'medium']);
    expect(['EC2_DETAILED_MONITORING', 'EC2_EBS_OPTIMIZED'].map(severity)).toEqual(['low', 'low']);
  });
});

describe.each(SECURITY_RULES.map((rule) => [rule.id, rule] as const))('%s', (id, rule) => {
  const fixture = FIXTURES[id];

  it('passes its compliant fixture', async () => {
    expect(await resultFor(rule, fixture.pass)).toEqual({ status: 'compliant' });
  });

  it('fails its non-compliant fixture, at the field at fault', async () => {
    const result = await resultFor(rule, fixture.fail);
    expect(result.status).toBe('non-compliant');
    if (result.status !== 'non-compliant') return;
    expect(result.violations.map((violation) => formatFieldPath(violation.path))).toEqual([fixture.field]);
  });

  if ('profile' in fixture.fail) {
    const failing = fixture.fail.profile;
    it('reports the failure through checkSpec with its severity, level and references', async () => {
      const findings = (await findingsOf(failing)).filter((finding) => finding.rule === id);
      expect(findings).toEqual([
        expect.objectContaining({ severity: rule.severity, level: levelOf(rule.severity), references: rule.references, profile: 'AppProfile' }),
      ]);
    });
  }
});

describe('rules on profiles without an instance or trust policy', () => {
  it('are not applicable to an instance that is not there', async () => {
    const { instance: _, ...noInstance } = compliantProfile();
    const ec2Rules = SECURITY_RULES.filter((rule) => rule.id.startsWith('EC2_'));
    for (const rule of ec2Rules) expect(await resultFor(rule, { profile: noInstance })).toEqual({ status: 'not-applicable' });
  });

  it('are not applicable to the settings of an adopted instance that the spec leaves unmanaged', async () => {
    const adopted = { profile: { ...compliantProfile(), instance: { existingId: 'i-0123456789abcdef0' } } };
    for (const id of ['EC2_IMDSV2_REQUIRED', 'EC2_EBS_ENCRYPTED', 'EC2_NO_PUBLIC_IP', 'EC2_DETAILED_MONITORING', 'EC2_EBS_OPTIMIZED']) {
      expect(await resultFor(securityRule(id)!, adopted)).toEqual({ status: 'not-applicable' });
    }
  });

  it('read the built-in EC2 trust as synthesized when the spec gives no trust policy', async () => {
    const [role] = await contextsOf(compliantProfile());
    expect(role.trustPolicy?.document).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    });
    expect(formatFieldPath(role.trustPolicy!.path)).toBe('aws_iam_role.app_role.assume_role_policy');
    expect(securityRule('IAM_TRUST_NO_PUBLIC_PRINCIPAL')?.check(role).status).toBe('compliant');
    expect(securityRule('IAM_TRUST_NO_ACCOUNT_PRINCIPAL')?.check(role).status).toBe('compliant');
  });

  it('report an instance left with IMDSv1 in hand-written Terraform when http_tokens is not set', async () => {
    const result = await resultFor(securityRule('EC2_IMDSV2_REQUIRED')!, { terraform: handWritten({ iam_instance_profile: 'AppProfile' }) });
    expect(result).toEqual({
      status: 'non-compliant',
      violations: [
        expect.objectContaining({ path: ['aws_instance.web', 'metadata_options', 'http_tokens'], message: expect.stringContaining('http_tokens is not set') }),
      ],
    });
  });
});

describe('the built-in default spec', () => {
  it('has no finding at all: its defaults (detailed monitoring off among them) trip none of the rules', async () => {
    expect(await checkSpecOf(loadSpec())).toEqual([]);
  });
});

describe('user data secrets', () => {
  it.each([
    ['an AWS access key id', 'aws configure set aws_access_key_id ASIAIOSFODNN7EXAMPLE'],
    ['an AWS secret access key', 'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'],
    ['a private key', '-----BEGIN RSA PRIVATE KEY-----'],
    ['a password or secret', 'mysql --user app DB_PASSWORD="hunter2hunter2"'],
  ])('finds %s, without printing it', async (kind, line) => {
    const findings = (await findingsOf(withInstance({ userData: `#!/bin/bash\n${line}\n` }))).filter((finding) => finding.rule === 'EC2_USER_DATA_NO_SECRETS');
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toContain(`user data line 2 holds ${kind}`);
    expect(findings[0].message).not.toMatch(/IOSFODNN7EXAMPLE|bPxRfiCYEXAMPLEKEY|hunter2hunter2/);
  });
});

describe('admin actions', () => {
  it('catches "*", "*:*" and Allow with NotAction, but not a Deny', async () => {
    const [context] = await contextsOf({
      ...compliantProfile(),
      policies: [
        {
          name: 'AppPolicy',
          document: {
            Version: '2012-10-17',
            Statement: [
              { Effect: 'Allow', Action: ['*'], Resource: '*' },
              { Effect: 'Allow', Action: '*:*', Resource: '*' },
              { Effect: 'Allow', NotAction: 's3:DeleteObject', Resource: '*' },
              { Effect: 'Deny', Action: 'iam:*', Resource: '*' },
            ],
          },
        },
      ],
    });
    const result = securityRule('IAM_NO_ADMIN_ACTIONS')!.check(context);
    expect(result.status === 'non-compliant' && result.violations.map((violation) => formatFieldPath(violation.path).replace(/^.*document\./, ''))).toEqual([
      'Statement[0].Action[0]',
      'Statement[1].Action',
      'Statement[2].NotAction',
    ]);
  });
});
