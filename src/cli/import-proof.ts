/**
 * The proof that an imported spec changes nothing: for every resource the synthesized stacks
 * import, the arguments Terraform would send, compared with the export's attributes. Each
 * difference is what the first `terraform apply` after the import would change.
 */
import type { AuthorizationDetails } from '../account-export';
import type { AccountExportJoin } from '../account-export';
import { canonicalValue } from '../render/canonical-json';
import { isUnknown, type StackModel, type StackResource } from '../stack-model/stack-model';

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

/** Every change the first apply of `stacks` would make to what the export describes. */
export function changesOnImport(stacks: readonly StackModel[], facts: ImportFacts): ImportChange[] {
  return stacks.flatMap((stack) => [...stack.resources.flatMap((resource) => resourceChanges(stack, resource, facts)), ...attachmentChanges(stack, facts)]);
}

function resourceChanges(stack: StackModel, resource: StackResource, facts: ImportFacts): ImportChange[] {
  const changes: ImportChange[] = [];
  const compare = (argument: string, account: unknown, spec: unknown) => {
    const [a, b] = [shown(account), shown(spec)];
    if (a !== b) changes.push({ resource: resource.address, argument, account: a, spec: b });
  };
  if (resource.importId === undefined) return [{ resource: resource.address, argument: '(resource)', account: '(not imported)', spec: 'created' }];
  const absent = (what: string) => [
    { resource: resource.address, argument: '(resource)', account: `no ${what} ${resource.importId} in the export`, spec: 'imported' },
  ];
  const { details, join } = facts;
  switch (resource.type) {
    case 'aws_iam_policy': {
      const policy = details.policies.find((candidate) => candidate.arn === resource.importId);
      if (!policy) return absent('policy');
      compare('name', policy.name, resource.name);
      compare('path', policy.path, resource.path);
      compare('policy', policy.document, resource.document);
      if (policy.tags !== undefined) compare('tags', tagsOf(policy.tags), resource.tagsAll);
      return changes;
    }
    case 'aws_iam_role': {
      const role = details.roles.find((candidate) => candidate.name === resource.importId);
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
      const profile = details.instanceProfiles.find((candidate) => candidate.name === resource.importId);
      if (!profile) return absent('instance profile');
      compare('name', profile.name, resource.name);
      compare('path', profile.path, resource.path);
      compare('role', profile.roles[0]?.name, resolved(stack, resource.role));
      if (profile.tags !== undefined) compare('tags', tagsOf(profile.tags), resource.tagsAll);
      return changes;
    }
    case 'aws_instance': {
      compare('iam_instance_profile', profileOfInstance(join, resource.importId), resolved(stack, resource.iamInstanceProfile));
      return changes;
    }
    default:
      return changes; // attachments are compared per role, as a set
  }
}

/** Per imported role: the policy ARNs the stack attaches against those the export lists. */
function attachmentChanges(stack: StackModel, facts: ImportFacts): ImportChange[] {
  const attachments = stack.resources.filter((resource) => resource.type === 'aws_iam_role_policy_attachment');
  return stack.resources.flatMap((resource) => {
    if (resource.type !== 'aws_iam_role' || resource.importId === undefined) return [];
    const role = facts.details.roles.find((candidate) => candidate.name === resource.importId);
    if (!role) return [];
    const ours = attachments.filter((attachment) => resolved(stack, attachment.role) === role.name);
    const inAccount = new Set(role.attachedPolicies.map((policy) => policy.arn));
    const inSpec = new Set(ours.map((attachment) => resolved(stack, attachment.policyArn)));
    return [
      ...ours
        .filter((attachment) => !inAccount.has(resolved(stack, attachment.policyArn)))
        .map((attachment) => ({
          resource: attachment.address,
          argument: 'policy_arn',
          account: '(not attached)',
          spec: resolved(stack, attachment.policyArn),
        })),
      ...[...inAccount]
        .filter((arn) => !inSpec.has(arn))
        .map((arn) => ({ resource: resource.address, argument: 'attachments', account: arn, spec: '(not in the spec: stays attached, unmanaged)' })),
    ];
  });
}

/** The name of the instance profile an instance has now, by the join. */
function profileOfInstance(join: AccountExportJoin, instanceId: string): string | undefined {
  const use = join.profiles.find((candidate) => candidate.instances.some((user) => user.instanceId === instanceId));
  if (use) return use.profile.name;
  const unknown = join.instancesWithUnknownProfile.find((candidate) => candidate.instanceId === instanceId);
  return unknown?.instanceProfileArn.split('/').pop();
}

/** A planned value with its references followed to what the import makes known: a name, or an imported policy's ARN. */
function resolved(stack: StackModel, value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return NOT_SET;
  if (!isUnknown(value) || !value.reference) return '(known after apply)';
  const { address, attribute } = value.reference;
  const target = stack.resources.find((resource) => resource.address === address);
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
