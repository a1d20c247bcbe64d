/**
 * The spec of what exists: from an account's joined export, one profile per chosen instance
 * profile, every resource adopted (`adopt: true`, `instance.existingId`), in a stable order (by
 * instance profile name, then by policy name), with the documents as files beside the spec or
 * inline. What the spec cannot express, or what was left out, goes to the summary.
 */
import type { PolicyDocument } from '../iam/policy-document';
import { SpecError } from '../spec/spec-error';
import type { AuthorizationDetails, ExportPolicy, ExportRole } from './authorization-model';
import type { ExportEc2Instance } from './ec2-model';
import { documentPath } from './import-documents';
import { isSelected, type ImportSelection } from './import-selection';
import { type ImportSummaryItem, listed } from './import-summary';
import type { AccountExportJoin, ProfileUse } from './join-export';
import { accountOfExport, regionOfInstances } from './export-place';
import { compareText, type DocumentRef, profileFromExport } from './profile-from-export';

/** What an import is built from. */
export interface SpecFromExportInput {
  readonly details: AuthorizationDetails;
  readonly instances: readonly ExportEc2Instance[];
  readonly join: AccountExportJoin;
  /** @default - every instance profile */
  readonly selection?: ImportSelection;
  /** Documents as files beside the spec (`file://policies/<name>.json`), or inline in it. @default "files" */
  readonly documents?: 'files' | 'inline';
}

/** The spec built from an export. */
export interface ImportedSpec {
  /** The spec as a plain value, its keys in the order it is written. */
  readonly spec: Record<string, unknown>;
  /** The document files, by path relative to the spec (none when inline), in path order. */
  readonly documents: ReadonlyMap<string, PolicyDocument>;
  /** What the spec does not say as the account has it, with what was done. */
  readonly summary: readonly ImportSummaryItem[];
  /** The instance profiles imported, in spec order. */
  readonly profiles: readonly string[];
  /** The account the export is of. */
  readonly accountId: string;
}

/** The most instance profile names an error lists. */
const NAMES_SHOWN = 20;

/** Builds the spec of the chosen instance profiles of the export. */
export function specFromExport(input: SpecFromExportInput): ImportedSpec {
  const { details } = input;
  const accountId = accountOfExport(details);
  const summary: ImportSummaryItem[] = [];
  const roles = new Map(details.roles.map((role) => [role.arn, role]));
  const policies = new Map(details.policies.map((policy) => [policy.arn, policy]));
  const chosen = chooseProfiles(input, roles, summary);
  const documents = new Map<string, PolicyDocument>();
  const ref: DocumentRef = (kind, name, document) => {
    if (input.documents === 'inline') return document;
    const file = documentPath(kind, name, details.files[0]);
    documents.set(file, document);
    return `file://${file}`;
  };
  const owners = policyOwners(chosen, policies);
  const profiles = chosen.map(({ use, role }) => {
    const owned = new Set([...owners].filter(([, owner]) => owner === use.profile.name).map(([arn]) => arn));
    const built = profileFromExport({ profile: use.profile, role, instances: use.instances, owned, policies }, ref);
    summary.push(...built.summary);
    return built.profile;
  });
  summary.push(
    ...accountItems(
      input,
      owners,
      policies,
      chosen.map(({ role }) => role),
    ),
  );
  const region = regionOfInstances(input.instances);
  if (region.region === undefined) {
    summary.push({ subject: 'the region', finding: `is not known: ${region.why}`, action: 'left at the default us-east-1; set region in the spec' });
  }
  return {
    spec: { stack: `account-${accountId}`, ...(region.region ? { region: region.region } : {}), accountId, profiles },
    documents: new Map([...documents].sort(([a], [b]) => compareText(a, b))),
    summary,
    profiles: chosen.map(({ use }) => use.profile.name),
    accountId,
  };
}

interface Chosen {
  readonly use: ProfileUse;
  readonly role: ExportRole;
}

