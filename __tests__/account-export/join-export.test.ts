import * as path from 'path';
import { readAuthorizationDetails } from '../../src/account-export/authorization-details';
import type { AuthorizationDetails } from '../../src/account-export/authorization-model';
import { readAssociations, readInstances } from '../../src/account-export/ec2-outputs';
import { joinAccountExport } from '../../src/account-export/join-export';

const FIXTURES = path.join(__dirname, '../fixtures/account-export');
const fixture = (name: string) => path.join(FIXTURES, name);
const details = readAuthorizationDetails([fixture('account/authorization-details.json')]);
const instances = readInstances(fixture('account/describe-instances.json'));
const associations = readAssociations(fixture('account/describe-iam-instance-profile-associations.json'));
const ARN = (kind: string, name: string) => `arn:aws:iam::111122223333:${kind}/${name}`;

describe('joinAccountExport', () => {
  const joined = joinAccountExport(details, instances, associations);

  it('finds the instances of each profile, associations winning over describe-instances', () => {
    expect(joined.profiles.map((use) => ({ profile: use.profile.name, instances: use.instances }))).toEqual([
      { profile: 'S3WriteProfile', instances: [{ instanceId: 'i-0abcd1234ef567890', source: 'association' }] },
      // describe-instances says RetiredProfile; the association (associating) says WebServerRole.
      { profile: 'WebServerRole', instances: [{ instanceId: 'i-0123456789abcdef0', source: 'association' }] },
    ]);
  });

  it('lists what the summary needs', () => {
    expect({ ...joined, profiles: undefined }).toEqual({
      profiles: undefined,
      profilesWithMissingRole: [],
      profilesWithoutRole: [],
      rolesInSeveralProfiles: [],
      instancesWithUnknownProfile: [{ instanceId: 'i-0fedcba9876543210', instanceProfileArn: ARN('instance-profile', 'LegacyProfile'), source: 'instance' }],
      policiesAttachedToUsersOrGroups: [{ policy: 'S3WritePolicy', users: ['deploy-bot'], groups: ['Developers'] }],
      serviceLinkedRoles: ['AWSServiceRoleForSupport'],
    });
  });

  it('uses describe-instances alone when there are no associations', () => {
    const alone = joinAccountExport(details, instances, []);
    expect(alone.profiles.map((use) => use.instances)).toEqual([[{ instanceId: 'i-0abcd1234ef567890', source: 'instance' }], []]);
    expect(alone.instancesWithUnknownProfile.map((use) => use.instanceProfileArn)).toEqual([
      ARN('instance-profile', 'LegacyProfile'),
      ARN('instance-profile', 'RetiredProfile'),
    ]);
  });

  it('drops a profile whose association is being removed', () => {
    const removing = associations.map((association) => ({ ...association, state: 'disassociating' }));
    const joinedRemoving = joinAccountExport(details, instances.slice(0, 1), removing);
    expect(joinedRemoving.profiles.map((use) => use.instances)).toEqual([[], []]);
  });

  it('lists profiles with a missing role or none, and roles in several profiles', () => {
    const [s3Write, webServer] = details.instanceProfiles;
    const odd: AuthorizationDetails = {
      ...details,
      instanceProfiles: [
        s3Write,
        { ...webServer, roles: [{ name: 'GoneRole', arn: ARN('role', 'GoneRole') }] },
        { name: 'EmptyProfile', path: '/', arn: ARN('instance-profile', 'EmptyProfile'), roles: [] },
        { name: 'S3WriteProfile2', path: '/', arn: ARN('instance-profile', 'S3WriteProfile2'), roles: s3Write.roles },
      ],
    };
    const result = joinAccountExport(odd, [], []);
    expect(result.profilesWithMissingRole).toEqual([{ profile: 'WebServerRole', role: 'GoneRole' }]);
    expect(result.profilesWithoutRole).toEqual(['EmptyProfile']);
    expect(result.rolesInSeveralProfiles).toEqual([{ role: 'S3WriteRole', profiles: ['S3WriteProfile', 'S3WriteProfile2'] }]);
  });
});
