import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';
import { TerraformStack } from 'cdktf';
import type { IConstruct } from 'constructs';

/** Construct id of the stack's partition data source. */
const PARTITION_ID = 'Partition';

/**
 * The stack's `data "aws_partition" "current"`, created with the first construct that needs it
 * and shared by every other: ARNs and service principals are built for the partition the stack
 * deploys to (`aws`, `aws-cn`, `aws-us-gov`).
 */
export function stackPartition(scope: IConstruct): DataAwsPartition {
  const stack = TerraformStack.of(scope);
  const found = stack.node.tryFindChild(PARTITION_ID);
  if (found) return found as DataAwsPartition;
  const partition = new DataAwsPartition(stack, PARTITION_ID);
  partition.overrideLogicalId('current');
  return partition;
}
