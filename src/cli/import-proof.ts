/**
 * The proof that an imported spec changes nothing: for every resource the synthesized stacks
 * import, the arguments Terraform would send, compared with the export's attributes. Each
 * difference is what the first `terraform apply` after the import would change.
 */
import type { AuthorizationDetails } from '../account-export';
import type { AccountExportJoin } from '../account-export';
import { canonicalValue } from '../render/canonical-json';
import { isUnknown, type StackModel, type StackResource } from '../stack-model/stack-model';
import { pushTo } from '../text/multimap';

/** One argument the first apply would change. */
export interface ImportChange {
  /** The Terraform address: `aws_iam_role.s3_write_role`. */
  readonly resource: string;
  /** The argument: `assume_role_policy`, `tags`, `policy_arn`, or `(resource)` for one that would be created. */
  readonly argument: string;
  /** Its value in the account, as the export has it. */
  readonly account: string;
  /** Its value after the apply, as the spec sets it. */
  readonly spec: string;
}

/** What the comparison reads besides the stacks. */
export interface ImportFacts {
  readonly details: AuthorizationDetails;
  readonly join: AccountExportJoin;
}

const NOT_SET = '(not set)';

/**
 * Every change the first apply of `stacks` would make to what the exports describe: each stack
 * is compared with the export of the account it deploys to (its `allowed_account_ids`), or with
 * the one export there is.
 */
export function changesOnImport(stacks: readonly StackModel[], factsByAccount: ReadonlyMap<string, ImportFacts>): ImportChange[] {
  const indexes = new Map([...factsByAccount].map(([accountId, facts]) => [accountId, accountIndex(facts)]));
  const only = indexes.size === 1 ? [...indexes.values()][0] : undefined;
  return stacks.flatMap((stack) => {
    const account = indexes.get(stack.provider.allowedAccountIds[0] ?? '') ?? only;
    if (!account) throw new Error(`stack ${stack.source} deploys to no account of the exports`);
    const inStack = stackIndex(stack);
    return [...stack.resources.flatMap((resource) => resourceChanges(inStack, resource, account)), ...attachmentChanges(inStack, account)];
  });
}

/** The export's resources by the ids the stacks import them with, read once per comparison. */
interface AccountIndex {
  readonly policies: ReadonlyMap<string, AuthorizationDetails['policies'][number]>;
  readonly roles: ReadonlyMap<string, AuthorizationDetails['roles'][number]>;
  readonly instanceProfiles: ReadonlyMap<string, AuthorizationDetails['instanceProfiles'][number]>;
  /** The name of the instance profile each instance has now. */
  readonly profileOfInstance: ReadonlyMap<string, string | undefined>;
}

function accountIndex({ details, join }: ImportFacts): AccountIndex {
  const profileOfInstance = new Map<string, string | undefined>();
  for (const unknown of join.instancesWithUnknownProfile) profileOfInstance.set(unknown.instanceId, unknown.instanceProfileArn.split('/').pop());
  for (const use of join.profiles) for (const user of use.instances) profileOfInstance.set(user.instanceId, use.profile.name);
  return {
    policies: firstBy(details.policies, (policy) => policy.arn),
    roles: firstBy(details.roles, (role) => role.name),
    instanceProfiles: firstBy(details.instanceProfiles, (profile) => profile.name),
    profileOfInstance,
  };
}

/** A stack's resources by address, and its attachments by the role they attach to. */
interface StackIndex {
  readonly stack: StackModel;
  readonly byAddress: ReadonlyMap<string, StackResource>;
  readonly attachmentsByRole: ReadonlyMap<string, readonly AttachmentResource[]>;
}

type AttachmentResource = Extract<StackResource, { type: 'aws_iam_role_policy_attachment' }>;

function stackIndex(stack: StackModel): StackIndex {
  const byAddress = firstBy(stack.resources, (resource) => resource.address);
  const partial: StackIndex = { stack, byAddress, attachmentsByRole: new Map() };
  const attachmentsByRole = new Map<string, AttachmentResource[]>();
  for (const resource of stack.resources) {
    if (resource.type !== 'aws_iam_role_policy_attachment') continue;
    const role = resolved(partial, resource.role);
    pushTo(attachmentsByRole, role, resource);
  }
  return { ...partial, attachmentsByRole };
}

/** The first item of each key, as `find` would return it. */
function firstBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T> {
  const map = new Map<string, T>();
  for (const item of items) if (!map.has(key(item))) map.set(key(item), item);
  return map;
}

