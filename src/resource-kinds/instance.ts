/**
 * `aws_instance`: the EC2 instance launched with a profile, or an existing one it is attached
 * to. Each field of the spec's `instance` is declared here once, with the argument it sets; the
 * construct's props and arguments, the origins of findings, the stack model's reader, the
 * checks' view of an instance and the module's inputs are derived from this table. A new field:
 * its entry in `spec/spec-schema.ts` (rule, description, default) and its entry here.
 */
import { type InstanceSpec, instanceSchema, type RootVolumeSpec } from '../spec/spec-schema';
import { appliedDefaults, argumentFields, type ArgumentField, type FieldTable, type ResourceKind } from './resource-kind';

/** The fields of `instance.rootVolume`: the `root_block_device` block. */
const ROOT_VOLUME_FIELDS = {
  /** Size in GiB, 1 to 65536. @default - the AMI's snapshot size */
  sizeGb: { argument: 'volume_size' },
  /** EBS volume type. @default "gp3" */
  type: { argument: 'volume_type', read: 'knownString' },
  /** Encrypt the volume. @default true */
  encrypted: { argument: 'encrypted', read: 'knownBoolean' },
  /** KMS key ARN for the encryption. @default - the account's default EBS key */
  kmsKeyId: { argument: 'kms_key_id', read: 'optionalString' },
} as const satisfies FieldTable<RootVolumeSpec, ArgumentField>;

/** The fields of the spec's `instance`, in the order the module takes their inputs. */
const INSTANCE_FIELDS = {
  /**
   * Id of an instance that already exists: the import id. It is imported; only the profile and
   * the fields set are managed, every other argument is in `lifecycle.ignore_changes`.
   * @default - a new instance is launched
   */
  existingId: {
    moduleInput: {
      name: 'existing_instance_id',
      instance: 'adopted',
      describe: (profile) => `Id of the existing instance that gets ${profile}; the calling root module imports it (see the example).`,
    },
  },
  /** Refuse to destroy the instance (`lifecycle.prevent_destroy`). @default - true for an existing instance, else false */
  preventDestroy: {},
  /** The Name tag. @default - none */
  name: {},
  /** AMI id. @default - required for a new instance; unmanaged for an existing one */
  ami: {
    argument: 'ami',
    moduleInput: { name: 'ami_id', describe: (profile) => `AMI of the instance launched with ${profile} (AMI ids belong to one region).` },
  },
  /** Instance type. @default "t3.micro" (unmanaged for an existing instance) */
  instanceType: {
    argument: 'instance_type',
    read: 'knownString',
    moduleInput: { name: 'instance_type', describe: (profile) => `Instance type of the instance launched with ${profile}.` },
  },
  /** Subnet id. @default - the default VPC's subnet that EC2 picks */
  subnetId: {
    argument: 'subnet_id',
    moduleInput: { name: 'subnet_id', describe: (profile) => `Subnet of the instance launched with ${profile}; null for the default VPC's.` },
  },
  /** VPC security group ids. @default - the VPC's default security group */
  securityGroupIds: {
    argument: 'vpc_security_group_ids',
    moduleInput: { name: 'security_group_ids', describe: (profile) => `VPC security groups of the instance launched with ${profile}; null for the VPC's default group.` },
  },
  /** EC2 key pair name. @default - none (use SSM Session Manager) */
  keyName: {
    argument: 'key_name',
    moduleInput: { name: 'key_name', describe: (profile) => `EC2 key pair of the instance launched with ${profile}; null for none (use SSM Session Manager).` },
  },
  /** Give the instance a public IPv4 address. @default false */
  associatePublicIpAddress: { argument: 'associate_public_ip_address', read: 'knownBoolean' },
  /** Detailed (1-minute) CloudWatch monitoring; off when not set, as in AWS. @default false */
  monitoring: { argument: 'monitoring', read: 'knownBoolean', unsetMeans: false },
  /** EBS-optimized. @default true */
  ebsOptimized: { argument: 'ebs_optimized', read: 'knownBoolean' },
  /** User data script, plain text (kept literal: `${` is never a Terraform template here). @default - none */
  userData: { argument: 'user_data', read: 'knownString', hashedInPlan: true },
  /** Root volume. @default - gp3, encrypted with the account's default key */
  rootVolume: { argument: 'root_block_device', fields: ROOT_VOLUME_FIELDS },
  /** Further tags on the instance (the construct adds the Name tag). @default - none */
  tags: { argument: 'tags' },
} as const satisfies FieldTable<InstanceSpec>;

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
  return [...listed, ...argumentFields(INSTANCE_FIELDS).map(([, entry]) => entry.argument).filter((argument) => !listed.includes(argument))];
}

/**
 * Values an adopted instance's configuration needs to be valid (the provider requires an AMI
 * and a type) when the spec does not give them. They are in `ignore_changes`, so Terraform
 * never compares them with the instance: they are placeholders, not settings. The AMI of an
 * adopted instance is never managed (changing it would mean replacing the instance).
 */
export const ADOPTED_INSTANCE_PLACEHOLDERS = { ami: 'ami-00000000', instanceType: INSTANCE_LAUNCH_DEFAULTS.instanceType! } as const;
