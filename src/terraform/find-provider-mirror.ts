import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { AWS_PROVIDER_VERSION } from '../terraform-requirements';
import { TerraformUnavailableError } from './terraform-unavailable-error';

/** The AWS provider version the `@cdktf/provider-aws` 20.1.0 bindings target (`5.100.0`). */
export { AWS_PROVIDER_VERSION };

/** The provider's source address inside a mirror, as Terraform lays it out. */
const AWS_PROVIDER_DIR = ['registry.terraform.io', 'hashicorp', 'aws'] as const;

/** How a mirror stores the provider (see Terraform's `filesystem_mirror` docs). */
export type MirrorLayout = 'unpacked' | 'packed';

/** A Terraform filesystem mirror holding the wanted AWS provider. */
export interface ProviderMirror {
  /** Absolute path of the mirror's root (the folder holding `registry.terraform.io/`). */
  readonly path: string;
  /** `unpacked`: `<version>/<os>_<arch>/terraform-provider-aws_*`; `packed`: the release `.zip`. */
  readonly layout: MirrorLayout;
  /** How it was found: the env var, one of Terraform's implicit local mirrors, or the bounded search. */
  readonly source: 'TF_PROVIDER_MIRROR' | 'implicit' | 'search';
}

/** What to look for and where; every field defaults to the current process and machine. */
export interface FindProviderMirrorOptions {
  readonly env?: NodeJS.ProcessEnv;
  /** @default AWS_PROVIDER_VERSION */
  readonly version?: string;
  /** Terraform's platform name, e.g. `linux_amd64`. @default terraformPlatform() */
  readonly platform?: string;
  readonly homeDir?: string;
  /** Folders for the bounded search. @default defaultSearchRoots(homeDir) */
  readonly searchRoots?: readonly string[];
  /** Time budget of the bounded search in milliseconds. @default 500 */
  readonly searchBudgetMs?: number;
}

/**
 * Finds a filesystem mirror holding the AWS provider `version` for this platform, in order:
 * `TF_PROVIDER_MIRROR` (an error if set but without the provider), Terraform's implicit local
 * mirror folders, then a bounded search (depth 4, ~0.5 s) of the usual install locations.
 * Throws {@link TerraformUnavailableError} with a one-line message when none holds it.
 */
export function findProviderMirror(options: FindProviderMirrorOptions = {}): ProviderMirror {
  const env = options.env ?? process.env;
  const version = options.version ?? AWS_PROVIDER_VERSION;
  const platform = options.platform ?? terraformPlatform();
  const homeDir = options.homeDir ?? os.homedir();
  const layoutOf = (dir: string) => mirrorLayout(dir, version, platform);
  const wanted = `registry.terraform.io/hashicorp/aws/${version}/${platform}/`;

  const explicit = env.TF_PROVIDER_MIRROR;
  if (explicit) {
    const dir = path.resolve(explicit);
    const layout = layoutOf(dir);
    if (!layout) {
      throw new TerraformUnavailableError(
        `TF_PROVIDER_MIRROR is ${dir}, which holds no AWS provider ${version} for ${platform}: point it at a folder holding ${wanted} (or the packed .zip)`,
      );
    }
    return { path: dir, layout, source: 'TF_PROVIDER_MIRROR' };
  }

  for (const dir of implicitMirrorDirs(env, homeDir)) {
    const layout = layoutOf(dir);
    if (layout) return { path: dir, layout, source: 'implicit' };
  }

  const roots = options.searchRoots ?? defaultSearchRoots(homeDir);
  const found = searchMirror(roots, layoutOf, Date.now() + (options.searchBudgetMs ?? 500));
  if (found) return { ...found, source: 'search' };

  throw new TerraformUnavailableError(`AWS provider ${version} not found in any Terraform plugin mirror: set TF_PROVIDER_MIRROR to a folder holding ${wanted}`);
}

/** Terraform's name for a platform: `linux_amd64`, `darwin_arm64`, `windows_386`, ... */
export function terraformPlatform(platform: string = process.platform, arch: string = process.arch): string {
  const osName = platform === 'win32' ? 'windows' : platform;
  const archName = ({ x64: 'amd64', ia32: '386', arm64: 'arm64', arm: 'arm' } as Record<string, string>)[arch] ?? arch;
  return `${osName}_${archName}`;
}