/** The selected instance profiles that can be imported, by name; the others that cannot, in the summary. */
function chooseProfiles(input: SpecFromExportInput, roles: ReadonlyMap<string, ExportRole>, summary: ImportSummaryItem[]): Chosen[] {
  const { details, join, selection = {} } = input;
  const uses = [...join.profiles].sort((a, b) => compareText(a.profile.name, b.profile.name));
  const chosen: Chosen[] = [];
  const roleTakenBy = new Map<string, string>();
  let selected = 0;
  for (const use of uses) {
    const { profile } = use;
    const role = profile.roles.length === 1 ? roles.get(profile.roles[0].arn) : undefined;
    if (!isSelected(selection, profile, role)) continue;
    selected += 1;
    const leftOut = (finding: string, action: string) => summary.push({ subject: `instance profile ${profile.name}`, finding, action });
    if (profile.roles.length === 0)
      leftOut('holds no role', 'left out: a profile of the spec has a role (delete the profile, or add a role to it and import again)');
    else if (profile.roles.length > 1)
      leftOut(`holds ${profile.roles.length} roles`, 'left out: IAM allows one role per instance profile; pass the export as the AWS CLI wrote it');
    else if (!role) leftOut(`holds the role ${profile.roles[0].name}, which is not in the export`, 'left out: pass every page of the export');
    else if (role.serviceLinked) leftOut(`holds the service-linked role ${role.name}`, 'left out, with the role');
    else if (roleTakenBy.has(role.name)) {
      leftOut(
        `holds the role ${role.name}, which instance profile ${roleTakenBy.get(role.name)} holds too`,
        `left out: the role is imported with ${roleTakenBy.get(role.name)}, and each profile of the spec has a role of its own`,
      );
    } else {
      roleTakenBy.set(role.name, profile.name);
      chosen.push({ use, role });
    }
  }
  if (!chosen.length) throw new SpecError(details.files[0], [{ path: [], message: nothingChosen(uses, selected, selection) }]);
  return chosen;
}

function nothingChosen(uses: readonly ProfileUse[], selected: number, selection: ImportSelection): string {
  if (!uses.length) return 'the export holds no instance profile (get-account-authorization-details lists them under the roles that hold them)';
  const names = uses.map((use) => use.profile.name);
  const shown = `${names.slice(0, NAMES_SHOWN).join(', ')}${names.length > NAMES_SHOWN ? `, … (${names.length} in all)` : ''}`;
  if (selected) return `none of the ${selected} selected instance profiles can be imported (see why above); the export's instance profiles: ${shown}`;
  const criteria = [
    ...(selection.profile !== undefined ? [`--profile ${selection.profile}`] : []),
    ...(selection.path !== undefined ? [`--path ${selection.path}`] : []),
    ...(selection.tag !== undefined ? [`--tag ${selection.tag.key}=${selection.tag.value}`] : []),
  ];
  return `no instance profile of the export matches ${criteria.join(' ')}; its instance profiles: ${shown}`;
}

/** Each customer-managed policy the export holds and a chosen role attaches, by ARN: the first chosen profile (by name) whose role attaches it. */
function policyOwners(chosen: readonly Chosen[], policies: ReadonlyMap<string, ExportPolicy>): Map<string, string> {
  const owners = new Map<string, string>();
  for (const { use, role } of chosen) {
    for (const attached of role.attachedPolicies) {
      const policy = policies.get(attached.arn);
      if (policy && !policy.awsManaged && !owners.has(attached.arn)) owners.set(attached.arn, use.profile.name);
    }
  }
  return owners;
}

/** The summary items about the account as a whole: service-linked roles, instances of unknown profiles, shared policies, facts the export lacks. */
function accountItems(
  input: SpecFromExportInput,
  owners: ReadonlyMap<string, string>,
  policies: ReadonlyMap<string, ExportPolicy>,
  roles: readonly ExportRole[],
): ImportSummaryItem[] {
  const { join } = input;
  const shared = join.policiesAttachedToUsersOrGroups.flatMap((entry) => {
    const arn = [...owners.keys()].find((candidate) => policies.get(candidate)?.name === entry.policy);
    if (arn === undefined) return [];
    const who = [...entry.users.map((user) => `user ${user}`), ...entry.groups.map((group) => `group ${group}`)];
    return [
      {
        subject: `policy ${entry.policy}`,
        finding: `is attached to ${listed(who)} as well`,
        action: `adopted with instance profile ${owners.get(arn)}; Terraform manages its role attachments only, the others stay as they are (and a change to the policy reaches them too)`,
      },
    ];
  });
  const unknownFacts = roles.filter((role) => role.maxSessionDuration === undefined).map((role) => role.name);
  return [
    ...join.serviceLinkedRoles.map((name) => ({ subject: `role ${name}`, finding: 'is service-linked', action: 'left out: AWS creates and deletes it' })),
    ...join.instancesWithUnknownProfile.map((use) => ({
      subject: `instance ${use.instanceId}`,
      finding: `uses the instance profile ${use.instanceProfileArn}, which is not in the export`,
      action: 'left out: pass the export of the account that holds the profile, with every page',
    })),
    ...shared,
    ...(unknownFacts.length
      ? [
          {
            subject: `role${unknownFacts.length === 1 ? '' : 's'} ${listed(unknownFacts)}`,
            finding: `${unknownFacts.length === 1 ? 'has' : 'have'} no description or maximum session duration in the export (get-account-authorization-details leaves them out)`,
            action:
              'the spec sets no description and the default 3600 s: if a role has others, set role.description and role.maxSessionDuration (aws iam get-role --role-name <name>) or the first apply changes them',
          },
        ]
      : []),
  ];
}
