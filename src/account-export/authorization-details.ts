/**
 * Reads the pages of `aws iam get-account-authorization-details --output json` and merges them
 * into one {@link AuthorizationDetails}. Each page is one file; pages are given in the order
 * they were fetched. A page with `IsTruncated: true` ends at its `Marker`: the next page is the
 * call made from that marker (with the AWS CLI, `--max-items` prints a `NextToken` instead,
 * which `--starting-token` takes), so every page but the last is truncated and the last is not.
 */
import { splitArn } from '../iam/arn';
import { SpecError } from '../spec/spec-error';
import { failAt, readExportFile, type ExportFile } from './export-file';
import { asObject, objectList, optionalCount, optionalFlag, optionalObject, optionalText, requiredText, tagList, type ExportObject } from './export-fields';
import type { AuthorizationDetails, ExportInstanceProfile, ExportPolicy, ExportRole } from './authorization-model';
import { policyDocumentField } from './policy-document-field';
import { pushTo } from '../text/multimap';

/** The command whose output is read. */
export const AUTHORIZATION_DETAILS_COMMAND = 'aws iam get-account-authorization-details --output json';

/** The lists a page holds at least one of. */
const EXPORT_LISTS = ['RoleDetailList', 'Policies', 'UserDetailList', 'GroupDetailList'] as const;

/** The path under which IAM keeps service-linked roles. */
const SERVICE_LINKED_PATH = '/aws-service-role/';

/** The most pages one export is read from (IAM returns up to 1,000 items a page, so far more than an account holds). */
export const MAX_EXPORT_PAGES = 1000;

const HOW_TO_PAGE =
  `pass every page, in the order fetched: a page with IsTruncated true ends at its Marker, and the next page is the call made from that marker (the AWS CLI prints NextToken for --starting-token instead when --max-items is given); ` +
  `or run ${AUTHORIZATION_DETAILS_COMMAND} without --max-items and --no-paginate to get the whole export in one file`;

interface Page {
  readonly source: ExportFile;
  readonly top: ExportObject;
}

/** Reads and merges the pages `files` (at least one, at most {@link MAX_EXPORT_PAGES}). */
export function readAuthorizationDetails(files: readonly string[]): AuthorizationDetails {
  if (files.length === 0) throw new SpecError(AUTHORIZATION_DETAILS_COMMAND, [{ path: [], message: `no page given; ${HOW_TO_PAGE}` }]);
  if (files.length > MAX_EXPORT_PAGES)
    throw new SpecError(files[MAX_EXPORT_PAGES], [{ path: [], message: `more than ${MAX_EXPORT_PAGES} pages given; that is the most read` }]);
  const pages = files.map((file) => readPage(file));
  checkPaging(pages);
  const roles = new Map<string, { role: ExportRole; file: string }>();
  const policies = new Map<string, { policy: ExportPolicy; file: string }>();
  const usersOf = new Map<string, string[]>();
  const groupsOf = new Map<string, string[]>();
  for (const page of pages) {
    objectList(page.top, 'RoleDetailList').forEach((entry) => {
      const role = readRole(entry);
      unique(roles, role.arn, page.source, entry, `role ${role.name}`);
      roles.set(role.arn, { role, file: page.source.file });
    });
    objectList(page.top, 'Policies').forEach((entry) => {
      const policy = readPolicy(entry);
      unique(policies, policy.arn, page.source, entry, `policy ${policy.name}`);
      policies.set(policy.arn, { policy, file: page.source.file });
    });
    collectAttachments(page.top, 'UserDetailList', 'UserName', usersOf);
    collectAttachments(page.top, 'GroupDetailList', 'GroupName', groupsOf);
  }
  const roleList = [...roles.values()].map(({ role }) => role);
  return {
    files: [...files],
    roles: roleList,
    policies: [...policies.values()].map(({ policy }) => ({
      ...policy,
      attachedToUsers: usersOf.get(policy.arn) ?? [],
      attachedToGroups: groupsOf.get(policy.arn) ?? [],
    })),
    instanceProfiles: mergeProfiles(roleList),
    serviceLinkedRoles: roleList.filter((role) => role.serviceLinked).map((role) => role.name),
  };
}

function readPage(file: string): Page {
  const source = readExportFile(file, AUTHORIZATION_DETAILS_COMMAND);
  const top = asObject(source, [], source.value);
  if (!EXPORT_LISTS.some((list) => list in top.value)) {
    failAt(source, [], `has none of ${EXPORT_LISTS.join(', ')}; expected a page of ${AUTHORIZATION_DETAILS_COMMAND}`);
  }
  return { source, top };
}

/** Every page but the last must be truncated, and the last must not be. */
function checkPaging(pages: readonly Page[]): void {
  pages.forEach((page, index) => {
    const truncated = optionalFlag(page.top, 'IsTruncated');
    const marker = optionalText(page.top, 'Marker');
    const nextToken = optionalText(page.top, 'NextToken');
    const last = index === pages.length - 1;
    if (last && nextToken !== undefined)
      failAt(page.source, ['NextToken'], `the export goes on after this page, and its next page was not given; ${HOW_TO_PAGE}`);
    if (last && truncated)
      failAt(
        page.source,
        ['IsTruncated'],
        `is true${marker ? ` (Marker ${JSON.stringify(marker)})` : ''}: the export goes on after this page, and its next page was not given; ${HOW_TO_PAGE}`,
      );
    if (!last && !truncated && nextToken === undefined) {
      const after = pages.length - 1 - index;
      failAt(
        page.source,
        [],
        `is the last page of its export (IsTruncated is not true), yet ${after} more page${after === 1 ? ' was' : 's were'} given after it; pass the pages of one export, in the order fetched`,
      );
    }
  });
}

