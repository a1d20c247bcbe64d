import { IamInstanceProfile } from '@cdktf/provider-aws/lib/iam-instance-profile';
import { Instance } from '@cdktf/provider-aws/lib/instance';
import { Construct } from 'constructs';
import { escapeTemplateSequences } from './policy-document';
import { SECURE_DEFAULTS } from './secure-defaults';

/** The instance's root EBS volume. */
export interface RootVolumeProps {
  /** Size in GiB. @default - the AMI's snapshot size */
  readonly sizeGb?: number;
  /** EBS volume type. @default "gp3" */
  readonly type?: string;
  /** Encrypt the volume. @default true */
  readonly encrypted?: boolean;
  /** KMS key ARN for the encryption. @default - the account's default EBS key */
  readonly kmsKeyId?: string;
}

export interface Ec2InstanceProps {
  /** The instance profile to launch with: what `associate-iam-instance-profile` set by hand. */
  readonly instanceProfile: IamInstanceProfile;
  /** AMI id. */
  readonly ami: string;
  /** Terraform name of the `aws_instance` resource. */
  readonly terraformName: string;
  /** Instance type. @default "t3.micro" */
  readonly instanceType?: string;
  /** Subnet id. @default - the default VPC's subnet that EC2 picks */
  readonly subnetId?: string;
  /** VPC security group ids. @default - the VPC's default security group */
  readonly securityGroupIds?: readonly string[];
  /** EC2 key pair name. @default - none (use SSM Session Manager) */
  readonly keyName?: string;
  /** Give the instance a public IPv4 address. @default false */
  readonly associatePublicIpAddress?: boolean;
  /** Root volume. @default - gp3, encrypted with the account's default key */
  readonly rootVolume?: RootVolumeProps;
  /** Detailed (1-minute) CloudWatch monitoring. @default false */
  readonly monitoring?: boolean;
  /** EBS-optimized. @default true */
  readonly ebsOptimized?: boolean;
  /** User data script, plain text. @default - none */
  readonly userData?: string;
  /** The Name tag. @default - none */
  readonly name?: string;
  /** Further tags on the instance. @default - none */
  readonly tags?: Record<string, string>;
}

/**
 * An EC2 instance launched with an instance profile, with safe defaults: IMDSv2 required
 * with a hop limit of 1, an encrypted root volume, and no public IP unless asked for.
 */
export class Ec2Instance extends Construct {
  readonly instance: Instance;

  constructor(scope: Construct, id: string, props: Ec2InstanceProps) {
    super(scope, id);
    const { metadataOptions } = SECURE_DEFAULTS;
    const root = props.rootVolume ?? {};
    const tags = { ...(props.name ? { Name: props.name } : {}), ...props.tags };
    this.instance = new Instance(this, 'Instance', {
      ami: props.ami,
      instanceType: props.instanceType ?? SECURE_DEFAULTS.instanceType,
      iamInstanceProfile: props.instanceProfile.name,
      subnetId: props.subnetId,
      vpcSecurityGroupIds: props.securityGroupIds?.length ? [...props.securityGroupIds] : undefined,
      keyName: props.keyName,
      associatePublicIpAddress: props.associatePublicIpAddress ?? SECURE_DEFAULTS.associatePublicIpAddress,
      monitoring: props.monitoring ?? SECURE_DEFAULTS.detailedMonitoring,
      ebsOptimized: props.ebsOptimized ?? SECURE_DEFAULTS.ebsOptimized,
      userData: props.userData && escapeTemplateSequences(props.userData),
      metadataOptions: { ...metadataOptions },
      rootBlockDevice: {
        volumeType: root.type ?? SECURE_DEFAULTS.rootVolumeType,
        volumeSize: root.sizeGb,
        encrypted: root.encrypted ?? SECURE_DEFAULTS.rootVolumeEncrypted,
        kmsKeyId: root.kmsKeyId,
      },
      tags: Object.keys(tags).length ? tags : undefined,
    });
    this.instance.overrideLogicalId(props.terraformName);
  }

  /** The instance id (a Terraform reference). */
  get instanceId(): string {
    return this.instance.id;
  }
}
