import { Instance, InstanceConfig } from '@cdktf/provider-aws/lib/instance';
import { Fn, Token } from 'cdktf';
import { Construct } from 'constructs';
import { instanceSchema, rootVolumeSchema, type RootVolumeSpec } from '../spec/spec-schema';
import { terraformName } from '../naming';
import { importIds } from './import-ids';
import { escapeLiteralText, functionArgument, keepsTextLiteral } from './literal-text';
import { validateProps } from './prop-validation';
import { SECURE_DEFAULTS } from './secure-defaults';
import { setAttributesOnly } from './set-attributes-only';

const InstanceResource = setAttributesOnly(Instance);

/** An instance profile to launch an instance with: an {@link InstanceProfileChain}, or one that exists ({@link instanceProfileNamed}). */
export interface InstanceProfileReference {
  /** The instance profile's name (a literal or a Terraform reference). */
  readonly instanceProfileName: string;
}

/** An instance profile that exists already (made by hand or by another stack), by name. */
export function instanceProfileNamed(instanceProfileName: string): InstanceProfileReference {
  return { instanceProfileName };
}

/** EBS volume types of a root volume. */
export type EbsVolumeType = NonNullable<RootVolumeSpec['type']>;

/** The instance's root EBS volume. */
export interface RootVolumeProps {
  /** Size in GiB, 1 to 65536. @default - the AMI's snapshot size */
  readonly sizeGb?: number;
  /** EBS volume type. @default "gp3" */
  readonly type?: EbsVolumeType;
  /** Encrypt the volume. @default true */
  readonly encrypted?: boolean;
  /** KMS key ARN for the encryption. @default - the account's default EBS key */
  readonly kmsKeyId?: string;
}

export interface Ec2InstanceProps {
  /** The instance profile to launch with: what `associate-iam-instance-profile` set by hand. */
  readonly instanceProfile: InstanceProfileReference;
  /** Terraform name of the `aws_instance` resource. @default - from the construct id: `Instance` → `instance` */
  readonly terraformName?: string;
  /**
   * Id of an instance that already exists. It is imported; only the profile and the fields set
   * here are managed, every other argument is in `lifecycle.ignore_changes`.
   * @default - a new instance is launched
   */
  readonly existingInstanceId?: string;
  /**
   * Import the existing instance with an `import` block. Off inside a reusable module, where
   * Terraform allows no import blocks: the calling root module imports it.
   * @default true
   */
  readonly importExisting?: boolean;
  /** Refuse to destroy the instance. @default - true for an existing instance, else false */
  readonly preventDestroy?: boolean;
  /** AMI id. @default - required for a new instance; unmanaged for an existing one */
  readonly ami?: string;
  /** Instance type. @default "t3.micro" (unmanaged for an existing instance) */
  readonly instanceType?: string;
  /** Subnet id. @default - the default VPC's subnet that EC2 picks */
  readonly subnetId?: string;
  /** VPC security group ids. @default - the VPC's default security group */
  readonly securityGroupIds?: readonly string[];
  /** EC2 key pair name. @default - none (use SSM Session Manager) */
  readonly keyName?: string;
  /** Give the instance a public IPv4 address. @default false */
  readonly associatePublicIpAddress?: boolean;
  /** Detailed (1-minute) CloudWatch monitoring. @default false */
  readonly monitoring?: boolean;
  /** EBS-optimized. @default true */
  readonly ebsOptimized?: boolean;
  /** User data script, plain text (kept literal: `${` is never a Terraform template here). @default - none */
  readonly userData?: string;
  /** Root volume. @default - gp3, encrypted with the account's default key */
  readonly rootVolume?: RootVolumeProps;
  /** The Name tag. @default - none */
  readonly name?: string;
  /** Further tags on the instance. @default - none */
  readonly tags?: Record<string, string>;
}

/**
 * Arguments of `aws_instance` that an adopted instance keeps as they are unless the spec sets
 * them: Terraform would otherwise plan to change (or replace) the instance to match defaults.
 */
export const UNMANAGED_INSTANCE_ARGUMENTS = [
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
] as const;

/**
 * Values an adopted instance's configuration needs to be valid (the provider requires an AMI
 * and a type) when the spec does not give them. They are in `ignore_changes`, so Terraform
 * never compares them with the instance: they are placeholders, not settings. The AMI of an
 * adopted instance is never managed (changing it would mean replacing the instance).
 */
export const ADOPTED_INSTANCE_PLACEHOLDERS = { ami: 'ami-00000000', instanceType: 't3.micro' } as const;

/**
 * An EC2 instance launched with an instance profile, with safe defaults: IMDSv2 required
 * with a hop limit of 1, an encrypted root volume, and no public IP unless asked for. Or an
 * existing instance, imported so that Terraform associates the profile with it (the provider
 * calls Associate/ReplaceIamInstanceProfileAssociation) and touches nothing else.
 */
