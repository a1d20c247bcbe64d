/**
 * AWS partitions and their regions, from the partition data the AWS SDK for JavaScript ships
 * with its endpoint rules (`partitions.json`, carried by `@aws-sdk/core`): each partition's id,
 * DNS suffix, region-name pattern and region list. Read once, on first use.
 *
 * A region is known when the data lists it. A name that only matches a partition's pattern
 * (`us-east-7` matches the `aws` pattern) is not: it is far more often a typo than a region AWS
 * opened after the pinned SDK version, and the message says to update the package in that case.
 */
import { closest } from '../text/closest';
import { installedPackage, readDataExport } from './package-data';

/** The package the partition data comes from. */
export const REGION_DATA_PACKAGE = '@aws-sdk/core';

/** One AWS partition as the data describes it. */
export interface AwsPartition {
  /** The partition id, as in ARNs: `aws`, `aws-cn`, `aws-us-gov`, … */
  readonly id: string;
  /** The DNS suffix of its endpoints and service principals: `amazonaws.com`, `amazonaws.com.cn`, … */
  readonly dnsSuffix: string;
  /** The pattern every region name of the partition follows, including regions not listed yet. */
  readonly regionPattern: RegExp;
  /** Its regions, without the pseudo-regions (`aws-global`) that do not follow `regionPattern`. */
  readonly regions: readonly string[];
}

/** The shape of the SDK's partition data, as far as it is read here. */
interface PartitionsInfo {
  readonly partitions: ReadonlyArray<{
    readonly id: string;
    readonly outputs: { readonly dnsSuffix: string };
    readonly regionRegex: string;
    readonly regions: Readonly<Record<string, unknown>>;
  }>;
}

let partitions: readonly AwsPartition[] | undefined;

/** Every partition of the data, in its order (`aws` first). */
export function awsPartitions(): readonly AwsPartition[] {
  if (!partitions) {
    const info = readDataExport({
      packageName: REGION_DATA_PACKAGE,
      file: 'dist-es/submodules/client/util-endpoints/lib/aws/partitions.js',
      exportName: 'partitionsInfo',
    }) as PartitionsInfo;
    if (!Array.isArray(info?.partitions) || info.partitions.length === 0) throw new Error(`${regionDataSource()}: the partition data has no partitions`);
    partitions = info.partitions.map((partition) => {
      const regionPattern = new RegExp(partition.regionRegex);
      return {
        id: partition.id,
        dnsSuffix: partition.outputs.dnsSuffix,
        regionPattern,
        regions: Object.keys(partition.regions).filter((region) => regionPattern.test(region)),
      };
    });
  }
  return partitions;
}

/** Which package and version the region facts come from, e.g. `@aws-sdk/core 3.981.2`. */
export function regionDataSource(): string {
  return `${REGION_DATA_PACKAGE} ${installedPackage(REGION_DATA_PACKAGE).version}`;
}

/**
 * The partition of a region: the one that lists it, else the one whose region pattern it
 * matches (a region newer than the data, or a typo), else `undefined`.
 */
export function partitionOf(region: string): AwsPartition | undefined {
  const all = awsPartitions();
  return all.find((partition) => partition.regions.includes(region)) ?? all.find((partition) => partition.regionPattern.test(region));
}

/** Whether the data lists `region` in some partition. */
export function isKnownRegion(region: string): boolean {
  return awsPartitions().some((partition) => partition.regions.includes(region));
}

/** Every region the data lists, partition by partition. */
export function knownRegions(): string[] {
  return awsPartitions().flatMap((partition) => partition.regions);
}

/** The known region nearest to `region` by edit distance, if close enough to be a typo of it. */
export function closestRegion(region: string): string | undefined {
  return closest(region, knownRegions());
}

/** The DNS suffix of a partition (`amazonaws.com.cn` for `aws-cn`); throws for a partition the data does not have. */
export function dnsSuffixOf(partitionId: string): string {
  const partition = awsPartitions().find((candidate) => candidate.id === partitionId);
  if (!partition) {
    throw new Error(
      `unknown AWS partition "${partitionId}"; ${regionDataSource()} has ${awsPartitions()
        .map((p) => p.id)
        .join(', ')}`,
    );
  }
  return partition.dnsSuffix;
}
