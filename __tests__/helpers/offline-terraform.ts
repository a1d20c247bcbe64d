import * as fs from 'fs';
import * as path from 'path';
import type { AwsProviderConfig } from '@cdktf/provider-aws/lib/provider';
import type { GeneratedFiles } from '../../src/pipeline/synthesize';
import { applyTerraformEnvironment, TerraformRunner, type TerraformValidation } from '../../src/terraform';
import { OFFLINE_PROVIDER_SETTINGS, offlineProviderLines } from '../../src/terraform/offline-provider';
import { formatHcl } from '../../src/render/format-hcl';
import { tempDir } from './temp-dirs';

/**
 * The offline provider settings (see OFFLINE_PROVIDER_SETTINGS), as cdktf `providerOverrides`
 * for stacks built in tests, so the user's synthesized files never contain them.
 */
export const OFFLINE_PROVIDER: Partial<AwsProviderConfig> = {
  accessKey: OFFLINE_PROVIDER_SETTINGS.access_key,
  secretKey: OFFLINE_PROVIDER_SETTINGS.secret_key,
  skipCredentialsValidation: OFFLINE_PROVIDER_SETTINGS.skip_credentials_validation,
  skipRequestingAccountId: OFFLINE_PROVIDER_SETTINGS.skip_requesting_account_id,
  skipMetadataApiCheck: String(OFFLINE_PROVIDER_SETTINGS.skip_metadata_api_check),
  skipRegionValidation: OFFLINE_PROVIDER_SETTINGS.skip_region_validation,
};

/** The same settings as a Terraform override file (`*_override.tf` merges into the provider block). */
export const OFFLINE_PROVIDER_OVERRIDE = formatHcl(['provider "aws" {', ...offlineProviderLines(), '}'].join('\n'));

/** Terraform runs its commands this long at most per test. */
export const TERRAFORM_TEST_TIMEOUT_MS = 240_000;

/**
 * Copies one generated Terraform folder (`hcl/<stack>` or `json/<stack>`, with its fleet
 * modules and items) into a fresh working folder and adds the offline provider override.
 */
export function offlineWorkdir(files: GeneratedFiles, folder: string, prefix = 'tf-'): string {
  const dir = tempDir(prefix);
  for (const [file, content] of files) {
    if (!file.startsWith(`${folder}/`)) continue;
    const target = path.join(dir, file.slice(folder.length + 1));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, content);
  }
  fs.writeFileSync(path.join(dir, 'offline_override.tf'), OFFLINE_PROVIDER_OVERRIDE);
  return dir;
}

/**
 * Sets up a test file that runs Terraform: the long timeout, the offline Terraform environment
 * (a one-line failure of every test when Terraform or the provider mirror is missing).
 * Temporary folders come from `tempDir` (./temp-dirs), removed after the file's tests. Returns
 * the runner, available once the tests run.
 */
export function useOfflineTerraform(): () => TerraformRunner {
  jest.setTimeout(TERRAFORM_TEST_TIMEOUT_MS);
  let runner: TerraformRunner | undefined;
  beforeAll(() => {
    runner = applyTerraformEnvironment();
  });
  return () => runner!;
}

/**
 * `terraform validate` on several Terraform JSON configurations in one Terraform process: each
 * is a child module of one root (`module "<name>" { source = "./<name>" }`), so the provider is
 * started once, not once per configuration. Backends in the child modules are ignored, which
 * validate does anyway.
 */
export function validateTogether(terraform: TerraformRunner, configs: Readonly<Record<string, string>>): TerraformValidation {
  const dir = tempDir('validate-');
  for (const [name, json] of Object.entries(configs)) {
    fs.mkdirSync(path.join(dir, name));
    fs.writeFileSync(path.join(dir, name, 'main.tf.json'), json);
  }
  fs.writeFileSync(
    path.join(dir, 'main.tf.json'),
    JSON.stringify({ module: Object.fromEntries(Object.keys(configs).map((name) => [name, { source: `./${name}` }])) }),
  );
  terraform.init(dir);
  return terraform.validate(dir);
}
