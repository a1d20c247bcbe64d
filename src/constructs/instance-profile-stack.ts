import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';
import { AwsProvider, AwsProviderConfig } from '@cdktf/provider-aws/lib/provider';
import { LocalBackend, TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { terraformName } from '../naming';
import type { ResolvedProfileSpec, ResolvedSpec } from '../spec/model';
import { adoptResources } from './adopt-resources';
import { Ec2Instance } from './ec2-instance';
import { InstanceProfileChain } from './instance-profile-chain';

export interface InstanceProfileStackProps {
  /** The loaded spec. */
  readonly spec: ResolvedSpec;
  /**
   * Extra AWS provider settings merged over the ones from the spec. The offline Terraform
   * tests use it for fake credentials; user output never sets it.
   * @default - region and default tags from the spec only
   */
  readonly providerOverrides?: Partial<AwsProviderConfig>;
}

/** What one profile of the spec produced. */
export interface ProfileResources {
  readonly chain: InstanceProfileChain;
  /** Absent when the profile has no instance. */
  readonly instance?: Ec2Instance;
}

/**
 * One Terraform stack built from a spec: the provider, a relative local state path, and for
 * each profile the identity chain, the optional instance and their outputs.
 */
export class InstanceProfileStack extends TerraformStack {
  /** Resources by instance profile name. */
  readonly profiles: ReadonlyMap<string, ProfileResources>;
  private readonly spec: ResolvedSpec;

  constructor(scope: Construct, id: string, props: InstanceProfileStackProps) {
    super(scope, id);
    const { spec } = props;
    this.spec = spec;
    new LocalBackend(this, { path: spec.backend.path ?? `terraform.${id}.tfstate` });
    new AwsProvider(this, 'aws', {
      region: spec.region,
      defaultTags: Object.keys(spec.defaultTags).length ? [{ tags: spec.defaultTags }] : undefined,
      ...props.providerOverrides,
    });
    const partition = new DataAwsPartition(this, 'Partition');
    partition.overrideLogicalId('current');

    const profiles = new Map<string, ProfileResources>();
    for (const profile of spec.profiles) {
      profiles.set(profile.instanceProfile.name, this.addProfile(profile, partition));
    }
    this.profiles = profiles;
  }

  private addProfile(profile: ResolvedProfileSpec, partition: DataAwsPartition): ProfileResources {
    const { role, instanceProfile } = profile;
    const chain = new InstanceProfileChain(this, instanceProfile.name, {
      roleName: role.name,
      rolePath: role.path,
      roleDescription: role.description,
      trustPolicy: role.trustPolicy,
      permissionsBoundary: role.permissionsBoundary,
      maxSessionDuration: role.maxSessionDuration,
      roleTags: role.tags,
      policies: profile.policies,
      managedPolicies: role.managedPolicies,
      instanceProfileName: instanceProfile.name,
      instanceProfilePath: instanceProfile.path,
      instanceProfileTags: instanceProfile.tags,
      partition,
    });
    adoptResources(chain, profile, { region: this.spec.region, accountId: this.spec.accountId });
    const prefix = terraformName(instanceProfile.name);
    const output = (name: string, value: string, description: string) =>
      new TerraformOutput(this, `${prefix}_${name}`, { value, description });
    output('role_arn', chain.roleArn, `ARN of role ${role.name}`);
    output('role_name', chain.roleName, `Name of role ${role.name}`);
    output('instance_profile_name', chain.instanceProfileName, `Name of instance profile ${instanceProfile.name}`);
    output('instance_profile_arn', chain.instanceProfileArn, `ARN of instance profile ${instanceProfile.name}`);

    if (!profile.instance) return { chain };
    const { instance: spec } = profile;
    const instance = new Ec2Instance(this, `${instanceProfile.name}-Instance`, {
      instanceProfile: chain.instanceProfile,
      terraformName: prefix,
      existingInstanceId: spec.existingId,
      preventDestroy: spec.preventDestroy,
      ami: spec.ami,
      instanceType: spec.instanceType,
      subnetId: spec.subnetId,
      securityGroupIds: spec.securityGroupIds,
      keyName: spec.keyName,
      associatePublicIpAddress: spec.associatePublicIpAddress,
      monitoring: spec.monitoring,
      ebsOptimized: spec.ebsOptimized,
      userData: spec.userData,
      rootVolume: spec.rootVolume,
      name: spec.name ?? (spec.existingId ? undefined : instanceProfile.name),
      tags: spec.tags,
    });
    output('instance_id', instance.instanceId, `Id of the instance launched with ${instanceProfile.name}`);
    return { chain, instance };
  }
}
