/**
 * What the generated Terraform requires, and what the harness that runs Terraform needs: the
 * versions every root, module and test is written for, declared once.
 */
import type { TerraformStack } from 'cdktf';

/** The oldest Terraform release the generated roots and the harness support. */
export const MIN_TERRAFORM_VERSION = '1.10.0';

/**
 * The AWS provider version the `@cdktf/provider-aws` bindings were generated for, the one real
 * Terraform runs in the tests, and the one a root's seeded lock file records.
 */
export const AWS_PROVIDER_VERSION = '5.100.0';

/** The first AWS provider major the generated Terraform is not written for (it is proven against the schema snapshots of 5.x and 6.x only). */
export const AWS_PROVIDER_NEXT_UNPROVEN_MAJOR = 7;

/**
 * The provider constraint every root and module declares: 5.x from the bindings' version (the
 * newest 5.x, and the oldest release real Terraform proves the output on) through 6.x, so a
 * root can call these modules beside modules that require `>= 6.0` (terraform-aws-modules v6).
 * A root's lock file pins the exact version.
 */
export const AWS_PROVIDER_CONSTRAINT = `>= ${AWS_PROVIDER_VERSION}, < ${AWS_PROVIDER_NEXT_UNPROVEN_MAJOR}.0.0`;

/** The Terraform a root module needs: S3 native state locking (`use_lockfile`) came with 1.10. */
export const ROOT_TERRAFORM_VERSION = `>= ${MIN_TERRAFORM_VERSION}`;

/**
 * The Terraform a generated module needs: `terraform test` with mock providers needs 1.7, and
 * validation conditions that read other variables (a field filled by two variables) need 1.9.
 */
export const MODULE_TERRAFORM_VERSION = '>= 1.9.0';

/** The `terraform` block's requirements as Terraform JSON: `required_version`, and the AWS provider by its registry source with the constraint. */
export function terraformRequirements(requiredVersion: string): { required_version: string; required_providers: { aws: { source: string; version: string } } } {
  return { required_version: requiredVersion, required_providers: { aws: { source: 'hashicorp/aws', version: AWS_PROVIDER_CONSTRAINT } } };
}

/** Declares the requirements on a stack, in place of the exact `aws` pin cdktf writes. */
export function declareRequirements(stack: TerraformStack, requiredVersion: string): void {
  for (const [key, value] of Object.entries(terraformRequirements(requiredVersion))) stack.addOverride(`terraform.${key}`, value);
}
