import type { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';
import { Construct } from 'constructs';
import { terraformName } from '../naming';
import { roleSchema } from '../spec/spec-schema';
import { validateProps } from './prop-validation';
import { stackPartition } from './stack-partition';
import { GrantableRole, type GrantableRoleProps, type GrantsPolicyProps } from './role-grants';

/** How grants reach a role that exists already. */
export interface ExistingRoleProps extends GrantableRoleProps {
  /** Source of the partition for the granted ARNs. @default - the stack's `data.aws_partition.current`, created if it has none */
  readonly partition?: DataAwsPartition;
}

/**
 * A role that exists already (made by hand, as in the walkthrough, or by another stack), by
 * name. Nothing about the role itself is managed; its `grant*` methods create the grants policy
 * and attach it to the role.
 *
 *   ExistingRole.fromRoleName(stack, 'Legacy', 'S3WriteRole').grantS3Read('reports');
 */
export class ExistingRole extends GrantableRole {
  /** The role with this name. */
  static fromRoleName(scope: Construct, id: string, roleName: string, props: ExistingRoleProps = {}): ExistingRole {
    return new ExistingRole(scope, id, roleName, props);
  }

  readonly roleName: string;
  protected readonly roleTerraformName: string;
  protected readonly partitionSource: DataAwsPartition;
  protected readonly grantsPolicy?: GrantsPolicyProps;

  private constructor(scope: Construct, id: string, roleName: string, props: ExistingRoleProps) {
    super(scope, id);
    this.roleName = roleName;
    this.roleTerraformName = terraformName(roleName);
    this.partitionSource = props.partition ?? stackPartition(this);
    this.grantsPolicy = props.grantsPolicy;
    validateProps(this, () => [{ prop: 'roleName', value: roleName, schema: roleSchema.shape.name }]);
  }
}
