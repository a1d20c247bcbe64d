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
import { isSelected, type ImportSelection } from './import-selection';
import { type ImportSummaryItem, listed, NAMES_SHOWN } from './import-summary';
import { groupLookAlikes } from './look-alike-fleets';
import { PROPOSED_ALLOWS_LIMIT } from './proposed-expectations';
import type { AccountExportJoin, ProfileUse } from './join-export';
import { accountOfExport, regionOfInstances } from './export-place';
import { profileFromExport } from './profile-from-export';
import { compareText } from '../text/compare-text';
import { documentsToFiles } from './documents-to-files';
import { pushTo } from '../text/multimap';

/** What an import is built from. */
export interface SpecFromExportInput {
  readonly details: AuthorizationDetails;
  readonly instances: readonly ExportEc2Instance[];
  readonly join: AccountExportJoin;
  /** @default - every instance profile */
  readonly selection?: ImportSelection;
  /** Documents as files beside the spec (`file://policies/<name>.json`), or inline in it (a fleet's template holds its documents inline either way). @default "files" */
  readonly documents?: 'files' | 'inline';
  /** The fewest look-alike profiles written as one fleet; 0 writes every profile on its own. @default 10 (`FLEET_MIN_ITEMS`) */
  readonly fleetMinItems?: number;
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
  /** The account the export is of (with several environments: each account and its environment, `111111111111 (dev), 222222222222 (prod)`). */
  readonly accountId: string;
  /** How many of the profiles are items of a fleet of look-alikes, and in how many fleets. */
  readonly inFleets: { readonly profiles: number; readonly fleets: number };
}

/** Builds the spec of the chosen instance profiles of the export. */
export function specFromExport(input: SpecFromExportInput): ImportedSpec {
  const account = accountProfiles(input);
  const grouped = groupLookAlikes(account.profiles, input.fleetMinItems);
  const alone = grouped.alone.map((index) => account.profiles[index]);
  const { profiles, documents } = input.documents === 'inline' ? { profiles: alone, documents: new Map() } : documentsToFiles(alone, input.details.files[0]);
  const fleets = grouped.fleets.map(({ template, items }) => ({ template, items }));
  return {
    spec: {
      stack: `account-${account.accountId}`,
      ...(account.region ? { region: account.region } : {}),
      accountId: account.accountId,
      ...(profiles.length ? { profiles } : {}),
      ...(fleets.length ? { fleets } : {}),
    },
    documents,
    summary: account.summary,
    profiles: account.names,
    accountId: account.accountId,
    inFleets: { profiles: fleets.reduce((sum, fleet) => sum + fleet.items.length, 0), fleets: fleets.length },
  };
}

/** One account's imported profiles (documents inline), before they are grouped or merged. */
export interface AccountProfiles {
  readonly accountId: string;
  /** The region the instances are in. @default - not known (the summary says why) */
  readonly region?: string;
  readonly profiles: ReadonlyArray<Record<string, unknown>>;
  /** The instance profiles imported, in the profiles' order. */
  readonly names: readonly string[];
  readonly summary: readonly ImportSummaryItem[];
}

/** The chosen instance profiles of one account's export, as profiles of a spec, with the summary. */
export function accountProfiles(input: SpecFromExportInput): AccountProfiles {
  const { details } = input;
  const accountId = accountOfExport(details);
  const summary: ImportSummaryItem[] = [];
  const roles = new Map(details.roles.map((role) => [role.arn, role]));
  const policies = new Map(details.policies.map((policy) => [policy.arn, policy]));
  const chosen = chooseProfiles(input, roles, summary);
  const owners = policyOwners(chosen, policies);
  const ownedBy = new Map<string, Set<string>>();
  for (const [arn, owner] of owners) ownedBy.set(owner, new Set([...(ownedBy.get(owner) ?? []), arn]));
  const unproposed = new Map<string, string[]>();
  const profiles = chosen.map(({ use, role }) => {
    const built = profileFromExport({ profile: use.profile, role, instances: use.instances, owned: ownedBy.get(use.profile.name) ?? new Set(), policies });
    summary.push(...built.summary);
    const { expectations, refusal, leftOut } = built.proposals;
    const why = refusal ?? (expectations.length ? undefined : 'no Allow of its policies names an S3 bucket the expectations can write out');
    if (why !== undefined) pushTo(unproposed, why, use.profile.name);
    if (leftOut) {
      summary.push({
        subject: `instance profile ${use.profile.name}`,
        finding: `allows ${leftOut} more bucket and verb pairs than the ${PROPOSED_ALLOWS_LIMIT} allow expectations proposed`,
        action: 'the first are proposed; add others to its expectations',
      });
    }
    return built.profile;
  });
  for (const [why, names] of unproposed) {
    summary.push({
      subject: `instance profile${names.length === 1 ? '' : 's'} ${listed(names)}`,
      finding: `get${names.length === 1 ? 's' : ''} no expectation proposed: ${why}`,
      action: 'the access table proves the trust policy only; add expectations (allow and deny requests) to prove what the role may do',
    });
  }
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
  return { accountId, ...(region.region ? { region: region.region } : {}), profiles, names: chosen.map(({ use }) => use.profile.name), summary };
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