function unique(seen: ReadonlyMap<string, { file: string }>, arn: string, source: ExportFile, entry: ExportObject, what: string): void {
  const earlier = seen.get(arn);
  if (earlier)
    failAt(
      source,
      entry.path,
      `${what} (${arn}) is also in ${earlier.file}; a page was given twice or pages of two exports were mixed: pass each page of one export once`,
    );
}

function readRole(entry: ExportObject): ExportRole {
  const name = requiredText(entry, 'RoleName');
  const path = requiredText(entry, 'Path');
  const boundary = optionalObject(entry, 'PermissionsBoundary');
  return {
    name,
    path,
    arn: requiredText(entry, 'Arn'),
    roleId: requiredText(entry, 'RoleId'),
    trustPolicy: policyDocumentField(entry, 'AssumeRolePolicyDocument', `role ${name} trust policy`),
    ...optional('permissionsBoundaryArn', boundary && optionalText(boundary, 'PermissionsBoundaryArn')),
    ...optional('maxSessionDuration', optionalCount(entry, 'MaxSessionDuration')),
    tags: tagList(entry),
    inlinePolicies: objectList(entry, 'RolePolicyList').map((policy) => {
      const policyName = requiredText(policy, 'PolicyName');
      return { name: policyName, document: policyDocumentField(policy, 'PolicyDocument', `role ${name} inline policy ${policyName}`) };
    }),
    attachedPolicies: objectList(entry, 'AttachedManagedPolicies').map(readAttached),
    instanceProfiles: objectList(entry, 'InstanceProfileList').map(readProfile),
    serviceLinked: path.startsWith(SERVICE_LINKED_PATH),
  };
}

function readAttached(entry: ExportObject): { arn: string; name: string } {
  return { arn: requiredText(entry, 'PolicyArn'), name: requiredText(entry, 'PolicyName') };
}

function readProfile(entry: ExportObject): ExportInstanceProfile {
  return {
    name: requiredText(entry, 'InstanceProfileName'),
    path: requiredText(entry, 'Path'),
    arn: requiredText(entry, 'Arn'),
    ...optional('tags', entry.value.Tags === undefined ? undefined : tagList(entry)),
    roles: objectList(entry, 'Roles').map((role) => ({ name: requiredText(role, 'RoleName'), arn: requiredText(role, 'Arn') })),
  };
}

function readPolicy(entry: ExportObject): ExportPolicy {
  const name = requiredText(entry, 'PolicyName');
  const arn = requiredText(entry, 'Arn');
  const defaultVersionId = requiredText(entry, 'DefaultVersionId');
  const versions = objectList(entry, 'PolicyVersionList');
  const defaults = versions.filter((version) => optionalFlag(version, 'IsDefaultVersion'));
  if (defaults.length !== 1) {
    failAt(
      entry.source,
      [...entry.path, 'PolicyVersionList'],
      `policy ${name}: ${defaults.length ? `${defaults.length} versions are marked` : 'no version is marked'} IsDefaultVersion true, where one must be (DefaultVersionId ${defaultVersionId}); pass the export as ${entry.source.command} wrote it`,
    );
  }
  const [version] = defaults;
  const versionId = requiredText(version, 'VersionId');
  if (versionId !== defaultVersionId) {
    failAt(
      entry.source,
      [...version.path, 'VersionId'],
      `policy ${name}: the version marked IsDefaultVersion is ${versionId}, but DefaultVersionId is ${defaultVersionId}; pass the export as ${entry.source.command} wrote it`,
    );
  }
  return {
    name,
    path: requiredText(entry, 'Path'),
    arn,
    defaultVersionId,
    ...optional('description', optionalText(entry, 'Description')),
    ...optional('tags', entry.value.Tags === undefined ? undefined : tagList(entry)),
    document: policyDocumentField(version, 'Document', `policy ${name} version ${versionId}`),
    awsManaged: splitArn(arn)?.account === 'aws',
    ...optional('attachmentCount', optionalCount(entry, 'AttachmentCount')),
    ...optional('permissionsBoundaryUsageCount', optionalCount(entry, 'PermissionsBoundaryUsageCount')),
    attachedToUsers: [],
    attachedToGroups: [],
  };
}

/** Adds each user's (or group's) name to the list of every policy ARN it attaches. */
function collectAttachments(top: ExportObject, list: string, nameKey: string, into: Map<string, string[]>): void {
  for (const entry of objectList(top, list)) {
    const name = requiredText(entry, nameKey);
    for (const attached of objectList(entry, 'AttachedManagedPolicies').map(readAttached)) {
      pushTo(into, attached.arn, name);
    }
  }
}

/** The instance profiles of every role, once each by ARN, with the roles every listing names. */
function mergeProfiles(roles: readonly ExportRole[]): ExportInstanceProfile[] {
  const profiles = new Map<string, ExportInstanceProfile>();
  for (const profile of roles.flatMap((role) => role.instanceProfiles)) {
    const known = profiles.get(profile.arn);
    const extra = profile.roles.filter((role) => !known?.roles.some((other) => other.arn === role.arn));
    profiles.set(profile.arn, known ? { ...known, roles: [...known.roles, ...extra] } : profile);
  }
  return [...profiles.values()];
}

/** `{[key]: value}` when `value` is defined, else nothing, so absent facts stay absent keys. */
function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
