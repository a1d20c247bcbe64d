/**
 * Builds the typed model of one resource from its argument values, as both a configuration
 * (after interpolation) and a plan (`planned_values`) give them: snake_case arguments, nested
 * blocks as an object or a one-element list, and {@link UnknownValue}s where a value is known
 * only after apply. Policy documents given as JSON strings are parsed.
 */
import type { PolicyDocument } from '../spec/model';
import { isUnknown, type Planned, type ProviderSettings, type StackResource, type UnknownValue } from './stack-model';

/** What a resource's values do not say themselves. */
export interface ResourceSetting {
  readonly provider: ProviderSettings;
  readonly importId?: string;
  readonly ignoreChanges: readonly string[];
}

/** The model of a resource of a modelled type, or `undefined` for any other type. */
export function buildResource(type: string, address: string, values: Readonly<Record<string, unknown>>, setting: ResourceSetting): StackResource | undefined {
  const tags = stringRecord(values.tags);
  const tagsAll = values.tags_all !== undefined && !isUnknown(values.tags_all) ? stringRecord(values.tags_all) : { ...setting.provider.defaultTags, ...tags };
  const base = { address, importId: setting.importId, ignoreChanges: setting.ignoreChanges, tags, tagsAll };
  switch (type) {
    case 'aws_iam_policy':
      return { ...base, type, name: plannedString(values.name), path: pathOf(values.path), document: plannedDocument(values.policy) };
    case 'aws_iam_role':
      return {
        ...base,
        type,
        name: plannedString(values.name),
        path: pathOf(values.path),
        assumeRolePolicy: plannedDocument(values.assume_role_policy),
        permissionsBoundary: optionalString(values.permissions_boundary),
        maxSessionDuration: typeof values.max_session_duration === 'number' ? values.max_session_duration : undefined,
        managedPolicyArns: Array.isArray(values.managed_policy_arns) ? values.managed_policy_arns.map(plannedString) : [],
      };
    case 'aws_iam_role_policy_attachment':
      return { ...base, type, role: plannedString(values.role), policyArn: plannedString(values.policy_arn) };
    case 'aws_iam_instance_profile':
      return { ...base, type, name: plannedString(values.name), path: pathOf(values.path), role: optionalString(values.role) };
    case 'aws_instance': {
      const metadata = block(values.metadata_options);
      const root = block(values.root_block_device);
      return {
        ...base,
        type,
        iamInstanceProfile: optionalString(values.iam_instance_profile),
        instanceType: typeof values.instance_type === 'string' ? values.instance_type : undefined,
        metadataOptions: metadata && {
          httpEndpoint: knownString(metadata.http_endpoint),
          httpTokens: knownString(metadata.http_tokens),
          httpPutResponseHopLimit: typeof metadata.http_put_response_hop_limit === 'number' ? metadata.http_put_response_hop_limit : undefined,
        },
        rootBlockDevice: root && {
          encrypted: typeof root.encrypted === 'boolean' ? root.encrypted : undefined,
          volumeType: knownString(root.volume_type),
          kmsKeyId: optionalString(root.kms_key_id),
        },
        associatePublicIpAddress: knownBoolean(values.associate_public_ip_address),
        monitoring: knownBoolean(values.monitoring),
        ebsOptimized: knownBoolean(values.ebs_optimized),
        userData: knownString(values.user_data),
      };
    }
    default:
      return undefined;
  }
}

/** A policy document argument: a JSON string (what `jsonencode` gives), an object, or unknown. */
function plannedDocument(value: unknown): Planned<PolicyDocument> {
  if (isUnknown(value)) return value;
  if (value && typeof value === 'object' && !Array.isArray(value)) return value as PolicyDocument;
  if (typeof value === 'string') {
    try {
      const parsed: unknown = JSON.parse(value);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as PolicyDocument;
    } catch {
      // not JSON: an expression this model cannot evaluate
    }
  }
  return { unknown: true };
}

function plannedString(value: unknown): Planned<string> {
  if (isUnknown(value)) return value;
  return typeof value === 'string' ? value : unknownValue();
}

function optionalString(value: unknown): Planned<string> | undefined {
  return value === undefined || value === null || value === '' ? undefined : plannedString(value);
}

function knownString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function knownBoolean(value: unknown): boolean | undefined {
  return typeof value === 'boolean' ? value : undefined;
}

function pathOf(value: unknown): string {
  return typeof value === 'string' ? value : '/';
}

/** A nested block as Terraform writes it: an object, or a list of one object. */
export function block(value: unknown): Record<string, unknown> | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return first && typeof first === 'object' && !isUnknown(first) ? (first as Record<string, unknown>) : undefined;
}

/** The string entries of a mapping (other entries dropped). */
export function stringRecord(value: unknown): Record<string, string> {
  if (!value || typeof value !== 'object' || Array.isArray(value) || isUnknown(value)) return {};
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

function unknownValue(): UnknownValue {
  return { unknown: true };
}
