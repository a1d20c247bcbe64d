/**
 * The region a plan made with the AWS provider 6.x gives its provider where the configuration
 * does not: in 6.x every regional resource has a `region` argument (IAM's resources are global
 * and have none), which Terraform plans as the region of the resource's provider unless the
 * resource sets its own. So a plan whose provider takes its region from `AWS_REGION` or a
 * profile at plan time still says it, on each such resource; a 5.x plan does not.
 */
import type { ConfiguredResource } from './plan-json';
import { ownRegionOf } from './resource-values';

/** A planned resource, with its configuration when the plan has it. */
export interface PlannedRegionSource {
  /** Its planned values. */
  readonly values: Readonly<Record<string, unknown>>;
  /** Its resource in the plan's configuration. */
  readonly configured?: ConfiguredResource;
}

/**
 * The region the provider `providerKey` (a key of the plan's `provider_config`, `aws`) deploys
 * to, as its resources' planned `region` says: that of the first resource that uses the provider
 * and does not set `region` itself. `undefined` when no resource says it (a 5.x plan, a plan of
 * IAM resources only, or every resource sets its own region).
 */
export function plannedProviderRegion(resources: readonly PlannedRegionSource[], providerKey: string): string | undefined {
  for (const { values, configured } of resources) {
    if (configured?.provider_config_key !== providerKey || configured.expressions?.region !== undefined) continue;
    const region = ownRegionOf(values);
    if (region !== undefined) return region;
  }
  return undefined;
}
