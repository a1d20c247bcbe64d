import * as fs from 'fs';
import * as path from 'path';
import { MAX_EXPORT_PAGES, readAuthorizationDetails } from '../../src/account-export/authorization-details';
import type { ExportRole } from '../../src/account-export/authorization-model';
import { SpecError } from '../../src/spec/spec-error';
import { folderWith } from '../helpers/temp-dirs';

const FIXTURES = path.join(__dirname, '../fixtures/account-export');
const fixture = (name: string) => path.join(FIXTURES, name);
const ACCOUNT = fixture('account/authorization-details.json');
const PAGE_1 = fixture('two-pages/page-1.json');
const PAGE_2 = fixture('two-pages/page-2.json');

const EC2_TRUST = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
};
const S3_WRITE_V2 = {
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Action: 's3:PutObject', Resource: 'arn:aws:s3:::instance-profile-test1/*' },
    { Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::instance-profile-test1' },
  ],
};
const S3_WRITE_PROFILE = {
  name: 'S3WriteProfile',
  path: '/',
  arn: 'arn:aws:iam::111122223333:instance-profile/S3WriteProfile',
  roles: [{ name: 'S3WriteRole', arn: 'arn:aws:iam::111122223333:role/S3WriteRole' }],
};
const WEB_SERVER_PROFILE = {
  name: 'WebServerRole',
  path: '/',
  arn: 'arn:aws:iam::111122223333:instance-profile/WebServerRole',
  roles: [{ name: 'WebServerRole', arn: 'arn:aws:iam::111122223333:role/WebServerRole' }],
};
const S3_WRITE_ROLE: ExportRole = {
  name: 'S3WriteRole',
  path: '/',
  arn: 'arn:aws:iam::111122223333:role/S3WriteRole',
  roleId: 'AROAYFXQ3EXAMPLE7S3W',
  trustPolicy: EC2_TRUST,
  tags: [],
  inlinePolicies: [],
  attachedPolicies: [{ arn: 'arn:aws:iam::111122223333:policy/S3WritePolicy', name: 'S3WritePolicy' }],
  instanceProfiles: [S3_WRITE_PROFILE],
  serviceLinked: false,
};
const S3_WRITE_POLICY = {
  name: 'S3WritePolicy',
  path: '/',
  arn: 'arn:aws:iam::111122223333:policy/S3WritePolicy',
  defaultVersionId: 'v2',
  document: S3_WRITE_V2,
  awsManaged: false,
  attachmentCount: 3,
  permissionsBoundaryUsageCount: 1,
};

/** The message of the SpecError `read` throws. */
function errorOf(read: () => unknown): string {
  try {
    read();
  } catch (error) {
    expect(error).toBeInstanceOf(SpecError);
    return (error as SpecError).message;
  }
  throw new Error('expected a SpecError');
}

/** A one-page export holding `content`, as a file. */
function exportFile(content: unknown): string {
  return path.join(folderWith({ 'export.json': JSON.stringify(content, null, 4) }, 'account-export-'), 'export.json');
}

