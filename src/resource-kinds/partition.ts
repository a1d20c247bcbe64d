/**
 * `data "aws_partition"`: the partition a stack deploys to (`aws`, `aws-cn`, `aws-us-gov`), read
 * once per stack or module, so ARNs and service principals are built for it.
 */
export const partitionKind = {
  /** The Terraform data source type. */
  type: 'aws_partition',
  /** Terraform name of the one partition data source of a stack or a module. */
  name: 'current',
} as const;

/** Its address, `data.aws_partition.current`; an expression reads its attributes (`partition`, `dns_suffix`, `id`) after a dot. */
export const PARTITION_ADDRESS = `data.${partitionKind.type}.${partitionKind.name}`;
