import type { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';
import type { Construct } from 'constructs';
import { attachmentName, formerInstanceName, instanceName, policyShortName, terraformName } from '../naming';
import { attachmentKind, instanceKind, instanceProfileKind, policyKind, roleKind, rolePolicyKind } from '../resource-kinds';
import type { ResolvedProfileSpec } from '../spec/model';
import type { InstanceSpec } from '../spec/spec-schema';
import { Ec2Instance, type Ec2InstanceProps } from './ec2-instance';
import { InstanceProfileChain } from './instance-profile-chain';

/** Terraform names of a chain's resources. */
export interface ChainTerraformNames {
  /** Name of the `aws_iam_role` (its trust policy local is `<role>_trust_policy`). */
  readonly role: string;
  /** Name of the `aws_iam_instance_profile`. */
  readonly instanceProfile: string;
  /** Name of the `aws_iam_policy` of a customer-managed policy (its document local is `<policy>_document`). */
  readonly policy: (policyName: string) => string;
  /** Name of the `aws_iam_role_policy_attachment` of a policy, by policy name or ARN. */
  readonly attachment: (policyNameOrArn: string) => string;
  /** Name a managed policy has in its attachment's name, by the policy name or ARN as given. */
  readonly managedPolicy: (policyNameOrArn: string) => string;
  /** Name an inline policy has in its `aws_iam_role_policy`'s name (`<role>_<policy>`), by the policy name. */
  readonly inlinePolicy: (policyName: string) => string;
}

/** Terraform names derived from IAM names: `S3WriteRole` → `aws_iam_role.s3_write_role`. */
function namesFromIam(roleName: string, instanceProfileName: string): ChainTerraformNames {
  return {
    role: terraformName(roleName),
    instanceProfile: terraformName(instanceProfileName),
    policy: (policyName) => terraformName(policyName),
    attachment: (policy) => attachmentName(roleName, policy),
    managedPolicy: (policy) => terraformName(policyShortName(policy)),
    inlinePolicy: (policyName) => terraformName(policyName),
  };
}

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
  /** Terraform name of the instance (`aws_instance.s3_write` for `S3WriteProfile`). */
  readonly instance: string;
  /** Terraform name the instance had before, named after its instance profile: roots move its state from there when it differs. */
  readonly formerInstance: string;
  /** Name of the profile's output (the instance profile's Terraform name). */
  readonly output: string;
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
  const inline = new Map<string, string>(profile.role.inlinePolicies.map((policy, i) => [policy.name, namedAs.role.inlinePolicies[i].name]));
  return {
    id: namedAs.instanceProfile.name,
    instance: instanceName(namedAs.instanceProfile.name),
    formerInstance: formerInstanceName(namedAs.instanceProfile.name),
    output: terraformName(namedAs.instanceProfile.name),
    chain: {
      role: fromIam.role,
      instanceProfile: fromIam.instanceProfile,
      policy: (name) => fromIam.policy(policies.get(name) ?? name),
      attachment: (policy) => fromIam.attachment(policies.get(policy) ?? managed.get(policy) ?? policy),
      managedPolicy: (policy) => fromIam.managedPolicy(managed.get(policy) ?? policy),
      inlinePolicy: (name) => fromIam.inlinePolicy(inline.get(name) ?? name),
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
  // The spec's objects are the constructs' props (the props are the spec's fields), with the names added.
  const chain = new InstanceProfileChain(scope, names.id, {
    role: {
      ...role,
      managedPolicies: role.managedPolicies.map((policy) => ({ policy, terraformName: names.chain.managedPolicy(policy) })),
      inlinePolicies: role.inlinePolicies.map((policy) => ({ ...policy, terraformName: names.chain.inlinePolicy(policy.name) })),
      terraformName: names.chain.role,
    },
    instanceProfile: { ...instanceProfile, terraformName: names.chain.instanceProfile },
    policies: profile.policies.map((policy) => ({ ...policy, terraformName: names.chain.policy(policy.name) })),
    partition: options.partition,
  });
  const instance = profile.instance && addProfileInstance(scope, profile.instance, profile.instanceProfile.name, chain, names, options);
  return { chain, instance };
}

/**
 * The instance of a profile: launched with `instanceProfileName` (from the chain), or adopted
 * when `spec` has an existingId. Named `names.instance`, unless `terraformName` names it
 * otherwise; state from its former address moves to it when its Terraform name is the profile's.
 */
export function addProfileInstance(
  scope: Construct,
  spec: InstanceSpec,
  instanceProfileName: string,
  chain: InstanceProfileChain,
  names: ProfileNames,
  options: ProfileResourcesOptions & { readonly terraformName?: string; readonly id?: string },
): Ec2Instance {
  const props = instanceProps(spec, instanceProfileName, chain, names, options);
  const instance = new Ec2Instance(scope, options.id ?? `${names.id}-Instance`, { ...props, terraformName: options.terraformName ?? props.terraformName });
  // State of an instance from before it was named after what it is moves to its new address.
  if (options.terraformName === undefined) for (const { from } of instanceMoves(names)) instance.instance.moveFromId(from);
  return instance;
}

/** The props of a profile's instance: the spec's instance fields, the existing instance's id its import id, named after the instance profile unless the spec names it. */
function instanceProps(
  spec: InstanceSpec,
  instanceProfileName: string,
  chain: InstanceProfileChain,
  names: ProfileNames,
  options: ProfileResourcesOptions,
): Ec2InstanceProps {
  const { existingId, ...fields } = spec;
  return {
    ...fields,
    instanceProfile: chain,
    terraformName: names.instance,
    existingInstanceId: existingId,
    importExisting: options.importExisting,
    name: fields.name ?? (existingId ? undefined : instanceProfileName),
  };
}

/** The move from an instance's former address to its address under `names`, when they differ (see {@link ProfileNames.formerInstance}). */
function instanceMoves(names: ProfileNames): Array<{ from: string; to: string }> {
  return names.formerInstance === names.instance
    ? []
    : [{ from: `${instanceKind.type}.${names.formerInstance}`, to: `${instanceKind.type}.${names.instance}` }];
}

/**
 * The `moved` block a root needs for a profile's instance whose Terraform name changed, when its
 * resources are no longer in the root itself (a root calling the module, or a fleet's module).
 */
export function instanceRenames(profile: ResolvedProfileSpec): Array<{ from: string; to: string }> {
  return profile.instance ? instanceMoves(profileNames(profile)) : [];
}

/**
 * Where each resource of a profile moves: from its address in a flat root (`profileNames` of
 * `flat`) to the address the same resource has where `base` names it (the module, a fleet's
 * template), without the module prefix. An instance goes to its former address there
 * ({@link ProfileNames.formerInstance}), which the module's own `moved` block carries on.
 */
export function movedAddresses(flat: ResolvedProfileSpec, base: ResolvedProfileSpec): Array<{ from: string; to: string }> {
  const from = profileNames(flat);
  const to = profileNames(base);
  const pairs: Array<[string, string, string]> = [
    [roleKind.type, from.chain.role, to.chain.role],
    [instanceProfileKind.type, from.chain.instanceProfile, to.chain.instanceProfile],
    ...flat.policies.flatMap((policy, i): Array<[string, string, string]> => [
      [policyKind.type, from.chain.policy(policy.name), to.chain.policy(base.policies[i].name)],
      [attachmentKind.type, from.chain.attachment(policy.name), to.chain.attachment(base.policies[i].name)],
    ]),
    ...flat.role.managedPolicies.map((policy, i): [string, string, string] => [
      attachmentKind.type,
      from.chain.attachment(policy),
      to.chain.attachment(base.role.managedPolicies[i]),
    ]),
    ...flat.role.inlinePolicies.map((policy, i): [string, string, string] => [
      rolePolicyKind.type,
      `${from.chain.role}_${from.chain.inlinePolicy(policy.name)}`,
      `${to.chain.role}_${to.chain.inlinePolicy(base.role.inlinePolicies[i].name)}`,
    ]),
    // Into the instance's former address there: the module moves it on from that one itself (one source per destination).
    ...(flat.instance ? [[instanceKind.type, from.instance, to.formerInstance] as [string, string, string]] : []),
  ];
  return pairs.map(([type, flatName, moduleName]) => ({ from: `${type}.${flatName}`, to: `${type}.${moduleName}` }));
}
