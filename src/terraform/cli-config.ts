import * as fs from 'fs';
import * as path from 'path';

/** The provider served from the mirror; every other provider would be fetched from its registry. */
export const MIRRORED_PROVIDER = 'registry.terraform.io/hashicorp/aws';

/** The file name of the generated CLI configuration. */
export const CLI_CONFIG_FILE_NAME = 'terraform.tfrc';

/** What the generated CLI configuration points Terraform at. */
export interface CliConfigOptions {
  /** The filesystem mirror's root (the folder holding `registry.terraform.io/`). */
  readonly mirrorPath: string;
  /**
   * A plugin cache shared by every `terraform init` using this file; created when missing.
   * Worth it for a packed (.zip) mirror, which Terraform otherwise extracts on every init. An
   * unpacked mirror is symlinked into `.terraform/` directly, so a cache would only add a copy.
   * The cache is not safe for concurrent `terraform init` runs (Terraform docs), so do not share
   * one between processes.
   */
  readonly pluginCacheDir?: string;
}

/**
 * Writes a Terraform CLI configuration file into `dir` that installs the AWS provider from the
 * filesystem mirror only (never the network) and everything else directly, and returns its path.
 * Point `TF_CLI_CONFIG_FILE` at it. `fileName` @default terraform.tfrc
 */
export function writeCliConfig(dir: string, options: CliConfigOptions, fileName: string = CLI_CONFIG_FILE_NAME): string {
  const lines: string[] = [];
  if (options.pluginCacheDir) {
    const cacheDir = path.resolve(options.pluginCacheDir);
    fs.mkdirSync(cacheDir, { recursive: true });
    lines.push(`plugin_cache_dir = ${hclString(cacheDir)}`, '');
  }
  lines.push(
    'provider_installation {',
    '  filesystem_mirror {',
    `    path    = ${hclString(path.resolve(options.mirrorPath))}`,
    `    include = [${hclString(MIRRORED_PROVIDER)}]`,
    '  }',
    '  direct {',
    `    exclude = [${hclString(MIRRORED_PROVIDER)}]`,
    '  }',
    '}',
  );
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(path.resolve(dir), fileName);
  fs.writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

/** A double-quoted string for the CLI config (HCL 1): JSON's escapes (`\\`, `\"`) are valid there. */
function hclString(value: string): string {
  return JSON.stringify(value);
}
