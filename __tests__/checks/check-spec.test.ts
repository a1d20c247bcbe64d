import { sortFindings } from '../../src/checks/check-spec';
import type { Finding } from '../../src/checks/finding';
import { formatFieldPath } from '../../src/spec/spec-error';
import { parseSpec } from '../../src/spec/load-spec';
import { checkSpecOf, compliantProfile, errorsOf, findingsOf, FIXTURES, readObjectsPolicy } from './helpers';

const TRUST = (statement: Record<string, unknown>) => ({
  ...compliantProfile(),
  role: { name: 'AppRole', trustPolicy: { Version: '2012-10-17', Statement: [statement] } },
});

describe('trust policy of an instance profile role', () => {
  it("accepts EC2 allowed to sts:AssumeRole as the stack's partition names it, also through wildcards", async () => {
    for (const [service, action, region] of [
      ['ec2.amazonaws.com', 'sts:AssumeRole', 'us-east-1'],
      ['ec2.amazonaws.com.cn', 'sts:AssumeRole', 'cn-north-1'],
      ['ec2.amazonaws.com', ['sts:TagSession', 'sts:Assume*'], 'us-gov-west-1'],
    ]) {
      const findings = await findingsOf(TRUST({ Effect: 'Allow', Principal: { Service: service }, Action: action }), { region });
      // The profile's bucket policy names the aws partition, which the other partitions refuse; the trust is what is tested.
      expect(findings.filter((finding) => finding.rule !== 'IAM_ARN_PARTITION')).toEqual([]);
    }
  });

  it('fails if the trust names EC2 as another partition does: the China principal in a us-east-1 stack', async () => {
    const findings = await findingsOf(TRUST({ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com.cn' }, Action: 'sts:AssumeRole' }));
    expect(findings).toEqual([expect.objectContaining({ rule: 'IAM_TRUST_EC2', message: expect.stringContaining('"ec2.amazonaws.com"') })]);
  });

  it('fails if EC2 may not assume the role', async () => {
    const findings = await findingsOf(TRUST({ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }));
    expect(findings).toEqual([
      expect.objectContaining({
        rule: 'IAM_TRUST_EC2',
        level: 'error',
        path: ['profiles', 0, 'role', 'trustPolicy'],
        message: expect.stringMatching(/^the trust policy does not let EC2 assume the role/),
      }),
    ]);
  });

  it('fails if the EC2 statement denies, or grants another action', async () => {
    for (const statement of [
      { Effect: 'Deny', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' },
      { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRoleWithWebIdentity' },
    ]) {
      expect((await findingsOf(TRUST(statement))).map((finding) => finding.rule)).toEqual(['IAM_TRUST_EC2']);
    }
  });

  it('checks the trust policy grammar: Principal required, Resource not allowed, actions known', async () => {
    const findings = await findingsOf(
      TRUST({ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: ['sts:AssumeRole', 'sts:AssumeRol'], Resource: '*' }),
    );
    expect(findings.map((finding) => `${finding.rule} @ ${formatFieldPath(finding.path)}`)).toEqual([
      'IAM_UNKNOWN_ACTION @ profiles[0].role.trustPolicy.Statement[0].Action[1]',
      'IAM_POLICY_ELEMENT @ profiles[0].role.trustPolicy.Statement[0].Resource',
    ]);
    const noPrincipal = await findingsOf(TRUST({ Effect: 'Allow', Action: 'sts:AssumeRole' }));
    expect(noPrincipal.map((finding) => finding.rule)).toEqual(['IAM_TRUST_EC2', 'IAM_POLICY_ELEMENT']);
  });
});

describe('suppressions', () => {
  const withSuppressions = (suppressions: Array<{ rule: string; reason: string }>) => ({
    ...compliantProfile(),
    instance: { ami: 'ami-0123456789abcdef0', associatePublicIpAddress: true },
    suppressions,
  });

  it('mark matching findings with the reason and keep them', async () => {
    const reason = 'bastion host, reachable from the office only';
    const findings = await findingsOf(withSuppressions([{ rule: 'EC2_NO_PUBLIC_IP', reason }]));
    expect(findings.find((finding) => finding.rule === 'EC2_NO_PUBLIC_IP')).toMatchObject({ level: 'error', suppressedBecause: reason });
    expect(errorsOf(findings)).toEqual([]);
  });

  it('fail if they name an unknown rule, with a suggestion', async () => {
    const findings = await findingsOf(withSuppressions([{ rule: 'EC2_NO_PUBLIC_IPS', reason: 'a reason long enough' }]));
    expect(errorsOf(findings).map((finding) => [finding.rule, formatFieldPath(finding.path), finding.message.split(';')[0]])).toEqual([
      ['EC2_NO_PUBLIC_IP', 'profiles[0].instance.associatePublicIpAddress', expect.any(String)],
      ['SUPPRESSION_UNKNOWN_RULE', 'profiles[0].suppressions[0].rule', 'unknown rule "EC2_NO_PUBLIC_IPS" (did you mean "EC2_NO_PUBLIC_IP"?)'],
    ]);
  });

  it('fail if they name a validity check, which cannot be suppressed', async () => {
    const findings = await findingsOf(withSuppressions([{ rule: 'IAM_UNKNOWN_ACTION', reason: 'a reason long enough' }]));
    expect(findings.find((finding) => finding.rule === 'SUPPRESSION_UNKNOWN_RULE')?.message).toMatch(
      /^IAM_UNKNOWN_ACTION is a validity check, not a security rule/,
    );
  });

  it('warn when they match nothing', async () => {
    const findings = await findingsOf({ ...compliantProfile(), suppressions: [{ rule: 'EC2_EBS_OPTIMIZED', reason: 'a reason long enough' }] });
    expect(findings).toEqual([
      expect.objectContaining({
        rule: 'SUPPRESSION_UNUSED',
        level: 'warning',
        message: 'EC2_EBS_OPTIMIZED finds nothing in this profile; remove the suppression',
      }),
    ]);
  });

  it('apply to their own profile only', async () => {
    const instance = { ami: 'ami-0123456789abcdef0', monitoring: false };
    const loaded = parseSpec(
      {
        profiles: [
          { ...compliantProfile(), instance, suppressions: [{ rule: 'EC2_DETAILED_MONITORING', reason: 'cost: 5-minute metrics suffice' }] },
          { policies: [{ name: 'OtherPolicy', document: readObjectsPolicy() }], role: { name: 'OtherRole' }, instance },
        ],
      },
      'fixture.yaml',
      FIXTURES,
    );
    const findings = await checkSpecOf(loaded);
    expect(findings.map((finding) => [finding.profile, finding.rule, finding.suppressedBecause !== undefined])).toEqual([
      ['AppProfile', 'EC2_DETAILED_MONITORING', true],
      ['OtherRole', 'EC2_DETAILED_MONITORING', false],
    ]);
  });
});

describe('spec-wide suppressions', () => {
  const instance = { ami: 'ami-0123456789abcdef0', monitoring: false };
  const twoProfiles = (suppressions: unknown, first: Record<string, unknown> = {}) =>
    parseSpec(
      {
        profiles: [
          { ...compliantProfile(), instance, ...first },
          { policies: [{ name: 'OtherPolicy', document: readObjectsPolicy() }], role: { name: 'OtherRole' }, instance },
        ],
        suppressions,
      },
      'fixture.yaml',
      FIXTURES,
    );

  it('accept a rule for every profile, with the reason', async () => {
    const findings = await checkSpecOf(twoProfiles([{ rule: 'EC2_DETAILED_MONITORING', reason: 'basic 5-minute metrics are enough' }]));
    expect(findings.map((finding) => [finding.profile, finding.rule, finding.suppressedBecause])).toEqual([
      ['AppProfile', 'EC2_DETAILED_MONITORING', 'basic 5-minute metrics are enough'],
      ['OtherRole', 'EC2_DETAILED_MONITORING', 'basic 5-minute metrics are enough'],
    ]);
  });

  it("leave a profile's own suppression and its reason in place", async () => {
    const own = { suppressions: [{ rule: 'EC2_DETAILED_MONITORING', reason: 'this one is a batch host' }] };
    const findings = await checkSpecOf(twoProfiles([{ rule: 'EC2_DETAILED_MONITORING', reason: 'basic 5-minute metrics are enough' }], own));
    expect(findings.map((finding) => finding.suppressedBecause)).toEqual(['this one is a batch host', 'basic 5-minute metrics are enough']);
  });

  it('fail on an unknown rule with a suggestion, and warn when they match nothing', async () => {
    const findings = await checkSpecOf(
      twoProfiles([
        { rule: 'EC2_DETAILED_MONITORIN', reason: 'a reason long enough' },
        { rule: 'EC2_NO_PUBLIC_IP', reason: 'a reason long enough' },
      ]),
    );
    expect(
      findings.filter((finding) => finding.rule.startsWith('SUPPRESSION')).map((finding) => [finding.rule, formatFieldPath(finding.path), finding.message]),
    ).toEqual([
      [
        'SUPPRESSION_UNKNOWN_RULE',
        'suppressions[0].rule',
        expect.stringContaining('unknown rule "EC2_DETAILED_MONITORIN" (did you mean "EC2_DETAILED_MONITORING"?)'),
      ],
      ['SUPPRESSION_UNUSED', 'suppressions[1].rule', 'EC2_NO_PUBLIC_IP finds nothing in any profile; remove the suppression'],
    ]);
  });
});

describe('checkSpec', () => {
  it('names the instance profile of every finding', async () => {
    const findings = await findingsOf({ ...compliantProfile(), instance: { ami: 'ami-0123456789abcdef0', monitoring: false } });
    expect(findings.map((finding) => finding.profile)).toEqual(['AppProfile']);
  });

  it('sorts by profile, then field path (list indexes numerically), then rule, stably', () => {
    const finding = (path: Array<string | number>, rule: string, message = ''): Finding => ({ path, rule, level: 'error', message });
    const sorted = sortFindings([
      finding(['profiles', 1, 'role'], 'B'),
      finding(['profiles', 0, 'policies', 10], 'A'),
      finding(['profiles', 0, 'policies', 2], 'B'),
      finding(['profiles', 0, 'policies', 2], 'A', 'first'),
      finding(['profiles', 0, 'policies', 2], 'A', 'second'),
      finding(['profiles', 0], 'Z'),
    ]);
    expect(sorted.map((f) => `${formatFieldPath(f.path)} ${f.rule}${f.message && ` ${f.message}`}`)).toEqual([
      'profiles[0] Z',
      'profiles[0].policies[2] A first',
      'profiles[0].policies[2] A second',
      'profiles[0].policies[2] B',
      'profiles[0].policies[10] A',
      'profiles[1].role B',
    ]);
  });
});