/**
 * How `dir` holds the AWS provider `version` for `platform`, or `undefined` when it does not:
 * `unpacked` needs an executable-named file `terraform-provider-aws*` in `<version>/<platform>/`.
 */
export function mirrorLayout(dir: string, version: string, platform: string): MirrorLayout | undefined {
  const providerDir = path.join(dir, ...AWS_PROVIDER_DIR);
  try {
    const unpacked = path.join(providerDir, version, platform);
    if (fs.readdirSync(unpacked).some((name) => name.startsWith('terraform-provider-aws'))) return 'unpacked';
  } catch {
    // not unpacked; try packed
  }
  try {
    if (fs.statSync(path.join(providerDir, `terraform-provider-aws_${version}_${platform}.zip`)).isFile()) return 'packed';
  } catch {
    // not packed either
  }
  return undefined;
}

/**
 * Terraform's implicit local mirror folders for this OS, per the CLI docs ("Implied Local Mirror
 * Directories"), in Terraform's order and without duplicates.
 */
export function implicitMirrorDirs(env: NodeJS.ProcessEnv = process.env, homeDir: string = os.homedir()): string[] {
  const dirs: string[] = [];
  if (process.platform === 'win32') {
    if (env.APPDATA) dirs.push(path.join(env.APPDATA, 'terraform.d', 'plugins'), path.join(env.APPDATA, 'HashiCorp', 'Terraform', 'plugins'));
  } else if (process.platform === 'darwin') {
    dirs.push(
      path.join(homeDir, '.terraform.d', 'plugins'),
      path.join(homeDir, 'Library', 'Application Support', 'io.terraform', 'plugins'),
      path.join('/Library', 'Application Support', 'io.terraform', 'plugins'),
    );
  } else {
    dirs.push(path.join(homeDir, '.terraform.d', 'plugins'));
    const dataHome = env.XDG_DATA_HOME || path.join(homeDir, '.local', 'share');
    const dataDirs = (env.XDG_DATA_DIRS || '/usr/local/share:/usr/share').split(':').filter(Boolean);
    // The XDG defaults are listed explicitly too, so a custom XDG_* value does not hide them.
    for (const base of [dataHome, path.join(homeDir, '.local', 'share'), ...dataDirs, '/usr/local/share', '/usr/share']) {
      dirs.push(path.join(base, 'terraform', 'plugins'));
    }
  }
  return [...new Set(dirs.map((dir) => path.resolve(dir)))];
}

/** Where the bounded search looks: the usual places tools get installed, then the home folder. */
export function defaultSearchRoots(homeDir: string = os.homedir()): string[] {
  return ['/opt', '/usr/local', '/usr/share', '/srv', '/var/lib', homeDir];
}

/** Folders never worth descending into: huge, generated, or Terraform working dirs (symlinks into caches). */
const SKIPPED = new Set(['node_modules', '.git', '.terraform', 'proc', '.npm', '.cache']);

/** A `registry.terraform.io` folder is searched for at most this deep below a root. */
const MAX_DEPTH = 4;

/**
 * Breadth-first search below `roots` for a `registry.terraform.io` folder (at most
 * {@link MAX_DEPTH} deep) whose parent holds the provider. Symlinks are not followed; the
 * search gives up at `deadline` (a `Date.now()` value).
 */
function searchMirror(
  roots: readonly string[],
  layoutOf: (dir: string) => MirrorLayout | undefined,
  deadline: number,
): { path: string; layout: MirrorLayout } | undefined {
  let level = [...new Set(roots.map((root) => path.resolve(root)))];
  for (let depth = 1; depth <= MAX_DEPTH && level.length > 0; depth++) {
    const next: string[] = [];
    for (const dir of level) {
      if (Date.now() > deadline) return undefined;
      let entries: fs.Dirent[];
      try {
        entries = fs.readdirSync(dir, { withFileTypes: true });
      } catch {
        continue;
      }
      for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
        if (!entry.isDirectory() || SKIPPED.has(entry.name)) continue;
        if (entry.name === AWS_PROVIDER_DIR[0]) {
          const layout = layoutOf(dir);
          if (layout) return { path: dir, layout };
        } else if (depth < MAX_DEPTH) {
          next.push(path.join(dir, entry.name));
        }
      }
    }
    level = next;
  }
  return undefined;
}
