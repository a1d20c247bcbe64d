import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';
import { AwsProvider, AwsProviderConfig } from '@cdktf/provider-aws/lib/provider';
import { CloudBackend, LocalBackend, NamedCloudWorkspace, S3Backend, S3BackendConfig, TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { terraformName } from '../naming';
import type { ResolvedProfileSpec } from '../spec/model';
import type { StackPlan } from '../spec/plan-stacks';
import type { BackendSpec } from '../spec/spec-schema';
import { adoptResources } from './adopt-resources';
import { Ec2Instance } from './ec2-instance';
import { InstanceProfileChain } from './instance-profile-chain';

export interface InstanceProfileStackProps {
  /** What the stack holds: its profiles, region, account, tags and state backend. */
  readonly plan: StackPlan;
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
 * One Terraform stack built from a stack plan: the state backend, the provider (limited to the
 * plan's account when it names one), and for each profile the identity chain, the optional
 * instance and one output named after the instance profile: an object with the role's and the
 * instance profile's ARN and name and the instance id.
 */
export class InstanceProfileStack extends TerraformStack {
  /** Resources by instance profile name. */
  readonly profiles: ReadonlyMap<string, ProfileResources>;
  /** What the stack was built from. */
  readonly plan: StackPlan;

  constructor(scope: Construct, id: string, props: InstanceProfileStackProps) {
    super(scope, id);
    const { plan } = props;
    this.plan = plan;
    addBackend(this, plan.backend);
    new AwsProvider(this, 'aws', {
      region: plan.region,
      allowedAccountIds: plan.accountId ? [plan.accountId] : undefined,
      defaultTags: Object.keys(plan.defaultTags).length ? [{ tags: { ...plan.defaultTags } }] : undefined,
      ...props.providerOverrides,
    });
    const partition = new DataAwsPartition(this, 'Partition');
    partition.overrideLogicalId('current');

    const profiles = new Map<string, ProfileResources>();
    for (const profile of plan.profiles) {
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
    adoptResources(chain, profile, { region: this.plan.region, accountId: this.plan.accountId });
    const name = terraformName(instanceProfile.name);
    const instance = profile.instance && this.addInstance(profile.instance, chain, name, instanceProfile.name);
    new TerraformOutput(this, name, {
      description: `Role and instance profile ${instanceProfile.name}${instance ? ', and the instance launched with it' : ''}`,
      value: {
        role_arn: chain.roleArn,
        role_name: chain.roleName,
        instance_profile_name: chain.instanceProfileName,
        instance_profile_arn: chain.instanceProfileArn,
        instance_id: instance?.instanceId,
      },
    });
    return { chain, instance };
  }

  private addInstance(spec: NonNullable<ResolvedProfileSpec['instance']>, chain: InstanceProfileChain, name: string, profileName: string): Ec2Instance {
    return new Ec2Instance(this, `${profileName}-Instance`, {
      instanceProfile: chain.instanceProfile,
      terraformName: name,
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
      name: spec.name ?? (spec.existingId ? undefined : profileName),
      tags: spec.tags,
    });
  }
}

/** The Terraform backend block of a plan (state locations are already per stack). */
function addBackend(stack: TerraformStack, backend: BackendSpec): void {
  switch (backend.type) {
    case 'local':
      new LocalBackend(stack, { path: backend.path });
      return;
    case 's3': {
      // use_lockfile (Terraform >= 1.10) is newer than cdktf's typed S3 backend config; it is passed through as is.
      const config: S3BackendConfig & { useLockfile: boolean } = {
        bucket: backend.bucket,
        key: backend.key!,
        region: backend.region,
        encrypt: backend.encrypt,
        kmsKeyId: backend.kmsKeyId,
        useLockfile: backend.useLockfile,
      };
      new S3Backend(stack, config);
      return;
    }
    case 'cloud':
      new CloudBackend(stack, {
        organization: backend.organization,
        hostname: backend.hostname,
        workspaces: new NamedCloudWorkspace(backend.workspace!),
      });
  }
}
