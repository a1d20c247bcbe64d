import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { writeCliConfig } from './cli-config';
import { AWS_PROVIDER_VERSION, findProviderMirror, ProviderMirror } from './find-provider-mirror';
import { findTerraform, requireSupportedTerraform } from './find-terraform';
import { TerraformUnavailableError } from './terraform-unavailable-error';
import { isProcessAlive } from '../is-process-alive';

/** How long one Terraform command may run before it is killed. */
export const TERRAFORM_TIMEOUT_MS = 120_000;

/** How many lines of Terraform's error output a {@link TerraformCommandError} keeps. */
const ERROR_LINES = 20;

/** What {@link TerraformRunner.testMessages} runs and prints. */
export interface TestOptions {
  /** Each run's plan in the messages (`-verbose`). @default true */
  readonly verbose?: boolean;
  /** The test files to run, relative to the folder (`tests/module.tftest.hcl`): `-filter` for each. @default - every test file */
  readonly files?: readonly string[];
}

/** One diagnostic of `terraform validate -json`. */
export interface TerraformDiagnostic {
  readonly severity: 'error' | 'warning';
  readonly summary: string;
  readonly detail?: string;
  readonly range?: { readonly filename: string; readonly start: { readonly line: number; readonly column: number } };
}

/** The output of `terraform validate -json` (format 1.0). */
export interface TerraformValidation {
  readonly format_version: string;
  readonly valid: boolean;
  readonly error_count: number;
  readonly warning_count: number;
  readonly diagnostics: readonly TerraformDiagnostic[];
}

/** One entry of a plan's `resource_changes`. */
export interface TerraformResourceChange {
  readonly address: string;
  readonly type: string;
  readonly name: string;
  readonly change: {
    readonly actions: ReadonlyArray<'no-op' | 'create' | 'read' | 'update' | 'delete' | 'forget'>;
    readonly after?: unknown;
  };
}

/** The parts of `terraform show -json <plan>` the harness reads; the rest is kept untyped. */
export interface TerraformPlanJson {
  readonly format_version: string;
  readonly terraform_version: string;
  readonly resource_changes?: readonly TerraformResourceChange[];
  readonly [key: string]: unknown;
}

/** The parts of `terraform providers schema -json` the harness reads: each resource type's schema version. */
export interface TerraformProvidersSchema {
  readonly provider_schemas: Readonly<
    Record<string, { readonly resource_schemas?: Readonly<Record<string, { readonly version: number; readonly block: unknown }>> }>
  >;
}

/** A Terraform command that failed, timed out or printed unreadable output. */
export class TerraformCommandError extends Error {
  constructor(
    /** The command line, e.g. `terraform plan -no-color ...`. */
    readonly command: string,
    /** The exit code; `undefined` when killed (timeout) or not started. */
    readonly exitCode: number | undefined,
    /** The first lines of Terraform's error output, decorations removed. */
    readonly output: string,
    reason: string,
  ) {
    super(`${command} ${reason}${output ? `:\n${output}` : ''}`);
    this.name = 'TerraformCommandError';
  }
}

/** What {@link TerraformRunner.init} does. */
export interface InitOptions {
  /** Configure the stack's backend; `false` for a backend that is unreachable offline (S3, remote). @default true */
  readonly backend?: boolean;
}

interface RunResult {
  readonly status: number;
  readonly stdout: string;
}

/**
 * Runs Terraform offline: the AWS provider comes from a local filesystem mirror through a
 * generated CLI configuration. Create it with {@link TerraformRunner.create}.
 */
export class TerraformRunner {
  private static readonly instances = new Map<string, TerraformRunner>();

  /**
   * The runner for the current environment: finds the binary (`TERRAFORM_BINARY` or `PATH`) and
   * the provider mirror once, writes the CLI configuration into a temp folder of this process
   * (removed when it exits, or by a later run if the exit hook did not fire) and caches the
   * result per `TERRAFORM_BINARY` (else `PATH`) and `TF_PROVIDER_MIRROR`.
   * Throws {@link TerraformUnavailableError} (one line) when Terraform or the provider is missing.
   */
  static create(): TerraformRunner {
    const { TERRAFORM_BINARY, PATH, TF_PROVIDER_MIRROR } = process.env;
    const key = [TERRAFORM_BINARY ? `binary:${TERRAFORM_BINARY}` : `path:${PATH}`, TF_PROVIDER_MIRROR].join('\0');
    const cached = TerraformRunner.instances.get(key);
    if (cached) return cached;
    const binary = findTerraform();
    requireSupportedTerraform(binary);
    const mirror = findProviderMirror();
    const workDir = makeProcessDir();
    const cliConfigFile = writeCliConfig(workDir, {
      mirrorPath: mirror.path,
      pluginCacheDir: mirror.layout === 'packed' ? path.join(workDir, 'plugin-cache') : undefined,
    });
    const runner = new TerraformRunner(binary, mirror, cliConfigFile);
    TerraformRunner.instances.set(key, runner);
    return runner;
  }

