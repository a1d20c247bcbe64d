import type { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';
import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { terraformName } from '../naming';
import { customerManagedPolicySchema } from '../spec/spec-schema';
import { nonEmptyTags } from './non-empty-tags';
import { PolicyDocumentLocal } from './policy-document';
import { validateProps } from './prop-validation';
import { bucketArn, type BucketReference, type GrantStatement, type S3GrantKind, type S3GrantOptions, s3GrantStatements } from './s3-grants';
import { SECURE_DEFAULTS } from '../secure-defaults';
import { resourceClass } from './resource-class';

const IamPolicyResource = resourceClass(IamPolicy);
const IamRolePolicyAttachmentResource = resourceClass(IamRolePolicyAttachment);

/** The customer-managed policy that a role's grants go into. */
export interface GrantsPolicyProps {
  /** Policy name. @default - the role name followed by `-grants` */
  readonly name?: string;
  /** IAM path. @default "/" */
  readonly path?: string;
  /** Description; IAM does not allow changing it after creation. @default - none */
  readonly description?: string;
  /** Tags on the policy. @default - none */
  readonly tags?: Record<string, string>;
}

interface RoleGrantsProps {
  /** The role's name (a literal or a Terraform reference). */
  readonly roleName: string;
  /** Terraform name of the role, which the policy's and the attachment's names start from. */
  readonly roleTerraformName: string;
  readonly policy?: GrantsPolicyProps;
}

/**
 * The statements granted to a role, in one customer-managed policy attached to it. The policy
 * and its attachment are created with the first grant, so a role without grants has neither.
 */
class RoleGrants extends Construct {
  private document?: PolicyDocumentLocal;

  constructor(
    scope: Construct,
    id: string,
    private readonly props: RoleGrantsProps,
  ) {
    super(scope, id);
    const policy = props.policy ?? {};
    validateProps(this, () => [
      { prop: 'grantsPolicy.name', value: policy.name, schema: customerManagedPolicySchema.shape.name },
      { prop: 'grantsPolicy.path', value: policy.path, schema: customerManagedPolicySchema.shape.path },
      { prop: 'grantsPolicy.description', value: policy.description, schema: customerManagedPolicySchema.shape.description },
    ]);
  }

  /** Adds the statements to the grants policy, creating it with the first ones. */
  add(statements: readonly GrantStatement[]): void {
    (this.document ??= this.createPolicy()).addStatements(...statements);
  }

  private createPolicy(): PolicyDocumentLocal {
    const { roleName, roleTerraformName, policy = {} } = this.props;
    const name = policy.name ?? `${roleName}-grants`;
    const policyId = policy.name && !Token.isUnresolved(policy.name) ? terraformName(policy.name) : `${roleTerraformName}_grants`;
    const document = new PolicyDocumentLocal(this, 'Document', { localName: `${policyId}_document` });
    const resource = new IamPolicyResource(this, 'Policy', {
      name,
      path: policy.path ?? SECURE_DEFAULTS.iamPath,
      description: policy.description,
      policy: document.json,
      tags: nonEmptyTags(policy.tags),
    });
    resource.overrideLogicalId(policyId);
    const attachment = new IamRolePolicyAttachmentResource(this, 'Attachment', { role: roleName, policyArn: resource.arn });
    attachment.overrideLogicalId(`${roleTerraformName}_${policyId}`);
    return document;
  }
}

/** Where a role's grants go: the grants policy's settings and the partition its ARNs are built for. */
export interface GrantableRoleProps {
  /** The customer-managed policy that `grant*` methods add statements to. @default - a policy named `<role name>-grants`, created with the first grant */
  readonly grantsPolicy?: GrantsPolicyProps;
}

/**
 * A role that `grant*` methods give least-privilege access: each adds the statements it needs
 * to the role's grants policy and returns them.
 */
export abstract class GrantableRole extends Construct {
  private grants?: RoleGrants;

  /** The role's name (a Terraform reference for a role created here). */
  abstract readonly roleName: string;
  /** Terraform name of the role, or of the name of a role that exists outside Terraform. */
  protected abstract readonly roleTerraformName: string;
  /** Partition of the role's ARNs. */
  protected abstract readonly partitionSource: DataAwsPartition;
  /** The grants policy's settings. */
  protected abstract readonly grantsPolicy?: GrantsPolicyProps;

  /** Upload objects to the bucket (`s3:PutObject` on its objects) and list it (`s3:ListBucket`): the walkthrough's access. */
  grantS3Write(bucket: BucketReference, options?: S3GrantOptions): GrantStatement[] {
    return this.grantS3('write', bucket, options);
  }

  /** Download objects from the bucket (`s3:GetObject` on its objects) and list it (`s3:ListBucket`). */
  grantS3Read(bucket: BucketReference, options?: S3GrantOptions): GrantStatement[] {
    return this.grantS3('read', bucket, options);
  }

  /** Delete objects of the bucket (`s3:DeleteObject` on its objects). */
  grantS3Delete(bucket: BucketReference, options?: S3GrantOptions): GrantStatement[] {
    return this.grantS3('delete', bucket, options);
  }

  /** Adds statements of your own to the grants policy. */
  addToGrantsPolicy(...statements: GrantStatement[]): void {
    this.roleGrants().add(statements);
  }

  private grantS3(kind: S3GrantKind, bucket: BucketReference, options?: S3GrantOptions): GrantStatement[] {
    const statements = s3GrantStatements(kind, bucketArn(bucket, this.partitionSource.partition), options);
    this.roleGrants().add(statements);
    return statements;
  }

  private roleGrants(): RoleGrants {
    return (this.grants ??= new RoleGrants(this, 'Grants', {
      roleName: this.roleName,
      roleTerraformName: this.roleTerraformName,
      policy: this.grantsPolicy,
    }));
  }
}
