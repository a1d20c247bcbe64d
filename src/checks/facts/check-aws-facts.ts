/**
 * Checks the spec's AWS names against the AWS SDK's data, so that a typo fails here rather
 * than at `terraform plan`/`apply`: every region (the spec's, each environment's, each S3
 * backend's) must be a region the partition data lists, and every instance type one the EC2 API
 * model has. Each unknown name is an error with the closest known one as a suggestion.
 */
import { closestRegion, isKnownRegion, partitionOf, regionDataSource } from '../../facts/aws-regions';
import { closestInstanceType, instanceTypeDataSource, isKnownInstanceType, sizesOfFamily } from '../../facts/ec2-instance-types';
import type { ResolvedSpec } from '../../spec/model';
import type { BackendSpec } from '../../spec/spec-schema';
import { CHECK_IDS } from '../check-ids';
import type { FieldPath } from '../field-path';
import type { Finding } from '../finding';
import { checkError } from '../make-finding';

/** Findings for the unknown regions and instance types of a spec; instance-type findings name their instance profile. */
export function checkAwsFacts(spec: ResolvedSpec): Finding[] {
  return [...checkRegions(spec), ...checkInstanceTypes(spec)];
}

/** Every region the spec sets, with where it is set. */
function regionsOf(spec: ResolvedSpec): Array<{ readonly region: string; readonly path: FieldPath }> {
  const backendRegion = (backend: BackendSpec | undefined, path: FieldPath) =>
    backend?.type === 's3' && backend.region !== undefined ? [{ region: backend.region, path: [...path, 'backend', 'region'] }] : [];
  return [
    { region: spec.region, path: ['region'] },
    ...backendRegion(spec.backend, []),
    ...Object.entries(spec.environments).flatMap(([name, environment]) => [
      ...(environment.region !== undefined ? [{ region: environment.region, path: ['environments', name, 'region'] }] : []),
      ...backendRegion(environment.backend, ['environments', name]),
    ]),
  ];
}

function checkRegions(spec: ResolvedSpec): Finding[] {
  return regionsOf(spec)
    .filter(({ region }) => !isKnownRegion(region))
    .map(({ region, path }) => checkError(CHECK_IDS.unknownRegion, path, unknownRegionMessage(region)));
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

function checkInstanceTypes(spec: ResolvedSpec): Finding[] {
  return spec.profiles.flatMap((profile) => {
    const type = profile.instance?.instanceType;
    if (type === undefined || isKnownInstanceType(type)) return [];
    const finding = checkError(CHECK_IDS.unknownInstanceType, [...profile.fieldPath, 'instance', 'instanceType'], unknownInstanceTypeMessage(type));
    return [{ ...finding, profile: profile.instanceProfile.name }];
  });
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
