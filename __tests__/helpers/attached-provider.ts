/**
 * AWS providers that Terraform commands attach to instead of starting the provider themselves.
 *
 * Terraform starts the provider, a 700 MB program, for every graph walk of every command: a
 * plan starts it three times, `validate` twice, `show -json` once, each run of `terraform test`
 * two or three times. Each start costs about 0.2 s of CPU before the provider answers anything,
 * and Terraform's side of each start as much again: half the CPU of such a command. Started in
 * the provider's debug mode and named to Terraform in `TF_REATTACH_PROVIDERS` (how
 * terraform-plugin-testing runs the providers' own acceptance tests against real Terraform), one
 * process of the same binary answers every walk of a command, or of many commands.
 *
 * The AWS provider cannot be configured twice in one process (the second `ConfigureProvider`
 * fails: "unable to add custom RootCAs HTTPClient"), so:
 *
 * - Commands that never configure the provider share one process per test worker: `validate`,
 *   `show -json`, `providers schema -json`, and `terraform test` files whose runs use mock
 *   providers only (a mock sends the real provider its schema and validation requests, nothing
 *   else).
 * - A plan of a configuration with one AWS provider configuration gets a process of its own,
 *   stopped after it.
 * - A plan with more configurations than one, test files with a real provider, `init`, and every
 *   command started by cdktf or by the program start the provider themselves, as a user's
 *   Terraform does.
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { testRunCacheDir } from './test-run-cache';

/** How long a provider started in debug mode may take to print where it listens. */
const START_TIMEOUT_MS = 30_000;

/** The name of a file that names a started provider by its process id ({@link pidFile}). */
const PID_FILE = /^attached-provider-(\d+)\.pid$/;

/** A `provider "aws"` block in an HCL file (a `.tf` file or a `terraform test` file). */
const AWS_PROVIDER_BLOCK = /^provider\s+"aws"/m;

/** `TF_REATTACH_PROVIDERS` of the provider started for each binary (by real path), in this process. */
const shared = new Map<string, string>();

/**
 * The environment that makes Terraform, in the initialized root `dir`, attach to this process's
 * AWS provider (started on first use) instead of starting the one installed there: the same
 * binary, by its real path. Empty when `dir` has no single AWS provider installed (a root not
 * initialized, or with no AWS provider): Terraform then starts or misses it as it would anyway.
 * Only for commands that never configure the provider.
 */
export function attachedProviderVariables(dir: string): Record<string, string> {
  const binary = installedAwsProvider(dir);
  if (!binary) return {};
  let reattach = shared.get(binary);
  if (!reattach) {
    const provider = startInDebugMode(binary);
    process.on('exit', () => stopAttachedProvider(provider.pid));
    reattach = provider.reattach;
    shared.set(binary, reattach);
  }
  return { TF_REATTACH_PROVIDERS: reattach };
}

/**
 * Runs `command` (given the environment to run Terraform with in the initialized root `dir`)
 * attached to an AWS provider started for it alone and stopped after it: for a command that
 * configures the provider once, a plan. A configuration with more than one AWS provider
 * configuration (an `alias`, or a provider block in more than one of its modules) would
 * configure it twice: its command runs as it is, with an empty environment, as does one in a
 * root with no single AWS provider installed.
 */
export function withOwnProvider<T>(dir: string, command: (variables: Record<string, string>) => T): T {
  const binary = installedAwsProvider(dir);
  if (!binary || !configuresAwsProviderOnce(dir)) return command({});
  const provider = startInDebugMode(binary);
  try {
    return command({ TF_REATTACH_PROVIDERS: provider.reattach });
  } finally {
    stopAttachedProvider(provider.pid);
    fs.rmSync(pidFile(provider.pid), { force: true });
  }
}

/**
 * Whether a `terraform test` file may run attached: it configures no real AWS provider (no
 * `provider "aws"` block), so its runs use mock providers only.
 */
export function usesMockProvidersOnly(testFile: string): boolean {
  return !AWS_PROVIDER_BLOCK.test(testFile);
}

/**
 * Whether the initialized root `dir` has at most one AWS provider configuration: no `alias`,
 * and `provider "aws"` in one of its modules at most (the modules `init` recorded, each
 * folder's `.tf` and `.tf.json` files; override files merge into a block, they add none).
 */