function resourceChanges(inStack: StackIndex, resource: StackResource, account: AccountIndex): ImportChange[] {
  const changes: ImportChange[] = [];
  const compare = (argument: string, inAccount: unknown, spec: unknown) => {
    const [a, b] = [shown(inAccount), shown(spec)];
    if (a !== b) changes.push({ resource: resource.address, argument, account: a, spec: b });
  };
  if (resource.importId === undefined) return [{ resource: resource.address, argument: '(resource)', account: '(not imported)', spec: 'created' }];
  const absent = (what: string) => [
    { resource: resource.address, argument: '(resource)', account: `no ${what} ${resource.importId} in the export`, spec: 'imported' },
  ];
  switch (resource.type) {
    case 'aws_iam_policy': {
      const policy = account.policies.get(resource.importId);
      if (!policy) return absent('policy');
      compare('name', policy.name, resource.name);
      compare('path', policy.path, resource.path);
      compare('policy', policy.document, resource.document);
      if (policy.tags !== undefined) compare('tags', tagsOf(policy.tags), resource.tagsAll);
      return changes;
    }
    case 'aws_iam_role': {
      const role = account.roles.get(resource.importId);
      if (!role) return absent('role');
      compare('name', role.name, resource.name);
      compare('path', role.path, resource.path);
      compare('assume_role_policy', role.trustPolicy, resource.assumeRolePolicy);
      compare('permissions_boundary', role.permissionsBoundaryArn, resource.permissionsBoundary);
      if (role.maxSessionDuration !== undefined) compare('max_session_duration', role.maxSessionDuration, resource.maxSessionDuration);
      compare('tags', tagsOf(role.tags), resource.tagsAll);
      return changes;
    }
    case 'aws_iam_instance_profile': {
      const profile = account.instanceProfiles.get(resource.importId);
      if (!profile) return absent('instance profile');
      compare('name', profile.name, resource.name);
      compare('path', profile.path, resource.path);
      compare('role', profile.roles[0]?.name, resolved(inStack, resource.role));
      if (profile.tags !== undefined) compare('tags', tagsOf(profile.tags), resource.tagsAll);
      return changes;
    }
    case 'aws_iam_role_policy': {
      const [roleName, policyName] = [resource.importId.slice(0, resource.importId.indexOf(':')), resource.importId.slice(resource.importId.indexOf(':') + 1)];
      const inline = account.roles.get(roleName)?.inlinePolicies.find((candidate) => candidate.name === policyName);
      if (!inline) return absent('inline policy');
      compare('name', inline.name, resource.name);
      compare('role', roleName, resolved(inStack, resource.role));
      compare('policy', inline.document, resource.document);
      return changes;
    }
    case 'aws_instance': {
      compare('iam_instance_profile', account.profileOfInstance.get(resource.importId), resolved(inStack, resource.iamInstanceProfile));
      return changes;
    }
    default:
      return changes; // attachments are compared per role, as a set
  }
}

/** Per imported role: the policy ARNs the stack attaches against those the export lists. */
function attachmentChanges(inStack: StackIndex, account: AccountIndex): ImportChange[] {
  return inStack.stack.resources.flatMap((resource) => {
    if (resource.type !== 'aws_iam_role' || resource.importId === undefined) return [];
    const role = account.roles.get(resource.importId);
    if (!role) return [];
    const ours = (inStack.attachmentsByRole.get(role.name) ?? []).map((attachment) => ({ attachment, arn: resolved(inStack, attachment.policyArn) }));
    const inAccount = new Set(role.attachedPolicies.map((policy) => policy.arn));
    const inSpec = new Set(ours.map(({ arn }) => arn));
    return [
      ...ours
        .filter(({ arn }) => !inAccount.has(arn))
        .map(({ attachment, arn }) => ({ resource: attachment.address, argument: 'policy_arn', account: '(not attached)', spec: arn })),
      ...[...inAccount]
        .filter((arn) => !inSpec.has(arn))
        .map((arn) => ({ resource: resource.address, argument: 'attachments', account: arn, spec: '(not in the spec: stays attached, unmanaged)' })),
    ];
  });
}

/** A planned value with its references followed to what the import makes known: a name, or an imported policy's ARN. */
function resolved(inStack: Pick<StackIndex, 'byAddress'>, value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return NOT_SET;
  if (!isUnknown(value) || !value.reference) return '(known after apply)';
  const { address, attribute } = value.reference;
  const target = inStack.byAddress.get(address);
  if (target && attribute === 'name' && 'name' in target && typeof target.name === 'string') return target.name;
  if (target && attribute === 'arn' && target.type === 'aws_iam_policy' && target.importId !== undefined) return target.importId;
  return `(${address}.${attribute}, known after apply)`;
}

function tagsOf(tags: ReadonlyArray<{ readonly key: string; readonly value: string }>): Record<string, string> {
  return Object.fromEntries(tags.map((tag) => [tag.key, tag.value]));
}

/** A value as the table shows it: text as is, anything else as JSON with its keys sorted (so equal JSON values show alike). */
function shown(value: unknown): string {
  if (value === undefined) return NOT_SET;
  if (typeof value === 'string') return value;
  return JSON.stringify(canonicalValue(value));
}

/** The longest a cell of the table shows. */
const CELL_WIDTH = 60;

/** The table of changes, or the line saying there are none. */
export function formatImportChanges(changes: readonly ImportChange[]): string[] {
  if (!changes.length) return ['no change on import: the first terraform apply only imports'];
  const header = ['resource', 'argument', 'in the account', 'after apply'];
  const rows = changes.map((change) => [change.resource, change.argument, change.account, change.spec].map(cell));
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  const line = (row: readonly string[]) => `  ${row.map((text, column) => text.padEnd(widths[column])).join('  ')}`.trimEnd();
  return [`${changes.length} change${changes.length === 1 ? '' : 's'} on the first terraform apply after import:`, line(header), ...rows.map(line)];
}

function cell(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > CELL_WIDTH ? `${flat.slice(0, CELL_WIDTH - 1)}…` : flat;
}
