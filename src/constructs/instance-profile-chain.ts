import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';
import { IamInstanceProfile } from '@cdktf/provider-aws/lib/iam-instance-profile';
import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { attachmentName, terraformName } from '../naming';
import type { PolicyDocument } from '../spec/model';
import { managedPolicyArn } from './managed-policy-arn';
import { PolicyDocumentLocal } from './policy-document';
import { EC2_SERVICE, SECURE_DEFAULTS } from './secure-defaults';
import { setAttributesOnly } from './set-attributes-only';

const IamPolicyResource = setAttributesOnly(IamPolicy);
const IamRoleResource = setAttributesOnly(IamRole);
const IamRolePolicyAttachmentResource = setAttributesOnly(IamRolePolicyAttachment);
const IamInstanceProfileResource = setAttributesOnly(IamInstanceProfile);

/** A customer-managed policy: what `aws iam create-policy` takes. */
export interface CustomerManagedPolicyProps {
  /** Policy name, unique in the account. */
  readonly name: string;
  /** The policy document. */
  readonly document: PolicyDocument;
  /** Description; IAM does not allow changing it after creation. @default - none */
  readonly description?: string;
  /** IAM path. @default "/" */
  readonly path?: string;
  /** Tags on the policy. @default - none */
  readonly tags?: Record<string, string>;
}

/** Terraform names of the chain's resources. */
export interface ChainTerraformNames {
  /** Name of the `aws_iam_role` (its trust policy local is `<role>_trust_policy`). */
  readonly role: string;
  /** Name of the `aws_iam_instance_profile`. */
  readonly instanceProfile: string;
  /** Name of the `aws_iam_policy` of a customer-managed policy (its document local is `<policy>_document`). */
  readonly policy: (policyName: string) => string;
  /** Name of the `aws_iam_role_policy_attachment` of a policy, by policy name or ARN. */
  readonly attachment: (policyNameOrArn: string) => string;
}

/** Terraform names derived from IAM names: `S3WriteRole` → `aws_iam_role.s3_write_role`. */
export function namesFromIam(roleName: string, instanceProfileName: string): ChainTerraformNames {
  return {
    role: terraformName(roleName),
    instanceProfile: terraformName(instanceProfileName),
    policy: (policyName) => terraformName(policyName),
    attachment: (policy) => attachmentName(roleName, policy),
  };
}

export interface InstanceProfileChainProps {
  /** Role name. */
  readonly roleName: string;
  /** Role IAM path. @default "/" */
  readonly rolePath?: string;
  /** Role description. @default - none */
  readonly roleDescription?: string;
  /** Trust (assume-role) policy. @default - EC2 may assume the role (`ec2.<partition DNS suffix>`) */
  readonly trustPolicy?: PolicyDocument;
  /** Permissions boundary, as an AWS-managed policy name or a policy ARN. @default - none */
  readonly permissionsBoundary?: string;
  /** Maximum session duration in seconds. @default 3600 */
  readonly maxSessionDuration?: number;
  /** Tags on the role. @default - none */
  readonly roleTags?: Record<string, string>;
  /** Customer-managed policies to create and attach to the role. @default - none */
  readonly policies?: readonly CustomerManagedPolicyProps[];
  /** AWS-managed policies by name (ARN built for the partition), or any policy by ARN, to attach. @default - none */
  readonly managedPolicies?: readonly string[];
  /** Instance profile name; may differ from the role name. @default - the role name */
  readonly instanceProfileName?: string;
  /** Instance profile IAM path. @default "/" */
  readonly instanceProfilePath?: string;
  /** Tags on the instance profile. @default - none */
  readonly instanceProfileTags?: Record<string, string>;
  /** Terraform names of the resources. @default - derived from the IAM names (`namesFromIam`) */
  readonly terraformNames?: ChainTerraformNames;
  /** Source of the partition (`aws`, `aws-cn`, `aws-us-gov`) for ARNs and service principals. @default - a `data.aws_partition` is created in this construct */
  readonly partition?: DataAwsPartition;
}