function configuresAwsProviderOnce(dir: string): boolean {
  let configuring = 0;
  for (const folder of moduleFolders(dir)) {
    const texts = listed(folder)
      .filter((file) => /\.tf(\.json)?$/.test(file))
      .map((file) => [file, fs.readFileSync(path.join(folder, file), 'utf8')] as const);
    if (texts.some(([, text]) => /^\s*alias\s*=|"alias"\s*:/m.test(text))) return false;
    const configures = texts.some(([file, text]) =>
      file.endsWith('.json') ? /"provider"\s*:\s*\{[^}]*"aws"\s*:/.test(text) : !/(^|_)override\.tf$/.test(file) && AWS_PROVIDER_BLOCK.test(text),
    );
    if (configures) configuring++;
  }
  return configuring <= 1;
}

/** The folders of the root `dir`'s modules, itself included, as `terraform init` recorded them. */
function moduleFolders(dir: string): string[] {
  const manifest = path.join(dir, '.terraform', 'modules', 'modules.json');
  if (!fs.existsSync(manifest)) return [dir];
  const { Modules } = JSON.parse(fs.readFileSync(manifest, 'utf8')) as { Modules: Array<{ Dir: string }> };
  return [...new Set(Modules.map((module) => path.resolve(dir, module.Dir)))];
}

/** The real path of the AWS provider `terraform init` installed in `dir`, if it installed exactly one. */
export function installedAwsProvider(dir: string): string | undefined {
  const base = path.join(dir, '.terraform', 'providers', 'registry.terraform.io', 'hashicorp', 'aws');
  const folders = listed(base).flatMap((version) => listed(path.join(base, version)).map((platform) => path.join(base, version, platform)));
  if (folders.length !== 1) return undefined;
  const binaries = listed(folders[0]).filter((file) => file.startsWith('terraform-provider-aws'));
  return binaries.length === 1 ? fs.realpathSync(path.join(folders[0], binaries[0])) : undefined;
}

function listed(dir: string): string[] {
  try {
    return fs.readdirSync(dir);
  } catch {
    return [];
  }
}

/** The file in the run's cache folder that names a started provider by its process id, for the global teardown. */
function pidFile(pid: number): string {
  return path.join(testRunCacheDir(), `attached-provider-${pid}.pid`);
}

/**
 * Starts `binary` with `-debug` (it then serves until stopped) and returns its process id and
 * the `TF_REATTACH_PROVIDERS` value it prints. Its id is left in the run's cache folder for the
 * global teardown, should this process be killed before it stops the provider.
 */
function startInDebugMode(binary: string): { readonly pid: number; readonly reattach: string } {
  const cache = testRunCacheDir();
  fs.mkdirSync(cache, { recursive: true });
  const output = path.join(cache, `attached-provider-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}.out`);
  const fd = fs.openSync(output, 'w');
  const child = spawn(binary, ['-debug'], { stdio: ['ignore', fd, fd] });
  fs.closeSync(fd);
  child.unref();
  const pid = child.pid!;
  fs.writeFileSync(pidFile(pid), binary);
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    const printed = fs.readFileSync(output, 'utf8');
    const reattach = /TF_REATTACH_PROVIDERS='([^']+)'/.exec(printed)?.[1];
    if (reattach) {
      // The provider goes on writing its log to the file: it is not read again.
      fs.rmSync(output, { force: true });
      return { pid, reattach };
    }
    if (Date.now() > deadline) {
      stopAttachedProvider(pid);
      throw new Error(
        `the AWS provider started in debug mode (${binary} -debug) said nothing of where it listens within ${START_TIMEOUT_MS / 1000} s:\n${printed}`,
      );
    }
    // Synchronous callers (the runner's commands are): a short sleep, not an event-loop wait.
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
  }
}

/**
 * Stops a provider started in debug mode, by its process id, if it still runs: an interrupt,
 * on which it closes and removes its socket. Where `/proc` shows the process's command line, a
 * process that is not a provider (its id reused) is left alone.
 */
function stopAttachedProvider(pid: number): void {
  try {
    const cmdline = `/proc/${pid}/cmdline`;
    if (fs.existsSync('/proc/self/cmdline') && !fs.readFileSync(cmdline, 'utf8').includes('terraform-provider-aws')) return;
    process.kill(pid, 'SIGINT');
  } catch {
    // gone already
  }
}

/** Stops every provider a process of this run started in debug mode and left running (the global teardown's part). */
export function stopProvidersLeftIn(cache: string): void {
  for (const name of listed(cache)) {
    const pid = Number(PID_FILE.exec(name)?.[1]);
    if (pid) stopAttachedProvider(pid);
  }
}
