import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';
import { TerraformStack } from 'cdktf';
import type { IConstruct } from 'constructs';
import { PARTITION_ADDRESS, partitionKind } from '../resource-kinds';
import { cachedReferences } from './resource-class';

/** The partition data source, its references made once (every ARN and service principal of the stack reads it). */
const StackPartition = cachedReferences(DataAwsPartition);

/** Construct id of the stack's partition data source. */
const PARTITION_ID = 'Partition';

/** Whether a Terraform expression (an import id, say) reads the stack's partition data source. */
export function readsStackPartition(expression: string): boolean {
  return expression.includes(`${PARTITION_ADDRESS}.`);
}

/**
 * The stack's partition data source (`data.aws_partition.current`), created with the first
 * construct that needs it and shared by every other: ARNs and service principals are built for
 * the partition the stack deploys to (`aws`, `aws-cn`, `aws-us-gov`).
 */
export function stackPartition(scope: IConstruct): DataAwsPartition {
  const stack = TerraformStack.of(scope);
  const found = stack.node.tryFindChild(PARTITION_ID);
  if (found) return found as DataAwsPartition;
  const partition = new StackPartition(stack, PARTITION_ID);
  partition.overrideLogicalId(partitionKind.name);
  return partition;
}
