/**
 * The AWS provider settings that let `terraform plan` run with no AWS account: fake credentials
 * and no calls to STS, IMDS or the region list. Only tests use them (the harness's offline
 * override file and the generated modules' default-tags test); deployable output never does.
 */
export const OFFLINE_PROVIDER_SETTINGS = {
  access_key: 'test',
  secret_key: 'test',
  skip_credentials_validation: true,
  skip_requesting_account_id: true,
  skip_metadata_api_check: true,
  skip_region_validation: true,
} as const;

/** The settings as HCL attribute lines (`access_key = "test"`), unaligned. */
export function offlineProviderLines(): string[] {
  return Object.entries(OFFLINE_PROVIDER_SETTINGS).map(([name, value]) => `${name} = ${JSON.stringify(value)}`);
}
