import * as path from 'path';
import { CLI_CONFIG_FILE_NAME, writeCliConfig } from '../terraform/cli-config';
import { findProviderMirror, type ProviderMirror } from '../terraform/find-provider-mirror';
import { TerraformUnavailableError } from '../terraform/terraform-unavailable-error';
import { AWS_PROVIDER_VERSION } from '../terraform-requirements';

/** Where the terraformrc command writes by default. */
export const DEFAULT_TERRAFORMRC_FILE = CLI_CONFIG_FILE_NAME;

/**
 * `terraformrc`: finds a filesystem mirror holding the AWS provider the seeded lock files
 * record, writes a Terraform CLI configuration that installs it from there (every other
 * provider from its registry) to `file`, and prints how to point Terraform at it. False (after
 * saying why) when no mirror holds it or the file cannot be written.
 */
export function runTerraformrc(file: string, log: (line: string) => void, print: (line: string) => void): boolean {
  let mirror: ProviderMirror;
  let written: string;
  try {
    mirror = findProviderMirror();
    written = writeCliConfig(path.dirname(path.resolve(file)), { mirrorPath: mirror.path }, path.basename(file));
  } catch (error) {
    const reason = error instanceof TerraformUnavailableError ? error.message : `cannot write ${file}: ${(error as Error).message}`;
    console.error(`error: ${reason}`);
    return false;
  }
  log(`wrote ${file}: hashicorp/aws ${AWS_PROVIDER_VERSION} from the mirror in ${mirror.path} (${mirror.layout})`);
  print(`export TF_CLI_CONFIG_FILE='${written.replace(/'/g, "'\\''")}'`);
  return true;
}
