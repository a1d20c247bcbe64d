import type { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';

/**
 * A policy reference as users write it: an ARN is kept as given; a bare name such as
 * `AmazonSSMManagedInstanceCore` (or `service-role/AmazonEC2RoleforSSM`) is an AWS-managed
 * policy, whose ARN is built for the stack's partition.
 */
export function managedPolicyArn(nameOrArn: string, partition: DataAwsPartition): string {
  if (nameOrArn.startsWith('arn:')) return nameOrArn;
  return `arn:${partition.partition}:iam::aws:policy/${nameOrArn}`;
}
