import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { TerraformUnavailableError } from './terraform-unavailable-error';
import { MIN_TERRAFORM_VERSION } from '../terraform-requirements';

const INSTALL_HINT = `install Terraform >= ${MIN_TERRAFORM_VERSION.replace(/\.0$/, '')} or set TERRAFORM_BINARY to its path`;

/** Where to look: defaults to the current process's environment and platform. */
export interface FindTerraformOptions {
  readonly env?: NodeJS.ProcessEnv;
  readonly platform?: NodeJS.Platform;
}

/**
 * The absolute path of the `terraform` binary: `TERRAFORM_BINARY` when set (relative paths
 * resolve against the current directory), else the first executable `terraform` on `PATH`.
 * Throws {@link TerraformUnavailableError} when there is none.
 */
export function findTerraform(options: FindTerraformOptions = {}): string {
  const env = options.env ?? process.env;
  const platform = options.platform ?? process.platform;
  const explicit = env.TERRAFORM_BINARY;
  if (explicit) {
    const binary = path.resolve(explicit);
    if (!isExecutableFile(binary, platform)) {
      throw new TerraformUnavailableError(`Terraform not found: TERRAFORM_BINARY is ${binary}, which is not an executable file; ${INSTALL_HINT}`);
    }
    return binary;
  }
  const found = searchPath(env, platform);
  if (!found) throw new TerraformUnavailableError(`Terraform not found on PATH: ${INSTALL_HINT}`);
  return found;
}

/**
 * Runs `terraform version -json` and returns the version, throwing
 * {@link TerraformUnavailableError} when the binary does not run or is older than
 * {@link MIN_TERRAFORM_VERSION}.
 */
export function requireSupportedTerraform(binary: string, env: NodeJS.ProcessEnv = process.env): string {
  const result = spawnSync(binary, ['version', '-json'], { env, encoding: 'utf8', timeout: 30_000 });
  let version: string | undefined;
  try {
    version = (JSON.parse(result.stdout ?? '') as { terraform_version?: string }).terraform_version;
  } catch {
    version = undefined;
  }
  if (result.error || result.status !== 0 || !version) {
    const reason = result.error?.message ?? `exit code ${result.status ?? result.signal}`;
    throw new TerraformUnavailableError(`Terraform at ${binary} did not run \`terraform version -json\` (${reason}): ${INSTALL_HINT}`);
  }
  if (compareVersions(version, MIN_TERRAFORM_VERSION) < 0) {
    throw new TerraformUnavailableError(`Terraform at ${binary} is ${version}, too old: ${INSTALL_HINT}`);
  }
  return version;
}

/** Compares dotted numeric versions (`1.11.4` vs `1.10.0`); pre-release suffixes are ignored. */
function compareVersions(a: string, b: string): number {
  const parts = (v: string) =>
    v
      .split(/[-+]/)[0]
      .split('.')
      .map((n) => Number.parseInt(n, 10) || 0);
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const diff = (x[i] ?? 0) - (y[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

/** The first `terraform` (with a `PATHEXT` extension on Windows) in the `PATH` folders. */
function searchPath(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string | undefined {
  const pathValue = env.PATH ?? env.Path ?? '';
  const separator = platform === 'win32' ? ';' : ':';
  const names =
    platform === 'win32'
      ? (env.PATHEXT ?? '.EXE;.CMD;.BAT;.COM')
          .split(';')
          .filter(Boolean)
          .map((ext) => `terraform${ext.toLowerCase()}`)
      : ['terraform'];
  for (const dir of pathValue.split(separator)) {
    if (!dir) continue;
    for (const name of names) {
      const candidate = path.resolve(dir, name);
      if (isExecutableFile(candidate, platform)) return candidate;
    }
  }
  return undefined;
}

function isExecutableFile(file: string, platform: NodeJS.Platform): boolean {
  try {
    if (!fs.statSync(file).isFile()) return false;
    if (platform !== 'win32') fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
