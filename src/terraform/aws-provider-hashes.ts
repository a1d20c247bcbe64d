/**
 * The package hashes of the AWS provider the lock files record, per platform, as `terraform
 * providers lock -fs-mirror=<mirror> -platform=<platform>` computes them (`h1:`, the hash of the
 * package's contents). Written by `npm run lock`; a Terraform test checks them against the mirror.
 * A platform that is not here is added with `npm run lock -- --platform <os_arch>` from a mirror
 * (or the registry) that has it.
 */
export const AWS_PROVIDER_HASHES: Readonly<Record<string, string>> = {
  linux_amd64: 'h1:edXOJWE4ORX8Fm+dpVpICzMZJat4AX0VRCAy/xkcOc0=',
};
