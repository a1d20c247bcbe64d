import { awsPartitions, partitionOf } from './facts/aws-regions';

/**
 * The AWS partition a region belongs to (`aws`, `aws-cn`, `aws-us-gov`, `aws-iso`, …), from the
 * AWS SDK's partition data: the partition that lists the region, else the one whose region
 * pattern it matches, else the first partition (`aws`), as the SDK's own resolver does. Whether
 * the region exists is checked separately (`AWS_UNKNOWN_REGION`).
 */
export function partitionOfRegion(region: string): string {
  return (partitionOf(region) ?? awsPartitions()[0]).id;
}
