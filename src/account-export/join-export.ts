/**
 * Joins an account's IAM export with its EC2 outputs: which instances use each instance
 * profile, and the lists a summary of the account needs (profiles with a missing role or none,
 * roles in several profiles, instances whose profile the export lacks, inline role policies,
 * policies also attached to users or groups, service-linked roles).
 *
 * An instance's profile is its current association's (`associating` or `associated`) where
 * there is one, as associations are what changes a running instance's profile; otherwise the
 * `IamInstanceProfile` of describe-instances, unless an association being removed
 * (`disassociating`, `disassociated`) names that same profile.
 */
import type { AuthorizationDetails, ExportInstanceProfile } from './authorization-model';
import { isCurrentAssociation } from './association-states';
import type { ExportAssociation, ExportEc2Instance } from './ec2-model';
import { pushTo } from '../text/multimap';

/** Where the join learned that an instance uses a profile. */
export type ProfileUseSource = 'association' | 'instance';

/** An instance using a profile. */
export interface ProfileUser {
  readonly instanceId: string;
  readonly source: ProfileUseSource;
}

/** An instance profile of the export and the instances using it. */
export interface ProfileUse {
  readonly profile: ExportInstanceProfile;
  /** In order of first appearance: associations first, then describe-instances. */
  readonly instances: readonly ProfileUser[];
}

/** The joined export. */
export interface AccountExportJoin {
  readonly profiles: readonly ProfileUse[];
  /** Profiles naming a role that is not in the export's roles. */
  readonly profilesWithMissingRole: ReadonlyArray<{ readonly profile: string; readonly role: string }>;
  /** Names of profiles that hold no role. */
  readonly profilesWithoutRole: readonly string[];
  /** Roles held by more than one profile, with the profiles' names. */
  readonly rolesInSeveralProfiles: ReadonlyArray<{ readonly role: string; readonly profiles: readonly string[] }>;
  /** Instances whose profile ARN is not a profile of the export. */
  readonly instancesWithUnknownProfile: ReadonlyArray<{ readonly instanceId: string; readonly instanceProfileArn: string; readonly source: ProfileUseSource }>;
  /** Managed policies that users or groups attach as well. */
  readonly policiesAttachedToUsersOrGroups: ReadonlyArray<{ readonly policy: string; readonly users: readonly string[]; readonly groups: readonly string[] }>;
  /** Names of the service-linked roles. */
  readonly serviceLinkedRoles: readonly string[];
}

/** Joins `details` with the instances and associations read from the same account (either may be empty). */
export function joinAccountExport(
  details: AuthorizationDetails,
  instances: readonly ExportEc2Instance[],
  associations: readonly ExportAssociation[],
): AccountExportJoin {
  const uses = instanceProfileUses(instances, associations);
  const knownProfiles = new Set(details.instanceProfiles.map((profile) => profile.arn));
  const usesByProfile = new Map<string, typeof uses>();
  for (const use of uses) pushTo(usesByProfile, use.instanceProfileArn, use);
  const knownRoles = new Set(details.roles.map((role) => role.arn));
  const profilesOfRole = new Map<string, string[]>();
  for (const profile of details.instanceProfiles) {
    for (const role of profile.roles) pushTo(profilesOfRole, role.name, profile.name);
  }
  return {
    profiles: details.instanceProfiles.map((profile) => ({
      profile,
      instances: (usesByProfile.get(profile.arn) ?? []).map(({ instanceId, source }) => ({ instanceId, source })),
    })),
    profilesWithMissingRole: details.instanceProfiles.flatMap((profile) =>
      profile.roles.filter((role) => !knownRoles.has(role.arn)).map((role) => ({ profile: profile.name, role: role.name })),
    ),
    profilesWithoutRole: details.instanceProfiles.filter((profile) => profile.roles.length === 0).map((profile) => profile.name),
    rolesInSeveralProfiles: [...profilesOfRole].filter(([, profiles]) => profiles.length > 1).map(([role, profiles]) => ({ role, profiles })),
    instancesWithUnknownProfile: uses.filter((use) => !knownProfiles.has(use.instanceProfileArn)),
    policiesAttachedToUsersOrGroups: details.policies
      .filter((policy) => policy.attachedToUsers.length + policy.attachedToGroups.length > 0)
      .map((policy) => ({ policy: policy.name, users: policy.attachedToUsers, groups: policy.attachedToGroups })),
    serviceLinkedRoles: details.serviceLinkedRoles,
  };
}

/** Each instance's profile, once per instance: associations first (in their order), then the instances no association decides. */
function instanceProfileUses(
  instances: readonly ExportEc2Instance[],
  associations: readonly ExportAssociation[],
): Array<{ instanceId: string; instanceProfileArn: string; source: ProfileUseSource }> {
  const decided = new Map<string, { instanceId: string; instanceProfileArn: string; source: ProfileUseSource }>();
  for (const association of associations) {
    if (isCurrentAssociation(association.state) && !decided.has(association.instanceId)) {
      decided.set(association.instanceId, { instanceId: association.instanceId, instanceProfileArn: association.instanceProfileArn, source: 'association' });
    }
  }
  const removed = new Set(associations.filter((association) => !isCurrentAssociation(association.state)).map((a) => `${a.instanceId} ${a.instanceProfileArn}`));
  for (const instance of instances) {
    const arn = instance.instanceProfileArn;
    if (arn === undefined || decided.has(instance.instanceId) || removed.has(`${instance.instanceId} ${arn}`)) continue;
    decided.set(instance.instanceId, { instanceId: instance.instanceId, instanceProfileArn: arn, source: 'instance' });
  }
  return [...decided.values()];
}
