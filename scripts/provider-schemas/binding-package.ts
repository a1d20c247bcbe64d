/**
 * A binding package fetched with `npm pack` into a scratch folder (never installed, never a
 * dependency of the project), and the few files of it the extraction reads, unpacked with `tar`.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

/** A binding package to read, and the provider release it must bind. */
export interface Binding {
  /** The package name, `@cdktf/provider-aws` or `@cdktn/provider-aws`. */
  readonly name: string;
  /** Its exact version. */
  readonly version: string;
  /** The provider release its package.json must name (`cdktf.provider.version`). */
  readonly provider: string;
}

/** A packed binding package, unpacked on demand. */
export interface PackedBinding {
  readonly binding: Binding;
  /** The folder the package's files are unpacked into (`<folder>/package/...`). */
  readonly folder: string;
  /** The tarball `npm pack` wrote. */
  readonly tarball: string;
}

/** Packing or unpacking failed: npm or tar is missing, the registry is unreachable, a file is not in the package. */
export class PackageSetupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PackageSetupError';
  }
}

/** `npm pack <name>@<version>` into its own folder under `scratch`. */
export function packBinding(binding: Binding, scratch: string): PackedBinding {
  const folder = fs.mkdtempSync(path.join(scratch, `${binding.name.replace(/[@/]/g, '_')}-${binding.version}-`));
  const spec = `${binding.name}@${binding.version}`;
  const result = npm(['pack', spec, '--pack-destination', folder, '--json', '--silent', '--ignore-scripts'], folder);
  if (result.status !== 0) throw new PackageSetupError(`npm pack ${spec} failed (${exitOf(result)})${tail(npmError(result.stdout) ?? result.stderr)}`);
  let filename: string | undefined;
  try {
    filename = (JSON.parse(result.stdout) as Array<{ filename?: string }>)[0]?.filename;
  } catch {
    // reported below
  }
  const tarball = filename ? path.join(folder, path.basename(filename)) : '';
  if (!filename || !fs.existsSync(tarball)) throw new PackageSetupError(`npm pack ${spec} wrote no tarball into ${folder}${tail(result.stdout)}`);
  return { binding, folder, tarball };
}

/** Unpacks `files` (paths inside the package, `lib/instance/index.js`) of a packed binding; returns their paths. */
export function unpack(packed: PackedBinding, files: readonly string[]): string[] {
  const members = files.map((file) => `package/${file}`);
  const result = spawnSync('tar', ['-xzf', packed.tarball, '-C', packed.folder, ...members], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw new PackageSetupError(`tar could not run (${result.error.message}): it is needed to unpack ${path.basename(packed.tarball)}`);
  if (result.status !== 0) throw new PackageSetupError(`tar -xzf ${path.basename(packed.tarball)} failed (${exitOf(result)})${tail(result.stderr)}`);
  return members.map((member) => {
    const file = path.join(packed.folder, member);
    if (!fs.existsSync(file)) throw new PackageSetupError(`${packed.binding.name}@${packed.binding.version} has no ${member.slice('package/'.length)}`);
    return file;
  });
}

/** npm as the running npm (`npm run` sets `npm_execpath`), else the `npm` on PATH. */
function npm(args: readonly string[], cwd: string) {
  const execPath = process.env.npm_execpath;
  const [command, commandArgs] =
    execPath && /\.[cm]?js$/.test(execPath) ? [process.execPath, [execPath, ...args]] : [process.platform === 'win32' ? 'npm.cmd' : 'npm', [...args]];
  const result = spawnSync(command, commandArgs, {
    cwd,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    shell: process.platform === 'win32' && command === 'npm.cmd',
  });
  if (result.error) throw new PackageSetupError(`npm could not run (${result.error.message}): it is needed to fetch the binding packages`);
  return result;
}

/** The `error.summary` (and `detail`) npm prints as JSON with `--json`, if it did. */
function npmError(stdout: string): string | undefined {
  try {
    const error = (JSON.parse(stdout) as { error?: { summary?: string; detail?: string } }).error;
    return error ? [error.summary, error.detail].filter(Boolean).join('\n') : undefined;
  } catch {
    return undefined;
  }
}

function exitOf(result: { status: number | null; signal: NodeJS.Signals | null }): string {
  return result.status === null ? `killed by ${result.signal}` : `exit code ${result.status}`;
}

function tail(text: string | null | undefined): string {
  const lines = (text ?? '').trim().split('\n').filter(Boolean).slice(-10);
  return lines.length ? `:\n${lines.join('\n')}` : '';
}