/**
 * The identity chain of the walkthrough: customer-managed policies, a role trusted by EC2,
 * the role–policy attachments, and the instance profile that carries the role to an instance.
 * Terraform names come from the IAM names, so reordering never recreates anything.
 */
export class InstanceProfileChain extends Construct {
  readonly role: IamRole;
  readonly instanceProfile: IamInstanceProfile;
  /** The customer-managed policies by name. */
  readonly policies: ReadonlyMap<string, IamPolicy>;
  /** Every role–policy attachment, by the policy name or ARN as given (customer-managed first). */
  readonly attachments: ReadonlyMap<string, IamRolePolicyAttachment>;

  constructor(scope: Construct, id: string, props: InstanceProfileChainProps) {
    super(scope, id);
    const partition = props.partition ?? new DataAwsPartition(this, 'Partition');
    const instanceProfileName = props.instanceProfileName ?? props.roleName;
    const names = props.terraformNames ?? namesFromIam(props.roleName, instanceProfileName);

    const policies = (props.policies ?? []).map((policy): [string, IamPolicy] => {
      const policyId = names.policy(policy.name);
      const document = new PolicyDocumentLocal(this, `Document-${policyId}`, {
        document: policy.document,
        localName: `${policyId}_document`,
      });
      const resource = new IamPolicyResource(this, `Policy-${policyId}`, {
        name: policy.name,
        path: policy.path ?? SECURE_DEFAULTS.iamPath,
        description: policy.description,
        policy: document.json,
        tags: nonEmpty(policy.tags),
      });
      resource.overrideLogicalId(policyId);
      return [policy.name, resource];
    });
    this.policies = new Map(policies);

    const trust = new PolicyDocumentLocal(this, 'TrustPolicy', {
      document: props.trustPolicy ?? ec2TrustPolicy(partition),
      localName: `${names.role}_trust_policy`,
    });
    this.role = new IamRoleResource(this, 'Role', {
      name: props.roleName,
      path: props.rolePath ?? SECURE_DEFAULTS.iamPath,
      description: props.roleDescription,
      assumeRolePolicy: trust.json,
      permissionsBoundary: props.permissionsBoundary && managedPolicyArn(props.permissionsBoundary, partition.partition),
      maxSessionDuration: props.maxSessionDuration ?? SECURE_DEFAULTS.maxSessionDuration,
      tags: nonEmpty(props.roleTags),
    });
    this.role.overrideLogicalId(names.role);

    const attach = (policyName: string, policyArn: string): [string, IamRolePolicyAttachment] => {
      const attachmentId = names.attachment(policyName);
      const attachment = new IamRolePolicyAttachmentResource(this, `Attachment-${attachmentId}`, {
        role: this.role.name,
        policyArn,
      });
      attachment.overrideLogicalId(attachmentId);
      return [policyName, attachment];
    };
    this.attachments = new Map([
      ...policies.map(([name, policy]) => attach(name, policy.arn)),
      ...(props.managedPolicies ?? []).map((policy) => attach(policy, managedPolicyArn(policy, partition.partition))),
    ]);

    this.instanceProfile = new IamInstanceProfileResource(this, 'InstanceProfile', {
      name: instanceProfileName,
      path: props.instanceProfilePath ?? SECURE_DEFAULTS.iamPath,
      role: this.role.name,
      tags: nonEmpty(props.instanceProfileTags),
      // A renamed profile is created and given to the instance before the old one is deleted,
      // so the instance is never left without credentials.
      lifecycle: { createBeforeDestroy: true },
    });
    this.instanceProfile.overrideLogicalId(names.instanceProfile);
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

/** The console's default trust for EC2, with the service principal built for the partition. */
export function ec2TrustPolicy(partition: DataAwsPartition): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Service: `${EC2_SERVICE}.${partition.dnsSuffix}` },
        Action: 'sts:AssumeRole',
      },
    ],
  };
}

/** The tags, or none when there are none; a token (a Terraform expression for a map) is kept. */
function nonEmpty(tags: Record<string, string> | undefined): Record<string, string> | undefined {
  return tags && (Token.isUnresolved(tags) || Object.keys(tags).length) ? tags : undefined;
}
