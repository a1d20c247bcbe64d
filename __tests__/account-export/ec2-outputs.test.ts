import * as path from 'path';
import { readAssociations, readInstances } from '../../src/account-export/ec2-outputs';
import { SpecError } from '../../src/spec/spec-error';
import { folderWith } from '../helpers/temp-dirs';

const FIXTURES = path.join(__dirname, '../fixtures/account-export');
const fixture = (name: string) => path.join(FIXTURES, name);
const INSTANCES = fixture('account/describe-instances.json');
const ASSOCIATIONS = fixture('account/describe-iam-instance-profile-associations.json');

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

function jsonFile(content: unknown): string {
  return path.join(folderWith({ 'output.json': JSON.stringify(content, null, 4) }, 'account-export-'), 'output.json');
}

describe('readInstances', () => {
  it('reads every instance of every reservation', () => {
    const common = { imageId: 'ami-0c02fb55956c7d316' };
    expect(readInstances(INSTANCES)).toEqual([
      {
        instanceId: 'i-0abcd1234ef567890',
        instanceProfileArn: 'arn:aws:iam::111122223333:instance-profile/S3WriteProfile',
        state: 'running',
        availabilityZone: 'us-east-1a',
        ...common,
        instanceType: 't3.micro',
        subnetId: 'subnet-0123456789abcdef0',
        tags: [{ key: 'Name', value: 's3-writer' }],
      },
      {
        instanceId: 'i-0fedcba9876543210',
        instanceProfileArn: 'arn:aws:iam::111122223333:instance-profile/LegacyProfile',
        state: 'running',
        availabilityZone: 'us-east-1b',
        ...common,
        instanceType: 't3.small',
        subnetId: 'subnet-0123456789abcdef0',
        tags: [],
      },
      {
        instanceId: 'i-0123456789abcdef0',
        instanceProfileArn: 'arn:aws:iam::111122223333:instance-profile/RetiredProfile',
        state: 'stopped',
        availabilityZone: 'us-east-1b',
        ...common,
        instanceType: 't3.small',
        subnetId: 'subnet-0fedcba9876543210',
        tags: [{ key: 'Name', value: 'web' }],
      },
      {
        instanceId: 'i-0aaaabbbbccccdddd',
        state: 'running',
        availabilityZone: 'us-east-1a',
        ...common,
        instanceType: 't3.nano',
        subnetId: 'subnet-0fedcba9876543210',
        tags: [],
      },
    ]);
  });

  it('refuses output cut short by --max-items', () => {
    const file = fixture('errors/describe-instances-next-token.json');
    expect(errorOf(() => readInstances(file))).toBe(
      `${file}:3:18: NextToken: the output was cut short by --max-items; run aws ec2 describe-instances --output json without --max-items and pass the whole output`,
    );
  });

  it('says what other output lacks', () => {
    expect(errorOf(() => readInstances(ASSOCIATIONS))).toBe(
      `${ASSOCIATIONS}: has no Reservations; expected the output of aws ec2 describe-instances --output json`,
    );
  });

  it('says what a field should be', () => {
    const file = jsonFile({ Reservations: [{ Instances: [{ InstanceId: 'i-0abcd1234ef567890', IamInstanceProfile: 'S3WriteProfile' }] }] });
    expect(errorOf(() => readInstances(file))).toBe(
      `${file}:7:43: Reservations[0].Instances[0].IamInstanceProfile: expected an object, found text; pass the unedited output of aws ec2 describe-instances --output json`,
    );
  });
});

describe('readAssociations', () => {
  it('reads every association', () => {
    expect(readAssociations(ASSOCIATIONS)).toEqual([
      {
        associationId: 'iip-assoc-0a1b2c3d4e5f67890',
        instanceId: 'i-0abcd1234ef567890',
        instanceProfileArn: 'arn:aws:iam::111122223333:instance-profile/S3WriteProfile',
        state: 'associated',
      },
      {
        associationId: 'iip-assoc-0fedcba9876543210',
        instanceId: 'i-0123456789abcdef0',
        instanceProfileArn: 'arn:aws:iam::111122223333:instance-profile/WebServerRole',
        state: 'associating',
      },
    ]);
  });

  it('refuses a state the EC2 API does not have', () => {
    const file = fixture('errors/association-bad-state.json');
    expect(errorOf(() => readAssociations(file))).toBe(
      `${file}:10:22: IamInstanceProfileAssociations[0].State: "attached" is no association state (associated, associating, disassociated, disassociating); pass the unedited output of aws ec2 describe-iam-instance-profile-associations --output json`,
    );
  });

  it('refuses an association without its profile', () => {
    const file = jsonFile({ IamInstanceProfileAssociations: [{ InstanceId: 'i-0abcd1234ef567890', State: 'associated' }] });
    expect(errorOf(() => readAssociations(file))).toBe(
      `${file}:3:9: IamInstanceProfileAssociations[0].IamInstanceProfile: missing; every association names its instance profile: pass the unedited output of aws ec2 describe-iam-instance-profile-associations --output json`,
    );
  });

  it('says what other output lacks', () => {
    expect(errorOf(() => readAssociations(INSTANCES))).toBe(
      `${INSTANCES}: has no IamInstanceProfileAssociations; expected the output of aws ec2 describe-iam-instance-profile-associations --output json`,
    );
  });
});
