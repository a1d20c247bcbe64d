/**
 * Where each synthesized resource comes from in the spec: the constructs record it, the
 * readers carry it, and findings use it to point at the spec rather than the Terraform.
 */
import type { FieldPath } from './field-path';

/** A path into the spec: `["profiles", 0, "role", "name"]`. */
export type SpecPath = FieldPath;

/** Where a resource came from in a spec, so that findings point at the spec rather than the Terraform. */
export interface ResourceOrigin {
  /** The profile the resource belongs to: `profiles[0]`, `fleets[0].items[17]` (its suppressions apply). */
  readonly profile: SpecPath;
  /** The spec field the resource was built from: `profiles[0].policies[1]`, `profiles[0].instance`. */
  readonly path: SpecPath;
  /**
   * Spec fields of the Terraform arguments that come from the spec, by argument path
   * (`policy` → `profiles[0].policies[1].document`, `root_block_device.encrypted` →
   * `profiles[0].instance.rootVolume.encrypted`). Arguments the constructs set themselves are
   * not listed: findings about them point at the Terraform address.
   */
  readonly arguments: Readonly<Record<string, SpecPath>>;
}
