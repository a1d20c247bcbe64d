/**
 * Checks AWS names against the AWS SDK's data, so that a typo fails here rather than at
 * `terraform plan`/`apply`: every region (each stack's provider's, each S3 backend's) must be a
 * region the partition data lists, and every instance type one the EC2 API model has. Each
 * unknown name is an error with the closest known one as a suggestion.
 */
import { closestRegion, isKnownRegion, partitionOf, regionDataSource } from '../../facts/aws-regions';
import { closestInstanceType, instanceTypeDataSource, isKnownInstanceType, sizesOfFamily } from '../../facts/ec2-instance-types';
import type { ResolvedSpec } from '../../spec/model';
import type { BackendSpec } from '../../spec/spec-schema';
import { CHECK_IDS } from '../check-ids';
import type { FieldPath } from '../../spec/field-path';
import type { Finding } from '../finding';
import { checkError } from '../make-finding';

/** Findings for the regions of the spec's S3 backends (the provider's region is checked on each stack). */
export function checkBackendRegions(spec: ResolvedSpec): Finding[] {
  const backendRegion = (backend: BackendSpec | undefined, path: FieldPath) =>
    backend?.type === 's3' && backend.region !== undefined ? [{ region: backend.region, path: [...path, 'backend', 'region'] }] : [];
  const regions = [
    ...backendRegion(spec.backend, []),
    ...Object.entries(spec.environments).flatMap(([name, environment]) => backendRegion(environment.backend, ['environments', name])),
  ];
  return regions.flatMap(({ region, path }) => checkRegionName(region, path));
}

/** An error when `region` is not a region the partition data lists. */
export function checkRegionName(region: string, path: FieldPath): Finding[] {
  return isKnownRegion(region) ? [] : [checkError(CHECK_IDS.unknownRegion, path, unknownRegionMessage(region))];
}

/** An error when `type` is not an instance type of the EC2 API model. */
export function checkInstanceTypeName(type: string, path: FieldPath): Finding[] {
  return isKnownInstanceType(type) ? [] : [checkError(CHECK_IDS.unknownInstanceType, path, unknownInstanceTypeMessage(type))];
}

/** `"us-east-7" is not an AWS region; did you mean us-east-1? (…)`, or the known regions when nothing is close. */
function unknownRegionMessage(region: string): string {
  const source = `regions of ${regionDataSource()}; a region opened since needs a newer version`;
  const hint = closestRegion(region);
  if (hint) return `"${region}" is not an AWS region; did you mean ${hint}? (${source})`;
  const partition = partitionOf(region);
  const known = partition ? `the regions of partition ${partition.id} are ${partition.regions.join(', ')}` : 'it matches no partition';
  return `"${region}" is not an AWS region; ${known} (${source})`;
}

/** `"t3.micr0" is not an EC2 instance type; did you mean t3.micro? (…)`, or the family's sizes when nothing is close. */
function unknownInstanceTypeMessage(type: string): string {
  const source = `instance types from ${instanceTypeDataSource()}`;
  const hint = closestInstanceType(type);
  if (hint) return `"${type}" is not an EC2 instance type; did you mean ${hint}? (${source})`;
  const sizes = sizesOfFamily(type);
  const known = sizes.length > 0 ? `the sizes of ${type.split('.')[0]} are ${sizes.join(', ')}` : `EC2 has no instance family "${type.split('.')[0]}"`;
  return `"${type}" is not an EC2 instance type; ${known} (${source})`;
}