export class Ec2Instance extends Construct {
  readonly instance: Instance;

  constructor(scope: Construct, id: string, props: Ec2InstanceProps) {
    super(scope, id);
    const existing = props.existingInstanceId !== undefined;
    // User data is a script, never Terraform code: a stack that keeps its text literal escapes it with the rest.
    if (props.userData && !keepsTextLiteral(this)) props = { ...props, userData: escapeLiteralText(props.userData) };
    const managed = existing ? managedArguments(props) : launchArguments(props);
    const ignored = existing
      ? UNMANAGED_INSTANCE_ARGUMENTS.filter((argument) => argument === 'ami' || !(argument in snakeKeys(managed)))
      : [];
    const config = existing
      ? { ami: ADOPTED_INSTANCE_PLACEHOLDERS.ami, instanceType: ADOPTED_INSTANCE_PLACEHOLDERS.instanceType, ...managed }
      : managed;
    const preventDestroy = props.preventDestroy ?? existing;
    validateProps(this, () => [
      { prop: 'existingInstanceId', value: props.existingInstanceId, schema: instanceSchema.shape.existingId },
      { prop: 'name', value: props.name, schema: instanceSchema.shape.name },
      { prop: 'rootVolume.sizeGb', value: props.rootVolume?.sizeGb, schema: rootVolumeSchema.shape.sizeGb },
      { prop: 'rootVolume.type', value: props.rootVolume?.type, schema: rootVolumeSchema.shape.type },
    ]);
    this.instance = new InstanceResource(this, 'Instance', {
      ...config,
      iamInstanceProfile: props.instanceProfile.instanceProfileName,
      lifecycle: preventDestroy || ignored.length ? { preventDestroy: preventDestroy || undefined, ignoreChanges: ignored.length ? [...ignored] : undefined } : undefined,
    });
    this.instance.overrideLogicalId(props.terraformName ?? terraformName(id));
    if (props.existingInstanceId && props.importExisting !== false) this.instance.importFrom(importIds.instance(props.existingInstanceId));
  }

  /** The instance id (a Terraform reference). */
  get instanceId(): string {
    return this.instance.id;
  }
}

/** A new instance: everything set, secure defaults where the props are silent. */
function launchArguments(props: Ec2InstanceProps): Partial<InstanceConfig> {
  const root = props.rootVolume ?? {};
  return {
    ...managedArguments(props),
    instanceType: props.instanceType ?? SECURE_DEFAULTS.instanceType,
    associatePublicIpAddress: props.associatePublicIpAddress ?? SECURE_DEFAULTS.associatePublicIpAddress,
    monitoring: props.monitoring ?? SECURE_DEFAULTS.detailedMonitoring,
    ebsOptimized: props.ebsOptimized ?? SECURE_DEFAULTS.ebsOptimized,
    metadataOptions: { ...SECURE_DEFAULTS.metadataOptions },
    rootBlockDevice: {
      volumeType: root.type ?? SECURE_DEFAULTS.rootVolumeType,
      volumeSize: root.sizeGb,
      encrypted: root.encrypted ?? SECURE_DEFAULTS.rootVolumeEncrypted,
      kmsKeyId: root.kmsKeyId,
    },
  };
}

/** Only what the props set: what an adopted instance lets Terraform manage. */
function managedArguments(props: Ec2InstanceProps): Partial<InstanceConfig> {
  const named: Record<string, string> = props.name ? { Name: props.name } : {};
  const tags: Record<string, string> = props.tags && Token.isUnresolved(props.tags) ? Token.asStringMap(Fn.merge([functionArgument(named), props.tags])) : { ...named, ...props.tags };
  const root = props.rootVolume;
  const config: Partial<InstanceConfig> = {
    ami: props.ami,
    instanceType: props.instanceType,
    subnetId: props.subnetId,
    vpcSecurityGroupIds: props.securityGroupIds?.length ? [...props.securityGroupIds] : undefined,
    keyName: props.keyName,
    associatePublicIpAddress: props.associatePublicIpAddress,
    monitoring: props.monitoring,
    ebsOptimized: props.ebsOptimized,
    userData: props.userData,
    rootBlockDevice: root && {
      volumeType: root.type,
      volumeSize: root.sizeGb,
      encrypted: root.encrypted,
      kmsKeyId: root.kmsKeyId,
    },
    tags: Token.isUnresolved(tags) || Object.keys(tags).length ? tags : undefined,
  };
  return Object.fromEntries(Object.entries(config).filter(([, value]) => value !== undefined));
}

/** The Terraform (snake_case) names of the arguments set in `config`. */
function snakeKeys(config: Partial<InstanceConfig>): Record<string, true> {
  return Object.fromEntries(Object.keys(config).map((key) => [key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), true]));
}
