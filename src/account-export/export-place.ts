/**
 * Where an export comes from: its one account (from the ARNs of its roles, customer-managed
 * policies and instance profiles) and its region (from the availability zones of its instances,
 * where they agree).
 */
import { splitArn } from '../iam/arn';
import { isKnownRegion } from '../facts/aws-regions';
import { SpecError } from '../spec/spec-error';
import type { AuthorizationDetails } from './authorization-model';
import type { ExportEc2Instance } from './ec2-model';
import { pushTo } from '../text/multimap';

/** The one account the ARNs of `details` name; an export of several accounts, or of none, is an error on its first page. */
export function accountOfExport(details: AuthorizationDetails): string {
  const arns = [
    ...details.roles.map((role) => role.arn),
    ...details.policies.filter((policy) => !policy.awsManaged).map((policy) => policy.arn),
    ...details.instanceProfiles.map((profile) => profile.arn),
  ];
  const accounts = [
    ...new Set(arns.map((arn) => splitArn(arn)?.account).filter((account): account is string => account !== undefined && /^\d{12}$/.test(account))),
  ];
  const file = details.files[0];
  if (accounts.length === 0)
    throw new SpecError(file, [{ path: [], message: 'no ARN of the export names an account (it holds no role, customer-managed policy or instance profile)' }]);
  if (accounts.length > 1)
    throw new SpecError(file, [
      {
        path: [],
        message: `the ARNs name ${accounts.length} accounts (${accounts.sort().join(', ')}); import one account's export at a time (pass the pages of one export)`,
      },
    ]);
  return accounts[0];
}

/** The region of an availability zone (`us-east-1a` → `us-east-1`, `us-west-2-lax-1a` → `us-west-2`); `undefined` when it names none. */
export function regionOfZone(zone: string): string | undefined {
  const region = /^[a-z]{2}(?:-[a-z]+)+-\d+/.exec(zone)?.[0];
  return region !== undefined && isKnownRegion(region) ? region : undefined;
}

/** The region the instances' zones agree on, or why there is none. */
export type ExportRegion = { readonly region: string } | { readonly region?: undefined; readonly why: string };

/** The region of `instances`: the one all their availability zones are in. */
export function regionOfInstances(instances: readonly ExportEc2Instance[]): ExportRegion {
  const zones = instances.filter((instance) => instance.availabilityZone !== undefined);
  if (!zones.length) return { why: instances.length ? 'no instance has an availability zone' : 'no instances were given (--instances)' };
  const byRegion = new Map<string, string[]>();
  for (const instance of zones) {
    const region = regionOfZone(instance.availabilityZone!) ?? `(zone ${instance.availabilityZone})`;
    pushTo(byRegion, region, instance.instanceId);
  }
  const regions = [...byRegion.keys()].sort();
  if (regions.length === 1 && !regions[0].startsWith('(')) return { region: regions[0] };
  return { why: `the instances' availability zones are in ${regions.map((region) => `${region} (${byRegion.get(region)!.join(', ')})`).join(', ')}` };
}
