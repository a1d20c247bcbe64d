/**
 * The EC2 instance types, from the `InstanceType` enumeration of the EC2 API model that
 * `@aws-sdk/client-ec2` is generated from. Only the enumeration is read (from the package's
 * `dist-es/models/enums.js`), not the client, whose bundle takes about 200 ms to load. Read
 * once, on first use.
 */
import { closest } from '../text/closest';
import { installedPackage, readDataExport } from './package-data';

/** The package the instance types come from. */
export const INSTANCE_TYPE_DATA_PACKAGE = '@aws-sdk/client-ec2';

let instanceTypes: readonly string[] | undefined;
let instanceTypeSet: ReadonlySet<string> | undefined;

/** Every instance type of the EC2 API model, e.g. `t3.micro`, in the model's order. */
export function ec2InstanceTypes(): readonly string[] {
  if (!instanceTypes) {
    const values = Object.values(
      readDataExport({ packageName: INSTANCE_TYPE_DATA_PACKAGE, file: 'dist-es/models/enums.js', exportName: '_InstanceType' }) as Record<string, unknown>,
    );
    if (values.length === 0 || values.some((value) => typeof value !== 'string')) {
      throw new Error(`${instanceTypeDataSource()}: _InstanceType is not a list of instance type names`);
    }
    instanceTypes = values as string[];
  }
  return instanceTypes;
}

/** Which package and version the instance types come from, e.g. `@aws-sdk/client-ec2 3.1169.0`. */
export function instanceTypeDataSource(): string {
  return `${INSTANCE_TYPE_DATA_PACKAGE} ${installedPackage(INSTANCE_TYPE_DATA_PACKAGE).version}`;
}

/** Whether EC2 has the instance type `type`. */
export function isKnownInstanceType(type: string): boolean {
  instanceTypeSet ??= new Set(ec2InstanceTypes());
  return instanceTypeSet.has(type);
}

/** The known instance type nearest to `type` by edit distance, if close enough to be a typo of it. */
export function closestInstanceType(type: string): string | undefined {
  return closest(type, ec2InstanceTypes());
}

/** The sizes EC2 has of the family of `type` (`t3.nano`, `t3.micro`, … for `t3.huge`); empty for an unknown family. */
export function sizesOfFamily(type: string): string[] {
  const family = type.split('.')[0];
  return ec2InstanceTypes().filter((candidate) => candidate.split('.')[0] === family);
}
