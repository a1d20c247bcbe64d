/**
 * The AWS provider that the tests' Terraform commands attach to instead of starting it
 * themselves (`TF_REATTACH_PROVIDERS`, how terraform-plugin-testing runs the providers' own
 * acceptance tests against real Terraform): one `./provider-proxy.js` per jest worker and
 * provider binary, for all the worker's test files, in front of the real provider started in
 * its debug mode.
 *
 * Terraform starts the provider, a 700 MB program, for every graph walk of every command: a
 * plan starts it three times, `validate` twice, `show -json` once, each run of `terraform test`
 * two or three times, about 0.2 s of CPU a start on each side. And every command asks it for its
 * schema, some 4.9 MB for 1,500 resource types, which takes the provider half a second to build
 * and Terraform a second to decode. Attached, one process answers every walk of many commands;
 * the proxy asks the schema once and hands Terraform the schemas of the resource types the
 * project and its tests name ({@link keptTypes}); a configuration's commands read no others.
 * `terraform providers schema -json`, which prints every type's, runs unattached.
 *
 * The calls of a provider configuration that is configured (a plan's, a `terraform test` run's
 * with a real provider) go to a few processes of the proxy that take turns, each configured for
 * the configuration whose call it serves (./provider-proxy.js says why that is sound). The runner's own tests, the
 * commands started by cdktf's CLI or by the program, and `terraform providers schema -json`
 * start the provider themselves, as a user's Terraform does.
 */
import { spawn } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { AWS_PROVIDER_VERSION, type ProviderMirror, terraformPlatform } from '../../src/terraform';
import { isProcessAlive } from '../../src/is-process-alive';
import { sleepSync } from '../../src/output/sleep-sync';
import { testRunCacheDir } from './test-run-cache';

/** How long the proxy may take to print where it listens (it starts the provider first). */
const START_TIMEOUT_MS = 30_000;

/** The name of a file that names a started process (a proxy, a provider) by its id ({@link pidFile}). */
const PID_FILE = /^attached-provider-(\d+)\.pid$/;

/** The proxy, a plain Node program run as its own process. */
const PROXY = path.join(__dirname, 'provider-proxy.js');

/** Where the project's and its tests' sources are, read for the resource types they name. */
const SOURCES = ['src', '__tests__'].map((folder) => path.join(__dirname, '..', '..', folder));

/** A name that may be an AWS resource, data source or ephemeral resource type (`aws_iam_role`). */
const AWS_TYPE_NAME = /\baws_[a-z0-9_]+\b/g;

/**
 * The environment that makes Terraform, in the root `dir`, attach to this worker's proxy for the
 * AWS provider installed there, or else (or with no `dir`) for the one in `mirror` when it is
 * unpacked (started on first use; the same binary, by its real path). Empty when there is no
 * such binary: Terraform then starts or misses the provider as it would anyway.
 */
export function attachedProviderVariables(dir: string | undefined, mirror?: ProviderMirror): Record<string, string> {
  const binary = (dir && installedAwsProvider(dir)) || (mirror && mirroredAwsProvider(mirror));
  if (!binary) return {};
  return { TF_REATTACH_PROVIDERS: workerProxy(binary).reattach };
}

/** A started proxy: its process id and the `TF_REATTACH_PROVIDERS` value naming it. */
interface StartedProxy {
  readonly pid: number;
  readonly reattach: string;
}

/**
 * This worker's proxy for `binary` (by real path), started on first use and kept for the
 * worker's later test files (jest loads this module again for each): it is named in the run's
 * cache folder by the worker's process id and the binary. It stops when the worker is gone
 * (it watches its parent), or at the global teardown.
 */
function workerProxy(binary: string): StartedProxy {
  const key = createHash('sha256').update(binary).digest('hex').slice(0, 16);
  const record = path.join(testRunCacheDir(), `proxy-${process.pid}-${key}.json`);
  try {
    const known = JSON.parse(fs.readFileSync(record, 'utf8')) as StartedProxy;
    if (isProcessAlive(known.pid)) return known;
  } catch {
    // none started yet, or gone
  }
  const proxy = startProxy(binary);
  fs.writeFileSync(record, JSON.stringify(proxy));
  return proxy;
}

/**
 * The resource types whose schemas attached commands get: every `aws_…` name in the project's
 * and its tests' sources (the project's resource kinds, the tests' fixtures and hand-written
 * configurations). Bounded: files of at most 1 MB, in those two folders.
 */