describe('readAuthorizationDetails', () => {
  it('reads the walkthrough, a console-made profile, a service-linked role, users and groups', () => {
    expect(readAuthorizationDetails([ACCOUNT])).toEqual({
      files: [ACCOUNT],
      roles: [
        S3_WRITE_ROLE,
        {
          name: 'WebServerRole',
          path: '/',
          arn: 'arn:aws:iam::111122223333:role/WebServerRole',
          roleId: 'AROAYFXQ3EXAMPLEWEB1',
          trustPolicy: EC2_TRUST,
          permissionsBoundaryArn: 'arn:aws:iam::111122223333:policy/S3WritePolicy',
          tags: [{ key: 'team', value: 'web' }],
          inlinePolicies: [
            {
              name: 'WebServerLogs',
              document: {
                Version: '2012-10-17',
                Statement: [
                  {
                    Effect: 'Allow',
                    Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
                    Resource: 'arn:aws:logs:us-east-1:111122223333:log-group:/web/*',
                  },
                ],
              },
            },
          ],
          attachedPolicies: [{ arn: 'arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore', name: 'AmazonSSMManagedInstanceCore' }],
          instanceProfiles: [WEB_SERVER_PROFILE],
          serviceLinked: false,
        },
        {
          name: 'AWSServiceRoleForSupport',
          path: '/aws-service-role/support.amazonaws.com/',
          arn: 'arn:aws:iam::111122223333:role/aws-service-role/support.amazonaws.com/AWSServiceRoleForSupport',
          roleId: 'AROAYFXQ3EXAMPLESUPP',
          trustPolicy: {
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Principal: { Service: 'support.amazonaws.com' }, Action: 'sts:AssumeRole' }],
          },
          tags: [],
          inlinePolicies: [],
          attachedPolicies: [{ arn: 'arn:aws:iam::aws:policy/aws-service-role/AWSSupportServiceRolePolicy', name: 'AWSSupportServiceRolePolicy' }],
          instanceProfiles: [],
          serviceLinked: true,
        },
      ],
      policies: [
        { ...S3_WRITE_POLICY, attachedToUsers: ['deploy-bot'], attachedToGroups: ['Developers'] },
        {
          name: 'AmazonSSMManagedInstanceCore',
          path: '/',
          arn: 'arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore',
          defaultVersionId: 'v2',
          document: {
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Action: ['ssm:UpdateInstanceInformation', 'ssmmessages:CreateControlChannel'], Resource: '*' }],
          },
          awsManaged: true,
          attachmentCount: 1,
          permissionsBoundaryUsageCount: 0,
          attachedToUsers: [],
          attachedToGroups: [],
        },
      ],
      instanceProfiles: [S3_WRITE_PROFILE, WEB_SERVER_PROFILE],
      serviceLinkedRoles: ['AWSServiceRoleForSupport'],
    });
  });

  it('takes the version marked IsDefaultVersion, not the first', () => {
    const raw = JSON.parse(fs.readFileSync(ACCOUNT, 'utf8'));
    expect(raw.Policies[0].PolicyVersionList[0].VersionId).toBe('v1');
    expect(readAuthorizationDetails([ACCOUNT]).policies[0].document).toEqual(S3_WRITE_V2);
  });

  it('merges the pages of a two-page export', () => {
    expect(readAuthorizationDetails([PAGE_1, PAGE_2])).toEqual({
      files: [PAGE_1, PAGE_2],
      roles: [S3_WRITE_ROLE],
      policies: [{ ...S3_WRITE_POLICY, attachedToUsers: [], attachedToGroups: [] }],
      instanceProfiles: [S3_WRITE_PROFILE],
      serviceLinkedRoles: [],
    });
  });

  it('decodes URL-encoded documents, as the IAM API returns them', () => {
    const file = fixture('url-encoded/authorization-details.json');
    expect(readAuthorizationDetails([file])).toEqual({
      files: [file],
      roles: [
        {
          name: 'BatchRole',
          path: '/',
          arn: 'arn:aws:iam::111122223333:role/BatchRole',
          roleId: 'AROAYFXQ3EXAMPLEBTCH',
          trustPolicy: EC2_TRUST,
          tags: [],
          inlinePolicies: [
            {
              name: 'BatchQueue',
              document: {
                Version: '2012-10-17',
                Statement: [{ Effect: 'Allow', Action: 'sqs:ReceiveMessage', Resource: 'arn:aws:sqs:us-east-1:111122223333:batch-jobs' }],
              },
            },
          ],
          attachedPolicies: [],
          instanceProfiles: [],
          serviceLinked: false,
        },
      ],
      policies: [],
      instanceProfiles: [],
      serviceLinkedRoles: [],
    });
  });

  it('reads a role’s MaxSessionDuration where the export has one', () => {
    const raw = JSON.parse(fs.readFileSync(PAGE_1, 'utf8'));
    const role = { ...raw.RoleDetailList[0], MaxSessionDuration: 7200 };
    expect(readAuthorizationDetails([exportFile({ RoleDetailList: [role] })]).roles[0].maxSessionDuration).toBe(7200);
  });
});