  private constructor(
    /** Absolute path of the `terraform` binary. */
    readonly binary: string,
    /** The mirror the AWS provider is installed from. */
    readonly mirror: ProviderMirror,
    /** The generated CLI configuration (`TF_CLI_CONFIG_FILE`). */
    readonly cliConfigFile: string,
  ) {}

  /** The variables Terraform needs on top of the caller's environment. */
  terraformVariables(): Record<string, string> {
    return { TF_CLI_CONFIG_FILE: this.cliConfigFile, TF_IN_AUTOMATION: '1', CHECKPOINT_DISABLE: '1', TF_INPUT: '0' };
  }

  /** The environment Terraform runs with: `process.env` plus {@link terraformVariables}. */
  env(): NodeJS.ProcessEnv {
    return { ...process.env, ...this.terraformVariables() };
  }

  /** `terraform init` in `dir`, installing the AWS provider from the mirror. */
  init(dir: string, options: InitOptions = {}): void {
    this.run(dir, ['init', '-no-color', '-input=false', ...(options.backend === false ? ['-backend=false'] : [])]);
  }

  /**
   * The `h1:` hash `terraform providers lock` records for the AWS provider on `platform`, from
   * the mirror (in a scratch folder, removed afterwards).
   */
  providerHash(platform: string): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'provider-lock-'));
    try {
      fs.writeFileSync(
        path.join(dir, 'versions.tf.json'),
        JSON.stringify({ terraform: { required_providers: { aws: { source: 'hashicorp/aws', version: AWS_PROVIDER_VERSION } } } }),
      );
      this.run(dir, ['providers', 'lock', '-no-color', `-fs-mirror=${this.mirror.path}`, `-platform=${platform}`]);
      const hash = /"(h1:[^"]+)"/.exec(fs.readFileSync(path.join(dir, '.terraform.lock.hcl'), 'utf8'))?.[1];
      if (!hash) throw new Error(`terraform providers lock wrote no h1 hash for ${platform}`);
      return hash;
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }

  /** `terraform validate -json` in an initialized `dir`: the parsed result, valid or not. */
  validate(dir: string): TerraformValidation {
    const result = this.run(dir, ['validate', '-json', '-no-color'], [0, 1]);
    return this.parseJson<TerraformValidation>(dir, ['validate', '-json', '-no-color'], result.stdout);
  }

  /**
   * `terraform plan` in an initialized `dir`, saving the plan to `planFile` (relative to `dir`);
   * returns the plan's text. `refresh: false` plans against the state as it is (no provider reads).
   */
  plan(dir: string, planFile: string, options: { readonly refresh?: boolean } = {}): string {
    return this.run(dir, ['plan', '-no-color', '-input=false', '-lock=false', ...(options.refresh === false ? ['-refresh=false'] : []), `-out=${planFile}`])
      .stdout;
  }

  /** `terraform providers schema -json` in an initialized `dir`, parsed. */
  providersSchema(dir: string): TerraformProvidersSchema {
    const args = ['providers', 'schema', '-json'];
    return this.parseJson<TerraformProvidersSchema>(dir, args, this.run(dir, args).stdout);
  }

  /** `terraform show -json` of a saved plan (`planFile` relative to `dir`), parsed. */
  showJson(dir: string, planFile: string): TerraformPlanJson {
    const args = ['show', '-json', '-no-color', planFile];
    return this.parseJson<TerraformPlanJson>(dir, args, this.run(dir, args).stdout);
  }

  /** `terraform test` in an initialized `dir` (its `tests/` folder): the output; throws with Terraform's errors when a run fails. */
  test(dir: string): string {
    return this.run(dir, ['test', '-no-color']).stdout;
  }

  /**
   * `terraform test -json -verbose` in an initialized `dir`: Terraform's JSON view, one message
   * a line (each run's plan in its `test_plan` message; `verbose: false` leaves the plans out).
   * A run that fails (exit 1) is in the messages, not thrown; other errors throw as
   * {@link TerraformRunner.test}'s do.
   */
  testMessages(dir: string, options: TestOptions = {}): string {
    const filters = (options.files ?? []).map((file) => `-filter=${file}`);
    return this.run(dir, ['test', '-json', ...(options.verbose === false ? [] : ['-verbose']), ...filters, '-no-color'], [0, 1]).stdout;
  }

  /**
   * `terraform fmt -check` of a file or folder (`recursive` for subfolders too): the absolute
   * paths of the files that are not formatted, empty when all are. Throws on syntax errors.
   */
  fmtCheck(target: string, options: { readonly recursive?: boolean } = {}): string[] {
    const absolute = path.resolve(target);
    const isDir = fs.statSync(absolute).isDirectory();
    const cwd = isDir ? absolute : path.dirname(absolute);
    const args = ['fmt', '-check', '-list=true', '-no-color', ...(options.recursive ? ['-recursive'] : []), isDir ? '.' : path.basename(absolute)];
    const result = this.run(cwd, args, [0, 3]);
    return result.stdout
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean)
      .map((file) => path.resolve(cwd, file));
  }

  /** Runs Terraform in `cwd`; throws a {@link TerraformCommandError} unless the exit code is in `okCodes`. */
  private run(cwd: string, args: readonly string[], okCodes: readonly number[] = [0]): RunResult {
    const command = ['terraform', ...args].join(' ');
    const result = spawnSync(this.binary, args, {
      cwd,
      env: this.env(),
      encoding: 'utf8',
      timeout: TERRAFORM_TIMEOUT_MS,
      killSignal: 'SIGKILL',
      maxBuffer: 512 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    if (result.error) {
      const timedOut = (result.error as NodeJS.ErrnoException).code === 'ETIMEDOUT';
      if ((result.error as NodeJS.ErrnoException).code === 'ENOENT' && !fs.existsSync(this.binary)) {
        throw new TerraformUnavailableError(`Terraform not found: ${this.binary} is gone; install Terraform or set TERRAFORM_BINARY to its path`);
      }
      const reason = timedOut ? `timed out after ${TERRAFORM_TIMEOUT_MS / 1000} s in ${cwd}` : `could not run in ${cwd} (${result.error.message})`;
      throw new TerraformCommandError(command, undefined, firstLines(result.stderr || result.stdout), reason);
    }
    if (result.status === null || !okCodes.includes(result.status)) {
      const exit = result.status === null ? `killed by ${result.signal}` : `exit code ${result.status}`;
      throw new TerraformCommandError(command, result.status ?? undefined, firstLines(result.stderr || result.stdout), `failed in ${cwd} (${exit})`);
    }
    return { status: result.status, stdout: result.stdout };
  }

  private parseJson<T>(cwd: string, args: readonly string[], stdout: string): T {
    try {
      return JSON.parse(stdout) as T;
    } catch {
      throw new TerraformCommandError(['terraform', ...args].join(' '), 0, firstLines(stdout), `printed no JSON in ${cwd}`);
    }
  }
}

/**
 * Sets `TF_CLI_CONFIG_FILE` (and `TF_IN_AUTOMATION`, `CHECKPOINT_DISABLE`, `TF_INPUT`) in
 * `process.env`, so that Terraform started by other code, such as cdktf's `toBeValidTerraform()`
 * and `toPlanSuccessfully()` matchers, runs offline against the mirror. cdktf runs plain
 * `terraform` through `PATH`, so when `TERRAFORM_BINARY` names another binary called `terraform`,
 * its folder is put first on `PATH` (a binary with another name is not seen by cdktf). Returns the
 * runner; throws {@link TerraformUnavailableError} (one line) when Terraform or the provider is missing.
 */
export function applyTerraformEnvironment(): TerraformRunner {
  const runner = TerraformRunner.create();
  Object.assign(process.env, runner.terraformVariables());
  const onPath = tryFindOnPath();
  if (onPath !== runner.binary && /^terraform(\.exe)?$/i.test(path.basename(runner.binary))) {
    process.env.PATH = [path.dirname(runner.binary), process.env.PATH].filter(Boolean).join(path.delimiter);
  }
  return runner;
}

function tryFindOnPath(): string | undefined {
  try {
    return findTerraform({ env: { ...process.env, TERRAFORM_BINARY: undefined } });
  } catch {
    return undefined;
  }
}

const PROCESS_DIR_PREFIX = 'terraform-runner-';

/**
 * A new folder `terraform-runner-<pid>-*` under the OS temp dir, removed when the process exits.
 * Exit hooks do not fire everywhere (Jest gives tests a sandboxed `process`), so folders left by
 * processes that are gone are removed here too.
 */
function makeProcessDir(): string {
  const tmp = os.tmpdir();
  for (const name of safeReaddir(tmp)) {
    const pid = Number(new RegExp(`^${PROCESS_DIR_PREFIX}(\\d+)-`).exec(name)?.[1]);
    if (!pid || pid === process.pid || isProcessAlive(pid)) continue;
    try {
      fs.rmSync(path.join(tmp, name), { recursive: true, force: true });
    } catch {
      // another user's folder, or already gone
    }
  }
  const dir = fs.mkdtempSync(path.join(tmp, `${PROCESS_DIR_PREFIX}${process.pid}-`));
  process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function safeReaddir(dir: string): string[] {
  try {
    return fs.readdirSync(dir);
  } catch {
    return [];
  }
}

/** The first {@link ERROR_LINES} meaningful lines of Terraform's output, without the diagnostic box drawing. */
function firstLines(text: string | null | undefined): string {
  return (text ?? '')
    .split(/\r?\n/)
    .map((line) => line.replace(/^[│╷╵]\s?/, '').trimEnd())
    .filter((line) => line.trim() !== '')
    .slice(0, ERROR_LINES)
    .join('\n');
}
