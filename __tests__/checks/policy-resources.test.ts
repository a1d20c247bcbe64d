import type { Finding } from '../../src/checks/finding';
import { arnFormatProblem } from '../../src/iam/arn';
import { arnMatchesFormat, fillArnFormat, placeholderValues } from '../../src/iam/arn-pattern';
import { formatFieldPath } from '../../src/spec/spec-error';
import { compliantProfile, findingsOf, profileWithStatement } from './helpers';

const BUCKET = 'arn:aws:s3:::instance-profile-test1';
const OBJECTS = `${BUCKET}/*`;

/** Resource findings of a one-statement policy, as `field: message`. */
async function resourceFindings(statement: Record<string, unknown>, top: Record<string, unknown> = {}): Promise<string[]> {
  const findings = await findingsOf(profileWithStatement({ Effect: 'Allow', ...statement }), top);
  return render(findings.filter((finding) => finding.rule.startsWith('IAM_RESOURCE_') && finding.rule !== 'IAM_RESOURCE_WILDCARD'));
}

function render(findings: readonly Finding[]): string[] {
  return findings.map((finding) => `${formatFieldPath(finding.path).replace('profiles[0].policies[0].document.', '')}: ${finding.message}`);
}

describe('ARN format', () => {
  it('accepts "*" and well-formed ARNs, wildcards and policy variables included', () => {
    for (const arn of [
      '*',
      BUCKET,
      OBJECTS,
      'arn:aws:s3:::app/${aws:username}/*',
      'arn:aws:ec2:us-east-1:123456789012:instance/*',
      'arn:aws:iam::aws:policy/ReadOnlyAccess',
      'arn:*:s3:::*',
    ]) {
      expect(arnFormatProblem(arn)).toBeUndefined();
    }
  });

  it.each([
    ['bucket', '"bucket" is not an ARN; a resource is "*" or an ARN arn:partition:service:region:account-id:resource'],
    ['arn:aws:s3::bucket', '"arn:aws:s3::bucket" has 5 of the 6 colon-separated parts of an ARN (arn:partition:service:region:account-id:resource)'],
    [
      'arn:amazon:s3:::bucket',
      '"arn:amazon:s3:::bucket" has partition "amazon"; partitions are aws, aws-cn, aws-eusc, aws-iso, aws-iso-b, aws-iso-e, aws-iso-f, aws-us-gov',
    ],
    ['arn:aws:S3:::bucket', '"arn:aws:S3:::bucket" has service "S3"; a service is lower-case letters, digits and dashes, e.g. "s3"'],
    [
      'arn:aws:ec2:useast1:123456789012:instance/*',
      '"arn:aws:ec2:useast1:123456789012:instance/*" has region "useast1"; a region looks like "us-east-1", or is empty for global resources',
    ],
    [
      'arn:aws:ec2:us-east-1:1234:instance/*',
      '"arn:aws:ec2:us-east-1:1234:instance/*" has account "1234"; an account is 12 digits ("aws" for AWS-managed resources), or empty',
    ],
    ['arn:aws:s3:::', '"arn:aws:s3:::" has no resource part (the sixth part), e.g. arn:aws:s3:::my-bucket'],
  ])('fails on %s', async (arn, message) => {
    expect(arnFormatProblem(arn)).toBe(message);
    expect(await resourceFindings({ Action: 's3:GetObject', Resource: [OBJECTS, arn] })).toEqual([`Statement[0].Resource[1]: ${message}`]);
  });
});

describe('ARN formats of resource types', () => {
  const BUCKET_FORMAT = 'arn:${Partition}:s3:::${BucketName}';
  const OBJECT_FORMAT = 'arn:${Partition}:s3:::${BucketName}/${ObjectName}';

  it('tells a bucket ARN from an object ARN', () => {
    expect(arnMatchesFormat(BUCKET, BUCKET_FORMAT)).toBe(true);
    expect(arnMatchesFormat(BUCKET, OBJECT_FORMAT)).toBe(false);
    expect(arnMatchesFormat(OBJECTS, BUCKET_FORMAT)).toBe(false);
    expect(arnMatchesFormat(OBJECTS, OBJECT_FORMAT)).toBe(true);
  });

  it('lets policy wildcards stand for any part, and placeholders for one or more characters', () => {
    expect(arnMatchesFormat('arn:aws:s3:::*', BUCKET_FORMAT)).toBe(true);
    expect(arnMatchesFormat('arn:aws:s3:::*', OBJECT_FORMAT)).toBe(true);
    expect(arnMatchesFormat('arn:aws:s3:::app-*', OBJECT_FORMAT)).toBe(true);
    expect(arnMatchesFormat('arn:aws:s3:::app/${aws:username}/*', OBJECT_FORMAT)).toBe(true);
    expect(arnMatchesFormat('arn:aws:s3:::app/', OBJECT_FORMAT)).toBe(false);
    expect(arnMatchesFormat('arn:aws:s3:us-east-1::app', BUCKET_FORMAT)).toBe(false);
    expect(arnMatchesFormat('arn:aws:iam::123456789012:role/app/*', 'arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}')).toBe(true);
  });

  it('reads placeholder values from an ARN and fills a format with them', () => {
    expect(placeholderValues(OBJECTS, OBJECT_FORMAT)).toEqual(
      new Map([
        ['Partition', 'aws'],
        ['BucketName', 'instance-profile-test1'],
        ['ObjectName', '*'],
      ]),
    );
    expect(placeholderValues(OBJECTS, BUCKET_FORMAT)).toBeUndefined();
    const values: Record<string, string> = { Partition: 'aws', BucketName: 'b' };
    expect(fillArnFormat(OBJECT_FORMAT, (name) => values[name])).toEqual({ text: 'arn:aws:s3:::b/${ObjectName}', unfilled: 1 });
  });
});

