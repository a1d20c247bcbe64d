import type { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';
import type { Construct } from 'constructs';
import { terraformName } from '../naming';
import type { ResolvedProfileSpec } from '../spec/model';
import { Ec2Instance } from './ec2-instance';
import { ChainTerraformNames, InstanceProfileChain, namesFromIam } from './instance-profile-chain';

/** What one profile of the spec produced. */
export interface ProfileResources {
  readonly chain: InstanceProfileChain;
  /** Absent when the profile has no instance. */
  readonly instance?: Ec2Instance;
}

/** The names a profile's resources get in Terraform and in the construct tree. */
export interface ProfileNames {
  /** Construct id of the chain (the instance's is `<id>-Instance`). */
  readonly id: string;
  /** Terraform names of the chain's resources. */
  readonly chain: ChainTerraformNames;
  /** Terraform name of the instance, and of the profile's output. */
  readonly instance: string;
}

/**
 * Terraform and construct names of a profile's resources, from the IAM names of `namedAs`:
 * the profile itself, or the spec's profile it stands for (an environment's profile, read with
 * that environment's values; a module's, whose values are Terraform expressions). So every
 * environment, the module and the flat root have the same addresses.
 */
export function profileNames(profile: ResolvedProfileSpec, namedAs: ResolvedProfileSpec = profile.namedAs ?? profile): ProfileNames {
  const fromIam = namesFromIam(namedAs.role.name, namedAs.instanceProfile.name);
  const policies = new Map<string, string>(profile.policies.map((policy, i) => [policy.name, namedAs.policies[i].name]));
  const managed = new Map<string, string>(profile.role.managedPolicies.map((policy, i) => [policy, namedAs.role.managedPolicies[i]]));
  return {
    id: namedAs.instanceProfile.name,
    instance: terraformName(namedAs.instanceProfile.name),
    chain: {
      role: fromIam.role,
      instanceProfile: fromIam.instanceProfile,
      policy: (name) => fromIam.policy(policies.get(name) ?? name),
      attachment: (policy) => fromIam.attachment(policies.get(policy) ?? managed.get(policy) ?? policy),
    },
  };
}

/** How {@link addProfileResources} builds. */
export interface ProfileResourcesOptions {
  /** The partition data source of the stack. */
  readonly partition: DataAwsPartition;
  /** Import an existing instance with an `import` block (not inside a reusable module). */
  readonly importExisting: boolean;
}

/** The identity chain and the optional instance of one profile of the spec. */
export function addProfileResources(scope: Construct, profile: ResolvedProfileSpec, names: ProfileNames, options: ProfileResourcesOptions): ProfileResources {
  const { role, instanceProfile } = profile;
  const chain = new InstanceProfileChain(scope, names.id, {
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
    terraformNames: names.chain,
    partition: options.partition,
  });
  const spec = profile.instance;
  const instance =
    spec &&
    new Ec2Instance(scope, `${names.id}-Instance`, {
      instanceProfile: chain.instanceProfile,
      terraformName: names.instance,
      existingInstanceId: spec.existingId,
      importExisting: options.importExisting,
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
  return { chain, instance };
}

/**
 * Where each resource of a profile moves: from its address in a flat root (`profileNames` of
 * `flat`) to the address the same resource has where `base` names it (the module, a fleet's
 * template), without the module prefix.
 */
export function movedAddresses(flat: ResolvedProfileSpec, base: ResolvedProfileSpec): Array<{ from: string; to: string }> {
  const from = profileNames(flat);
  const to = profileNames(base);
  const pairs: Array<[string, string, string]> = [
    ['aws_iam_role', from.chain.role, to.chain.role],
    ['aws_iam_instance_profile', from.chain.instanceProfile, to.chain.instanceProfile],
    ...flat.policies.flatMap((policy, i): Array<[string, string, string]> => [
      ['aws_iam_policy', from.chain.policy(policy.name), to.chain.policy(base.policies[i].name)],
      ['aws_iam_role_policy_attachment', from.chain.attachment(policy.name), to.chain.attachment(base.policies[i].name)],
    ]),
    ...flat.role.managedPolicies.map((policy, i): [string, string, string] => ['aws_iam_role_policy_attachment', from.chain.attachment(policy), to.chain.attachment(base.role.managedPolicies[i])]),
    ...(flat.instance ? [['aws_instance', from.instance, to.instance] as [string, string, string]] : []),
  ];
  return pairs.map(([type, flatName, moduleName]) => ({ from: `${type}.${flatName}`, to: `${type}.${moduleName}` }));
}