describe('readAuthorizationDetails errors', () => {
  const HOW_TO_PAGE =
    'pass every page, in the order fetched: a page with IsTruncated true ends at its Marker, and the next page is the call made from that marker ' +
    '(the AWS CLI prints NextToken for --starting-token instead when --max-items is given); ' +
    'or run aws iam get-account-authorization-details --output json without --max-items and --no-paginate to get the whole export in one file';

  it('refuses a truncated export whose next page was not given', () => {
    expect(errorOf(() => readAuthorizationDetails([PAGE_1]))).toBe(
      `${PAGE_1}:65:20: IsTruncated: is true (Marker "AQABAAAAGDJ0Xc1V5m9kcmRlcmVkLXBhZ2UtbWFya2Vy"): the export goes on after this page, and its next page was not given; ${HOW_TO_PAGE}`,
    );
  });

  it('refuses a NextToken on the last page', () => {
    const file = exportFile({ RoleDetailList: [], NextToken: 'eyJNYXJrZXIiOiBudWxsfQ==' });
    expect(errorOf(() => readAuthorizationDetails([file]))).toBe(
      `${file}:3:18: NextToken: the export goes on after this page, and its next page was not given; ${HOW_TO_PAGE}`,
    );
  });

  it('refuses no page at all', () => {
    expect(errorOf(() => readAuthorizationDetails([]))).toBe(`aws iam get-account-authorization-details --output json: no page given; ${HOW_TO_PAGE}`);
  });

  it('refuses more pages than it reads', () => {
    const files = Array.from({ length: MAX_EXPORT_PAGES + 1 }, () => PAGE_1);
    expect(errorOf(() => readAuthorizationDetails(files))).toBe(`${PAGE_1}: more than ${MAX_EXPORT_PAGES} pages given; that is the most read`);
  });

  it('refuses pages out of order', () => {
    expect(errorOf(() => readAuthorizationDetails([PAGE_2, PAGE_1]))).toBe(
      `${PAGE_2}: is the last page of its export (IsTruncated is not true), yet 1 more page was given after it; pass the pages of one export, in the order fetched`,
    );
  });

  it('refuses a page given twice', () => {
    expect(errorOf(() => readAuthorizationDetails([PAGE_1, PAGE_1, PAGE_2]))).toBe(
      `${PAGE_1}:5:9: RoleDetailList[0]: role S3WriteRole (arn:aws:iam::111122223333:role/S3WriteRole) is also in ${PAGE_1}; a page was given twice or pages of two exports were mixed: pass each page of one export once`,
    );
  });

  it('says what a file that is no export lacks', () => {
    const file = fixture('errors/not-an-export.json');
    expect(errorOf(() => readAuthorizationDetails([file]))).toBe(
      `${file}: has none of RoleDetailList, Policies, UserDetailList, GroupDetailList; expected a page of aws iam get-account-authorization-details --output json`,
    );
  });

  it('names the file, policy and version of a document that is not policy JSON', () => {
    const file = fixture('errors/bad-document.json');
    expect(errorOf(() => readAuthorizationDetails([file]))).toBe(
      `${file}:17:33: Policies[0].PolicyVersionList[0].Document: policy S3WritePolicy version v2: the document is not valid policy JSON (invalid JSON: the file ends inside an unclosed {); pass the export as aws iam get-account-authorization-details --output json wrote it`,
    );
  });

  it('names the role of a trust policy that is not a JSON object', () => {
    const file = exportFile({
      RoleDetailList: [{ RoleName: 'R', Path: '/', Arn: 'arn:aws:iam::111122223333:role/R', RoleId: 'AROAX', AssumeRolePolicyDocument: '%5B%5D' }],
    });
    expect(errorOf(() => readAuthorizationDetails([file]))).toBe(
      `${file}:8:41: RoleDetailList[0].AssumeRolePolicyDocument: role R trust policy: the document is not valid policy JSON (expected a JSON object, found a list); pass the export as aws iam get-account-authorization-details --output json wrote it`,
    );
  });

  it('refuses a policy with no default version, or one DefaultVersionId does not name', () => {
    const raw = JSON.parse(fs.readFileSync(PAGE_2, 'utf8'));
    const policy = raw.Policies[0];
    const none = exportFile({ Policies: [{ ...policy, PolicyVersionList: [policy.PolicyVersionList[0]] }] });
    expect(errorOf(() => readAuthorizationDetails([none]))).toBe(
      `${none}:14:13: Policies[0].PolicyVersionList: policy S3WritePolicy: no version is marked IsDefaultVersion true, where one must be (DefaultVersionId v2); pass the export as aws iam get-account-authorization-details --output json wrote it`,
    );
    const other = exportFile({ Policies: [{ ...policy, DefaultVersionId: 'v1' }] });
    expect(errorOf(() => readAuthorizationDetails([other]))).toBe(
      `${other}:46:34: Policies[0].PolicyVersionList[1].VersionId: policy S3WritePolicy: the version marked IsDefaultVersion is v2, but DefaultVersionId is v1; pass the export as aws iam get-account-authorization-details --output json wrote it`,
    );
  });

  it('says what a field should be', () => {
    const file = exportFile({ RoleDetailList: [{ RoleName: 7 }] });
    expect(errorOf(() => readAuthorizationDetails([file]))).toBe(
      `${file}:4:25: RoleDetailList[0].RoleName: expected text, found a number; pass the unedited output of aws iam get-account-authorization-details --output json`,
    );
  });

  it('says which output a missing or unparsable file should hold', () => {
    const missing = fixture('errors/no-such-file.json');
    expect(errorOf(() => readAuthorizationDetails([missing]))).toBe(
      `${missing}: file not found; expected the output of aws iam get-account-authorization-details --output json`,
    );
    const broken = path.join(folderWith({ 'broken.json': '{"RoleDetailList": [' }, 'account-export-'), 'broken.json');
    expect(errorOf(() => readAuthorizationDetails([broken]))).toMatch(
      new RegExp(
        `^${broken.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:1:\\d+: invalid JSON: .*; expected the output of aws iam get-account-authorization-details --output json$`,
      ),
    );
  });
});