export function keptTypes(): string[] {
  const names = new Set<string>();
  const visit = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(full);
      else if (entry.isFile() && fs.statSync(full).size <= 1_000_000)
        for (const [name] of fs.readFileSync(full, 'utf8').matchAll(AWS_TYPE_NAME)) names.add(name);
    }
  };
  for (const folder of SOURCES) visit(folder);
  return [...names].sort();
}

/** The real path of the AWS provider `terraform init` installed in `dir`, if it installed exactly one. */
export function installedAwsProvider(dir: string): string | undefined {
  const base = path.join(dir, '.terraform', 'providers', 'registry.terraform.io', 'hashicorp', 'aws');
  const folders = listed(base).flatMap((version) => listed(path.join(base, version)).map((platform) => path.join(base, version, platform)));
  return folders.length === 1 ? onlyAwsProviderIn(folders[0]) : undefined;
}

/** The real path of the AWS provider in an unpacked `mirror`, for this platform. */
export function mirroredAwsProvider(mirror: ProviderMirror): string | undefined {
  if (mirror.layout !== 'unpacked') return undefined;
  return onlyAwsProviderIn(path.join(mirror.path, 'registry.terraform.io', 'hashicorp', 'aws', AWS_PROVIDER_VERSION, terraformPlatform()));
}

/** The real path of the one AWS provider binary in `folder` (a `<version>/<platform>` folder), if it holds exactly one. */
function onlyAwsProviderIn(folder: string): string | undefined {
  const binaries = listed(folder).filter((file) => file.startsWith('terraform-provider-aws'));
  return binaries.length === 1 ? fs.realpathSync(path.join(folder, binaries[0])) : undefined;
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
 * Starts the proxy for `binary` (./provider-proxy.js) and returns its process id and the
 * `TF_REATTACH_PROVIDERS` value it prints. Its id is left in the run's cache folder for the
 * global teardown (the proxy leaves the ids of the providers it starts there too, and stops them
 * when it stops).
 */
function startProxy(binary: string): StartedProxy {
  const cache = testRunCacheDir();
  fs.mkdirSync(cache, { recursive: true });
  const unique = `${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`;
  const kept = path.join(cache, `kept-types-${unique}.json`);
  fs.writeFileSync(kept, JSON.stringify(keptTypes()));
  const output = path.join(cache, `attached-provider-${unique}.out`);
  const fd = fs.openSync(output, 'w');
  const child = spawn(process.execPath, [PROXY, binary, cache, kept], { stdio: ['ignore', fd, fd] });
  fs.closeSync(fd);
  child.unref();
  const pid = child.pid!;
  fs.writeFileSync(pidFile(pid), binary);
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    const printed = fs.readFileSync(output, 'utf8');
    const reattach = /^reattach=(.+)\n/m.exec(printed)?.[1];
    if (reattach) return { pid, reattach };
    // A whole line that is not it: the proxy's error, before it stops.
    const failed = /^(?!reattach=)[^\n]+\n/m.test(printed);
    if (failed || Date.now() > deadline) {
      stopAttachedProvider(pid);
      const why = failed ? 'failed to start' : `said nothing of where it listens within ${START_TIMEOUT_MS / 1000} s`;
      throw new Error(`the AWS provider's proxy (${PROXY} ${binary}) ${why}:\n${printed}`);
    }
    // Synchronous callers (the runner's commands are): a short sleep, not an event-loop wait.
    sleepSync(20);
  }
}

/**
 * Stops a proxy or a provider started in debug mode, by its process id, if it still runs: an
 * interrupt, on which a provider closes and removes its socket and a proxy stops its providers.
 * Where `/proc` shows the process's command line, a process that names no AWS provider (its id
 * reused) is left alone.
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

/** The process ids that the pid files in the run's cache folder `cache` name: the proxies and providers its processes started. */
export function startedProcessesIn(cache: string): number[] {
  return listed(cache)
    .map((name) => Number(PID_FILE.exec(name)?.[1]))
    .filter((pid) => pid > 0);
}

/** Stops every proxy and provider a process of this run started and left running (the global teardown's part). */
export function stopProvidersLeftIn(cache: string): void {
  for (const pid of startedProcessesIn(cache)) stopAttachedProvider(pid);
}
