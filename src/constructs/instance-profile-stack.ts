import { AwsProvider, AwsProviderConfig } from '@cdktf/provider-aws/lib/provider';
import { CloudBackend, LocalBackend, NamedCloudWorkspace, S3Backend, S3BackendConfig, TerraformOutput, TerraformResource, type TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import type { ResolvedProfileSpec } from '../spec/model';
import type { StackPlan } from '../spec/plan-stacks';
import type { BackendSpec } from '../spec/spec-schema';
import type { ResourceOrigin } from '../spec/resource-origin';
import { declareTargetVersions } from '../cdk-flavour';
import { attachmentKind, instanceKind, instanceProfileKind, policyKind, roleKind, rolePolicyKind } from '../resource-kinds';
import { argumentOrigins } from '../resource-kinds/resource-kind';
import { adoptResources } from './adopt-resources';
import { declareRequirements, ROOT_TERRAFORM_VERSION } from '../terraform-requirements';
import { stackPartition } from './stack-partition';
import { LiteralTextStack } from './literal-text';
import { addProfileResources, type ProfileResources, profileNames } from './profile-resources';

export type { ProfileResources } from './profile-resources';

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

/**
 * One Terraform stack built from a stack plan: the state backend, the provider (limited to the
 * plan's account when it names one), and for each profile the identity chain, the optional
 * instance and one output named after the instance profile: an object with the role's and the
 * instance profile's ARN and name and the instance id.
 */
export class InstanceProfileStack extends LiteralTextStack {
  /** Resources by instance profile name. */
  readonly profiles: ReadonlyMap<string, ProfileResources>;
  /** What the stack was built from. */
  readonly plan: StackPlan;
  /** The spec field each resource was built from, by Terraform address, so findings on the synthesized resources point at the spec. */
  readonly origins = new Map<string, ResourceOrigin>();

  constructor(scope: Construct, id: string, props: InstanceProfileStackProps) {
    super(scope, id);
    declareTargetVersions(this);
    declareRequirements(this, ROOT_TERRAFORM_VERSION);
    const { plan } = props;
    this.plan = plan;
    addBackend(this, plan.backend);
    new AwsProvider(this, 'aws', {
      region: plan.region,
      allowedAccountIds: plan.accountId ? [plan.accountId] : undefined,
      defaultTags: Object.keys(plan.defaultTags).length ? [{ tags: { ...plan.defaultTags } }] : undefined,
      ...props.providerOverrides,
    });
    this.origins.set('provider.aws', { profile: [], path: [], arguments: { region: plan.regionField } });

    const profiles = new Map<string, ProfileResources>();
    for (const profile of plan.profiles) {
      profiles.set(profile.instanceProfile.name, this.addProfile(profile));
    }
    this.profiles = profiles;
  }

  private addProfile(profile: ResolvedProfileSpec): ProfileResources {
    // The stack's partition data source, made with its first profile (a root of fleets alone needs none).
    const partition = stackPartition(this);
    const names = profileNames(profile);
    const { chain, instance } = addProfileResources(this, profile, names, { partition, importExisting: true });
    adoptResources(chain, profile, { partition: partition.partition, accountId: this.plan.accountId });
    for (const [address, origin] of profileOrigins(profile, { chain, instance })) this.origins.set(address, origin);
    // Its own construct id: a profile named `web` has the chain `web` and the output `web`.
    new TerraformOutput(this, `${names.id}-Output`, {
      description: `Role and instance profile ${profile.instanceProfile.name}${instance ? (profile.instance?.existingId ? ', and the existing instance it is attached to' : ', and the instance launched with it') : ''}`,
      value: profileOutputValue({ chain, instance }),
    }).overrideLogicalId(names.output);
    return { chain, instance };
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

/** What a profile's output holds: the role's and the instance profile's ARN and name, and the instance id. */
export function profileOutputValue({ chain, instance }: ProfileResources): Record<string, string | undefined> {
  return {
    role_arn: chain.roleArn,
    role_name: chain.roleName,
    instance_profile_name: chain.instanceProfileName,
    instance_profile_arn: chain.instanceProfileArn,
    instance_id: instance?.instanceId,
  };
}

/**
 * Which spec field each of a profile's resources, and each argument the spec sets, comes from,
 * by Terraform address: each resource kind's field table, at the profile's field path.
 */
export function profileOrigins(profile: ResolvedProfileSpec, { chain, instance }: ProfileResources): Map<string, ResourceOrigin> {
  const origins = new Map<string, ResourceOrigin>();
  const at = (...segments: Array<string | number>) => [...profile.fieldPath, ...segments];
  const record = (resource: TerraformResource, path: ReadonlyArray<string | number>, fields: Record<string, ReadonlyArray<string | number>>) =>
    origins.set(`${resource.terraformResourceType}.${resource.friendlyUniqueId}`, { profile: profile.fieldPath, path, arguments: fields });
  profile.policies.forEach((policy, i) => {
    record(chain.policies.get(policy.name)!, at('policies', i), argumentOrigins(policyKind.fields, at('policies', i), policy));
    record(chain.attachments.get(policy.name)!, at('policies', i), {});
  });
  profile.role.managedPolicies.forEach((policy, i) =>
    record(chain.attachments.get(policy)!, at('role', 'managedPolicies', i), { [attachmentKind.reads.policyArn.argument]: at('role', 'managedPolicies', i) }),
  );
  profile.role.inlinePolicies.forEach((policy, i) =>
    record(
      chain.inlinePolicies.get(policy.name)!,
      at('role', 'inlinePolicies', i),
      argumentOrigins(rolePolicyKind.fields, at('role', 'inlinePolicies', i), policy),
    ),
  );
  record(chain.role, at('role'), argumentOrigins(roleKind.fields, at('role'), profile.role));
  record(chain.instanceProfile, at('instanceProfile'), argumentOrigins(instanceProfileKind.fields, at('instanceProfile'), profile.instanceProfile));
  if (instance && profile.instance) record(instance.instance, at('instance'), argumentOrigins(instanceKind.fields, at('instance'), profile.instance));
  return origins;
}