describe('actions and the resources of their statement', () => {
  it('accepts the walkthrough policy: PutObject on the objects and ListBucket on the bucket', async () => {
    expect(await resourceFindings({ Action: ['s3:PutObject', 's3:ListBucket'], Resource: [OBJECTS, BUCKET] })).toEqual([]);
  });

  it('fails on s3:ListBucket given only the object ARN, naming the bucket ARN it needs', async () => {
    expect(await resourceFindings({ Action: ['s3:PutObject', 's3:ListBucket'], Resource: OBJECTS })).toEqual([
      `Statement[0].Action[1]: s3:ListBucket applies to no resource of this statement; it needs a bucket ARN like ${BUCKET} (given "${OBJECTS}")`,
    ]);
  });

  it('fails on s3:PutObject given only the bucket ARN, naming the object ARN it needs', async () => {
    expect(await resourceFindings({ Action: 's3:PutObject', Resource: [BUCKET] })).toEqual([
      `Statement[0].Action: s3:PutObject applies to no resource of this statement; it needs an object ARN like ${OBJECTS} (given "${BUCKET}")`,
    ]);
  });

  it('points into a single-statement document without an index', async () => {
    const document = { Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 's3:ListBucket', Resource: [OBJECTS] } };
    const findings = await findingsOf({ ...compliantProfile(), policies: [{ name: 'AppPolicy', document }] });
    expect(findings.filter((finding) => finding.rule === 'IAM_RESOURCE_MISMATCH').map((finding) => formatFieldPath(finding.path))).toEqual([
      'profiles[0].policies[0].document.Statement.Action',
    ]);
  });

  it('builds the example ARN from the stack when the given ARN says nothing', async () => {
    const findings = await resourceFindings(
      { Action: 'sqs:SendMessage', Resource: 'arn:aws:s3:::app-bucket' },
      { region: 'eu-west-1', accountId: '123456789012' },
    );
    expect(findings).toEqual([
      'Statement[0].Action: sqs:SendMessage applies to no resource of this statement; it needs a queue ARN like arn:aws:sqs:eu-west-1:123456789012:${QueueName} (given "arn:aws:s3:::app-bucket")',
    ]);
  });

  it('fails on an action without resource types unless the statement has Resource "*"', async () => {
    expect(await resourceFindings({ Action: 's3:ListAllMyBuckets', Resource: '*' })).toEqual([]);
    expect(await resourceFindings({ Action: ['s3:ListAllMyBuckets', 's3:GetObject'], Resource: OBJECTS })).toEqual([
      `Statement[0].Action[0]: s3:ListAllMyBuckets cannot be restricted to resources: it applies only with "Resource": "*" (given "${OBJECTS}"); put it in a statement of its own with "Resource": "*"`,
    ]);
  });

  it('accepts a wildcard action when one of its actions applies, and fails when none does', async () => {
    expect(await resourceFindings({ Action: 's3:*', Resource: BUCKET })).toEqual([]);
    expect(await resourceFindings({ Action: 's3:ListAll*', Resource: BUCKET })).toEqual([
      `Statement[0].Action: "s3:ListAll*" matches 1 action of s3, none of which applies to a resource of this statement (given "${BUCKET}")`,
    ]);
  });

  it('fails on an ARN that no action of its statement applies to', async () => {
    expect(await resourceFindings({ Action: 's3:GetObject', Resource: [OBJECTS, 'arn:aws:ec2:us-east-1:123456789012:instance/*'] })).toEqual([
      'Statement[0].Resource[1]: "arn:aws:ec2:us-east-1:123456789012:instance/*" is not a resource of any action of this statement (s3:GetObject takes accesspointobject or object); remove it or give it the action it is meant for',
    ]);
  });

  it('reports an unknown action once, not again as a resource mismatch', async () => {
    const findings = await findingsOf(profileWithStatement({ Effect: 'Allow', Action: 's3:PutObjet', Resource: OBJECTS }));
    expect(findings.map((finding) => finding.rule)).toEqual(['IAM_UNKNOWN_ACTION']);
  });

  it('leaves NotAction and NotResource statements alone', async () => {
    expect(await resourceFindings({ Effect: 'Deny', NotAction: 's3:ListBucket', Resource: OBJECTS })).toEqual([]);
    expect(await resourceFindings({ Effect: 'Deny', Action: 's3:ListBucket', NotResource: OBJECTS })).toEqual([]);
  });
});
