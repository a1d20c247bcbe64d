import type { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';
import { IamInstanceProfile } from '@cdktf/provider-aws/lib/iam-instance-profile';
import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { Construct } from 'constructs';
import { ATTACHED_POLICIES_MAX } from '../iam/quotas';
import { policyShortName, terraformName } from '../naming';
import type { PolicyDocument } from '../spec/model';
import { customerManagedPolicySchema, inlinePolicySchema, instanceProfileSchema, roleSchema } from '../spec/spec-schema';
import { managedPolicyArn } from './managed-policy-arn';
import { nonEmptyTags } from './non-empty-tags';
import { IAM_POLICY_VERSION, PolicyDocumentLocal } from './policy-document';
import { type PropRule, validateProps } from './prop-validation';
import { GrantableRole, type GrantableRoleProps, type GrantsPolicyProps } from './role-grants';
import { SECURE_DEFAULTS } from '../secure-defaults';
import { ec2PrincipalUnder } from '../iam/ec2-principal';
import { resourceClass } from './resource-class';
import { stackPartition } from './stack-partition';

const IamPolicyResource = resourceClass(IamPolicy);
const IamRoleResource = resourceClass(IamRole);
const IamRolePolicyAttachmentResource = resourceClass(IamRolePolicyAttachment);
const IamRolePolicyResource = resourceClass(IamRolePolicy);
const IamInstanceProfileResource = resourceClass(IamInstanceProfile);

/** A customer-managed policy: what `aws iam create-policy` takes. */
export interface CustomerManagedPolicyProps {
  /** Policy name, unique in the account (1–128 of letters, digits and `+=,.@_-`). */
  readonly name: string;
  /** The policy document. */
  readonly document: PolicyDocument;
  /** Description; IAM does not allow changing it after creation. @default - none */
  readonly description?: string;
  /** IAM path. @default "/" */
  readonly path?: string;
  /** Tags on the policy. @default - none */
  readonly tags?: Record<string, string>;
  /** Terraform name of the `aws_iam_policy` (its document local is `<name>_document`). @default - from the policy name: `S3WritePolicy` → `s3_write_policy` */
  readonly terraformName?: string;
}

/** An inline policy of the role: what `aws iam put-role-policy` takes. */
export interface InlinePolicyProps {
  /** Policy name, unique among the role's inline policies (1–128 of letters, digits and `+=,.@_-`). */
  readonly name: string;
  /** The policy document. */
  readonly document: PolicyDocument;
  /** Terraform name of the policy in the `aws_iam_role_policy`'s name, `<role>_<policy>` (its document local is `<role>_<policy>_inline_document`). @default - from the policy name: `WebServerLogs` → `web_server_logs` */
  readonly terraformName?: string;
}

/** A managed policy attached by reference, with the Terraform name of its attachment. */
export interface ManagedPolicyAttachmentProps {
  /** An AWS-managed policy's name (its ARN is built for the partition) or any policy's ARN. */
  readonly policy: string;
  /** Terraform name of the policy in the attachment's name. @default - from the policy's last path segment: `AmazonSSMManagedInstanceCore` → `amazon_ssm_managed_instance_core` */
  readonly terraformName?: string;
}

/** The role: what `aws iam create-role` takes. */
export interface RoleProps {
  /** Role name (1–64 of letters, digits and `+=,.@_-`). */
  readonly name: string;
  /** IAM path. @default "/" */
  readonly path?: string;
  /** Description. @default - none */
  readonly description?: string;
  /** Trust (assume-role) policy. @default - EC2 may assume the role (`ec2.<partition DNS suffix>`) */
  readonly trustPolicy?: PolicyDocument;
  /** Permissions boundary, as an AWS-managed policy name or a policy ARN. @default - none */
  readonly permissionsBoundary?: string;
  /** Maximum session duration in seconds, 3600 to 43200. @default 3600 */
  readonly maxSessionDuration?: number;
  /** AWS-managed policies by name, or any policy by ARN, to attach. @default - none */
  readonly managedPolicies?: ReadonlyArray<string | ManagedPolicyAttachmentProps>;
  /** Inline policies embedded in the role, each an `aws_iam_role_policy`. @default - none */
  readonly inlinePolicies?: readonly InlinePolicyProps[];
  /** Tags on the role. @default - none */
  readonly tags?: Record<string, string>;
  /** Terraform name of the `aws_iam_role` (its trust policy local is `<name>_trust_policy`); attachments are named `<name>_<policy>`. @default - from the role name: `S3WriteRole` → `s3_write_role` */
  readonly terraformName?: string;
}

/** The instance profile: what `aws iam create-instance-profile` takes. */
export interface InstanceProfileProps {
  /** Instance profile name; may differ from the role name (1–128 of letters, digits and `+=,.@_-`). @default - the role name */
  readonly name?: string;
  /** IAM path. @default "/" */
  readonly path?: string;
  /** Tags on the instance profile. @default - none */
  readonly tags?: Record<string, string>;
  /** Terraform name of the `aws_iam_instance_profile`. @default - from the instance profile name */
  readonly terraformName?: string;
}

export interface InstanceProfileChainProps extends GrantableRoleProps {
  /** The role. */
  readonly role: RoleProps;
  /** The instance profile that carries the role to an instance. @default - named after the role, at path "/" */
  readonly instanceProfile?: InstanceProfileProps;
  /** Customer-managed policies to create and attach to the role. @default - none */
  readonly policies?: readonly CustomerManagedPolicyProps[];
  /** Source of the partition (`aws`, `aws-cn`, `aws-us-gov`) for ARNs and service principals. @default - the stack's `data.aws_partition.current`, created if it has none */
  readonly partition?: DataAwsPartition;
}

/**
 * The identity chain of the walkthrough: customer-managed policies, a role trusted by EC2,
 * the role–policy attachments, and the instance profile that carries the role to an instance.
 * Terraform names come from the IAM names, so reordering never recreates anything.
 *
 *   const writer = new InstanceProfileChain(stack, 'Writer', {
 *     role: { name: 'S3WriteRole' },
 *     instanceProfile: { name: 'S3WriteProfile' },
 *     grantsPolicy: { name: 'S3WritePolicy' },
 *   });
 *   writer.grantS3Write('instance-profile-test1');
 */
export class InstanceProfileChain extends GrantableRole {
  readonly role: IamRole;
  readonly instanceProfile: IamInstanceProfile;
  /** The customer-managed policies by name. */
  readonly policies: ReadonlyMap<string, IamPolicy>;
  /** Every role–policy attachment, by the policy name or ARN as given (customer-managed first). */
  readonly attachments: ReadonlyMap<string, IamRolePolicyAttachment>;
  /** The role's inline policies, by name. */
  readonly inlinePolicies: ReadonlyMap<string, IamRolePolicy>;
  protected readonly roleTerraformName: string;
  protected readonly partitionSource: DataAwsPartition;
  protected readonly grantsPolicy?: GrantsPolicyProps;

  constructor(scope: Construct, id: string, props: InstanceProfileChainProps) {
    super(scope, id);
    const { role: roleProps, instanceProfile: profileProps = {} } = props;
    const partition = (this.partitionSource = props.partition ?? stackPartition(this));
    this.grantsPolicy = props.grantsPolicy;
    const roleId = (this.roleTerraformName = roleProps.terraformName ?? terraformName(roleProps.name));
    validateProps(this, () => chainRules(props));
    this.node.addValidation({ validate: () => attachedPolicyQuota(this.attachments.size) });

    const policies = (props.policies ?? []).map((policy): [string, IamPolicy, string] => {
      const policyId = policy.terraformName ?? terraformName(policy.name);
      const document = new PolicyDocumentLocal(this, `Document-${policyId}`, {
        document: policy.document,
        localName: `${policyId}_document`,
      });
      const resource = new IamPolicyResource(this, `Policy-${policyId}`, {
        name: policy.name,
        path: policy.path ?? SECURE_DEFAULTS.iamPath,
        description: policy.description,
        policy: document.json,
        tags: nonEmptyTags(policy.tags),
      });
      resource.overrideLogicalId(policyId);
      return [policy.name, resource, policyId];
    });
    this.policies = new Map(policies.map(([name, resource]) => [name, resource]));

    const trust = new PolicyDocumentLocal(this, 'TrustPolicy', {
      document: roleProps.trustPolicy ?? ec2TrustPolicy(partition),
      localName: `${roleId}_trust_policy`,
    });
    this.role = new IamRoleResource(this, 'Role', {
      name: roleProps.name,
      path: roleProps.path ?? SECURE_DEFAULTS.iamPath,
      description: roleProps.description,
      assumeRolePolicy: trust.json,
      permissionsBoundary: roleProps.permissionsBoundary && managedPolicyArn(roleProps.permissionsBoundary, partition.partition),
      maxSessionDuration: roleProps.maxSessionDuration ?? SECURE_DEFAULTS.maxSessionDuration,
      tags: nonEmptyTags(roleProps.tags),
    });
    this.role.overrideLogicalId(roleId);

    const attach = (policyName: string, policyId: string, policyArn: string): [string, IamRolePolicyAttachment] => {
      const attachmentId = `${roleId}_${policyId}`;
      const attachment = new IamRolePolicyAttachmentResource(this, `Attachment-${attachmentId}`, {
        role: this.role.name,
        policyArn,
      });
      attachment.overrideLogicalId(attachmentId);
      return [policyName, attachment];
    };
    this.attachments = new Map([
      ...policies.map(([name, policy, policyId]) => attach(name, policyId, policy.arn)),
      ...(roleProps.managedPolicies ?? []).map((given) => {
        const { policy, terraformName: policyId = terraformName(policyShortName(policy)) } = typeof given === 'string' ? { policy: given } : given;
        return attach(policy, policyId, managedPolicyArn(policy, partition.partition));
      }),
    ]);

    this.inlinePolicies = new Map(
      (roleProps.inlinePolicies ?? []).map((inline) => {
        const inlineId = `${roleId}_${inline.terraformName ?? terraformName(inline.name)}`;
        const document = new PolicyDocumentLocal(this, `InlineDocument-${inlineId}`, { document: inline.document, localName: `${inlineId}_inline_document` });
        const resource = new IamRolePolicyResource(this, `InlinePolicy-${inlineId}`, { name: inline.name, role: this.role.name, policy: document.json });
        resource.overrideLogicalId(inlineId);
        return [inline.name, resource];
      }),
    );

    this.instanceProfile = new IamInstanceProfileResource(this, 'InstanceProfile', {
      name: profileProps.name ?? roleProps.name,
      path: profileProps.path ?? SECURE_DEFAULTS.iamPath,
      role: this.role.name,
      tags: nonEmptyTags(profileProps.tags),
      // A renamed profile is created and given to the instance before the old one is deleted,
      // so the instance is never left without credentials.
      lifecycle: { createBeforeDestroy: true },
    });
    this.instanceProfile.overrideLogicalId(profileProps.terraformName ?? terraformName(profileProps.name ?? roleProps.name));
  }

  /** The role's ARN (a Terraform reference). */
  get roleArn(): string {
    return this.role.arn;
  }
  /** The role's name (a Terraform reference). */
  get roleName(): string {
    return this.role.name;
  }
  /** The instance profile's name (a Terraform reference). */
  get instanceProfileName(): string {
    return this.instanceProfile.name;
  }
  /** The instance profile's ARN (a Terraform reference). */
  get instanceProfileArn(): string {
    return this.instanceProfile.arn;
  }
}

/** The chain's props against the spec's rules. */
function chainRules(props: InstanceProfileChainProps): PropRule[] {
  const { role, instanceProfile = {} } = props;
  const fields = roleSchema.shape;
  const profile = instanceProfileSchema.shape;
  const policy = customerManagedPolicySchema.shape;
  return [
    { prop: 'role.name', value: role.name, schema: fields.name },
    { prop: 'role.path', value: role.path, schema: fields.path },
    { prop: 'role.description', value: role.description, schema: fields.description },
    { prop: 'role.maxSessionDuration', value: role.maxSessionDuration, schema: fields.maxSessionDuration },
    { prop: 'instanceProfile.name', value: instanceProfile.name, schema: profile.name },
    { prop: 'instanceProfile.path', value: instanceProfile.path, schema: profile.path },
    ...(role.inlinePolicies ?? []).map((given, i): PropRule => ({
      prop: `role.inlinePolicies[${i}].name`,
      value: given.name,
      schema: inlinePolicySchema.shape.name,
    })),
    ...(props.policies ?? []).flatMap((given, i): PropRule[] => [
      { prop: `policies[${i}].name`, value: given.name, schema: policy.name },
      { prop: `policies[${i}].path`, value: given.path, schema: policy.path },
      { prop: `policies[${i}].description`, value: given.description, schema: policy.description },
    ]),
  ];
}

/** IAM's hard quota of managed policies per role: an error above it (the default quota of 10 can be raised, so the checks only warn there). */
function attachedPolicyQuota(attachments: number): string[] {
  return attachments > ATTACHED_POLICIES_MAX
    ? [`role: ${attachments} managed policies attached; IAM attaches at most ${ATTACHED_POLICIES_MAX} to a role, so merge some`]
    : [];
}

/** The console's default trust for EC2, with the service principal built for the partition. */
export function ec2TrustPolicy(partition: DataAwsPartition): PolicyDocument {
  return {
    Version: IAM_POLICY_VERSION,
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Service: ec2PrincipalUnder(partition.dnsSuffix) },
        Action: 'sts:AssumeRole',
      },
    ],
  };
}
