/**
 * `aws_instance`: the EC2 instance launched with a profile, or an existing one it is attached
 * to. Its fields are declared once, each with its rule and the argument it sets, in the spec
 * layer's `spec/instance-fields.ts` (the spec schema is built from the same table); this
 * descriptor checks that table's Terraform side against the descriptor's types and adds what
 * no field sets. The construct's props and arguments, the origins of findings, the stack
 * model's reader, the checks' view of an instance and the module's inputs are derived from it.
 * A new field: one entry in `spec/instance-fields.ts`, plus its test value.
 */
import { INSTANCE_FIELDS as INSTANCE_FIELD_TABLE } from '../spec/instance-fields';
import { type InstanceSpec, instanceSchema } from '../spec/spec-schema';
import { appliedDefaults, argumentFields, type FieldTable, type ResourceKind, terraformSide } from './resource-kind';

/** The fields of the spec's `instance`, with their Terraform side checked: each sets an argument (`rootVolume` a block), or none. */
const INSTANCE_FIELDS = terraformSide(INSTANCE_FIELD_TABLE) satisfies FieldTable<InstanceSpec>;

export const instanceKind = {
  type: 'aws_instance',
  label: 'EC2 instance',
  fields: INSTANCE_FIELDS,
  reads: {
    /** The instance profile's name. */
    iamInstanceProfile: { argument: 'iam_instance_profile', read: 'optionalString' },
    /** Metadata service options (the construct sets them: IMDSv2 only, one hop). */
    metadataOptions: {
      argument: 'metadata_options',
      fields: {
        httpEndpoint: { argument: 'http_endpoint', read: 'knownString' },
        httpTokens: { argument: 'http_tokens', read: 'knownString' },
        httpPutResponseHopLimit: { argument: 'http_put_response_hop_limit', read: 'knownNumber' },
      },
    },
  },
  /** The instance id, `i-0123456789abcdef0`. */
  importId: (instanceId: string) => instanceId,
} as const satisfies ResourceKind;

/** What a new instance gets for each field the spec leaves out (the schema's defaults, from `SECURE_DEFAULTS`). */
export const INSTANCE_LAUNCH_DEFAULTS = appliedDefaults(instanceSchema);

/**
 * Arguments of `aws_instance` that an adopted instance keeps as they are unless the spec sets
 * them: Terraform would otherwise plan to change (or replace) the instance to match defaults.
 * Every argument of a field is one (those the list does not name come after it).
 */
export const UNMANAGED_INSTANCE_ARGUMENTS: readonly string[] = withFieldArguments([
  'ami',
  'instance_type',
  'subnet_id',
  'vpc_security_group_ids',
  'security_groups',
  'key_name',
  'associate_public_ip_address',
  'monitoring',
  'ebs_optimized',
  'user_data',
  'user_data_base64',
  'root_block_device',
  'ebs_block_device',
  'metadata_options',
  'tags',
  'volume_tags',
  'availability_zone',
  'private_ip',
  'source_dest_check',
  'disable_api_termination',
  'disable_api_stop',
  'credit_specification',
  'cpu_options',
  'instance_initiated_shutdown_behavior',
  'hibernation',
  'network_interface',
  'placement_group',
  'tenancy',
]);

function withFieldArguments(listed: readonly string[]): readonly string[] {
  return [
    ...listed,
    ...argumentFields(INSTANCE_FIELDS)
      .map(([, entry]) => entry.argument)
      .filter((argument) => !listed.includes(argument)),
  ];
}

/**
 * Values an adopted instance's configuration needs to be valid (the provider requires an AMI
 * and a type) when the spec does not give them. They are in `ignore_changes`, so Terraform
 * never compares them with the instance: they are placeholders, not settings. The AMI of an
 * adopted instance is never managed (changing it would mean replacing the instance).
 */
export const ADOPTED_INSTANCE_PLACEHOLDERS = { ami: 'ami-00000000', instanceType: INSTANCE_LAUNCH_DEFAULTS.instanceType! } as const;
