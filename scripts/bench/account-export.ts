/**
 * A large account's export for the import benchmark, shaped like the AWS CLI's output (and the
 * fixtures in `__tests__/fixtures/account-export`): `roles` roles, each in its own instance
 * profile, with one customer-managed policy each (S3 write and list on the team's bucket);
 * `instances` instances, the first `roles` of them using profile i (half of them by a current
 * association, half by describe-instances alone), the rest without a profile.
 */
import * as fs from 'fs';
import * as path from 'path';

const ACCOUNT = '111122223333';
const CREATED = '2026-11-02T09:14:51+00:00';
const TRUST = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
};

/** The three files of the export, by name. */
export interface BenchExportFiles {
  /** The pages of get-account-authorization-details, in order (1,000 items a page, as IAM returns at most). */
  readonly authorizationDetails: readonly string[];
  readonly instances: string;
  readonly associations: string;
}

const pad = (i: number) => String(i).padStart(5, '0');
const hex = (i: number, length: number) => i.toString(16).padStart(length, '0');

function roleEntry(i: number): Record<string, unknown> {
  const role = {
    Path: '/',
    RoleName: `team${pad(i)}-writer`,
    RoleId: `AROA${hex(i, 16).toUpperCase()}`,
    Arn: `arn:aws:iam::${ACCOUNT}:role/team${pad(i)}-writer`,
    CreateDate: CREATED,
    AssumeRolePolicyDocument: TRUST,
  };
  return {
    ...role,
    InstanceProfileList: [
      {
        Path: '/',
        InstanceProfileName: `team${pad(i)}-writer-profile`,
        InstanceProfileId: `AIPA${hex(i, 16).toUpperCase()}`,
        Arn: profileArn(i),
        CreateDate: CREATED,
        Roles: [role],
      },
    ],
    RolePolicyList: [],
    AttachedManagedPolicies: [{ PolicyName: `team${pad(i)}-write`, PolicyArn: `arn:aws:iam::${ACCOUNT}:policy/team${pad(i)}-write` }],
    Tags: [{ Key: 'team', Value: `team${pad(i)}` }],
    RoleLastUsed: {},
  };
}

function profileArn(i: number): string {
  return `arn:aws:iam::${ACCOUNT}:instance-profile/team${pad(i)}-writer-profile`;
}

function policyEntry(i: number): Record<string, unknown> {
  const bucket = `team${pad(i)}-bucket`;
  return {
    PolicyName: `team${pad(i)}-write`,
    PolicyId: `ANPA${hex(i, 16).toUpperCase()}`,
    Arn: `arn:aws:iam::${ACCOUNT}:policy/team${pad(i)}-write`,
    Path: '/',
    DefaultVersionId: 'v1',
    AttachmentCount: 1,
    PermissionsBoundaryUsageCount: 0,
    IsAttachable: true,
    CreateDate: CREATED,
    UpdateDate: CREATED,
    PolicyVersionList: [
      {
        Document: {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Action: 's3:PutObject', Resource: `arn:aws:s3:::${bucket}/*` },
            { Effect: 'Allow', Action: 's3:ListBucket', Resource: `arn:aws:s3:::${bucket}` },
          ],
        },
        VersionId: 'v1',
        IsDefaultVersion: true,
        CreateDate: CREATED,
      },
    ],
  };
}

function instanceEntry(i: number, roles: number): Record<string, unknown> {
  return {
    InstanceId: `i-${hex(i, 17)}`,
    ImageId: 'ami-0c02fb55956c7d316',
    InstanceType: 't3.micro',
    State: { Code: 16, Name: 'running' },
    Placement: { AvailabilityZone: i % 2 ? 'us-east-1b' : 'us-east-1a', GroupName: '', Tenancy: 'default' },
    SubnetId: 'subnet-0123456789abcdef0',
    VpcId: 'vpc-0a1b2c3d4e5f67890',
    PrivateIpAddress: `10.0.${(i >> 8) & 255}.${i & 255}`,
    LaunchTime: CREATED,
    Tags: [{ Key: 'Name', Value: `instance-${i}` }],
    ...(i < roles ? { IamInstanceProfile: { Arn: profileArn(i), Id: `AIPA${hex(i, 16).toUpperCase()}` } } : {}),
  };
}

/** Writes the export into `dir` and returns its files. */
export function writeBenchExport(dir: string, roles: number, instances: number): BenchExportFiles {
  fs.mkdirSync(dir, { recursive: true });
  const perPage = 500; // 500 roles and their 500 policies: 1,000 items, IAM's most a page
  const pages = Math.max(1, Math.ceil(roles / perPage));
  const files = {
    authorizationDetails: Array.from({ length: pages }, (_, page) => path.join(dir, `authorization-details-${page + 1}.json`)),
    instances: path.join(dir, 'describe-instances.json'),
    associations: path.join(dir, 'describe-iam-instance-profile-associations.json'),
  };
  const ids = Array.from({ length: roles }, (_, i) => i);
  files.authorizationDetails.forEach((file, page) => {
    const slice = ids.slice(page * perPage, (page + 1) * perPage);
    const last = page === pages - 1;
    const top = {
      UserDetailList: [],
      GroupDetailList: [],
      RoleDetailList: slice.map(roleEntry),
      Policies: slice.map(policyEntry),
      IsTruncated: !last,
      ...(last ? {} : { Marker: `AQoEXAMPLEMARKER${page + 1}` }),
    };
    fs.writeFileSync(file, JSON.stringify(top, null, 4));
  });
  const all = Array.from({ length: instances }, (_, i) => i);
  const reservations = [];
  for (let start = 0; start < instances; start += 4) {
    reservations.push({
      ReservationId: `r-${hex(start, 17)}`,
      OwnerId: ACCOUNT,
      Groups: [],
      Instances: all.slice(start, start + 4).map((i) => instanceEntry(i, roles)),
    });
  }
  fs.writeFileSync(files.instances, JSON.stringify({ Reservations: reservations }, null, 4));
  const associations = ids
    .filter((i) => i % 2 === 0 && i < instances)
    .map((i) => ({
      AssociationId: `iip-assoc-${hex(i, 17)}`,
      InstanceId: `i-${hex(i, 17)}`,
      IamInstanceProfile: { Arn: profileArn(i), Id: `AIPA${hex(i, 16).toUpperCase()}` },
      State: 'associated',
      Timestamp: CREATED,
    }));
  fs.writeFileSync(files.associations, JSON.stringify({ IamInstanceProfileAssociations: associations }, null, 4));
  return files;
}
