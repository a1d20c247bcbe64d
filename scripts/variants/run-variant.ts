/**
 * What every variant test does (`npm run test:cdktn`, `npm run test:aws6`): it copies the
 * project into a scratch folder with a rewritten package.json (variant-project.ts), installs it,
 * checks that the AWS provider bindings share the project's one copy of the CDK core,
 * synthesizes the examples (synth and module) with both builds and compares the output
 * (compare-output.ts), then runs the test suite (`npm test`: type-check and jest) on the
 * variant. It prints how long the install and the tests took and how large the install is.
 */
import { spawnSync, type SpawnSyncOptions } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { packageRoot } from '../../src/package-root';
import { compareOutput } from './compare-output';
import { installedBindings, writeVariantProject, type Manifest } from './variant-project';

/** One variant of the project. */
export interface Variant {
  /** The npm script that runs it, e.g. `test:cdktn`. */
  readonly script: string;
  /** Its short name, for the scratch folder and the messages, e.g. `cdktn`. */
  readonly name: string;
  /** The help page's first sentence: what it installs, with the exact versions. */
  readonly summary: readonly string[];
  /** The AWS provider version its bindings are generated for; the install is checked against it. */
  readonly providerVersion: string;
  /** More lines for the help page's options (environment variables), already indented. */
  readonly moreHelp?: readonly string[];
  /** The variant's package.json from the project's. */
  readonly manifest: (manifest: Manifest) => Manifest;
  /**
   * The Node.js binary to install and run the variant with, given the project's root; it throws
   * when there is none. @default this process's Node.js
   */
  readonly node?: (root: string, log: (line: string) => void) => string;
}

/** The specs synthesized by both builds: the built-in example and every example spec. */
const EXAMPLE_SPECS: ReadonlyArray<string | undefined> = [
  undefined,
  'examples/two-profiles.yaml',
  'examples/seed/spec.yaml',
  '__tests__/fixtures/fleet-module.yaml',
];

const OPTIONS = ['--no-tests', '--keep'];

function usage(variant: Variant): string {
  return [
    `usage: npm run ${variant.script} [-- --no-tests] [--keep]`,
    '',
    ...variant.summary,
    "It checks that the bindings share the project's one copy of the CDK core, compares what",
    'both builds synthesize for the examples, and runs the test suite (npm test) on the variant.',
    '',
    '  --no-tests   install and compare only',
    '  --keep       keep the scratch folder (its path is printed)',
    ...(variant.moreHelp ?? []),
    '',
    'Exit codes: 0 all passed, 1 the variant failed (two copies of the core, different output,',
    'a failed synth or test), 2 usage, 3 setup failed (no Node.js for it, npm install failed).',
  ].join('\n');
}

const log = (line: string) => process.stderr.write(`${line}\n`);

/** A step of the variant failed: exit 1. */
class VariantFailure extends Error {}

/** The variant could not be set up: exit 3. */
class SetupFailure extends Error {}

/** Runs a command; throws `failure` with the command, its exit status and its stderr (when piped) if it fails. */
function run(command: string, args: readonly string[], options: SpawnSyncOptions, failure: new (message: string) => Error): void {
  const result = spawnSync(command, args, { stdio: 'inherit', encoding: 'utf8', ...options });
  if (result.status !== 0) {
    const output = typeof result.stderr === 'string' && result.stderr.trim() ? `:\n${result.stderr.trim()}` : '';
    throw new failure(`${path.basename(command)} ${args.join(' ')} exited with ${result.status ?? result.signal}${output}`);
  }
}

/** Synthesizes every example with the project in `root` into `out`/<n>/{synth,module}. */
function synthesizeExamples(root: string, node: string, out: string, env: NodeJS.ProcessEnv): void {
  EXAMPLE_SPECS.forEach((spec, i) => {
    for (const command of ['synth', 'module']) {
      const target = path.join(out, String(i), command);
      const args = [path.join(root, 'bin/run.js'), 'cli', command, ...(spec ? [path.join(root, spec)] : []), '-o', target, '-q'];
      run(node, args, { cwd: root, env, stdio: ['ignore', 'ignore', 'pipe'] }, VariantFailure);
    }
  });
}

const seconds = (since: number) => `${Math.round((Date.now() - since) / 1000)} s`;

/** The size of a folder as `du -sh` has it, or undefined where there is no `du`. */
function diskSize(dir: string): string | undefined {
  const du = spawnSync('du', ['-sh', dir], { encoding: 'utf8' });
  return du.status === 0 ? du.stdout.split('\t')[0] : undefined;
}

/** Installs the variant in `dir`, then checks that its bindings load the project's copy of the core. */
function install(variant: Variant, dir: string, node: string, env: NodeJS.ProcessEnv): void {
  log(`installing the ${variant.name} variant...`);
  const started = Date.now();
  run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: dir, env }, SetupFailure);
  const size = diskSize(path.join(dir, 'node_modules'));
  log(`installed in ${seconds(started)}${size ? `, node_modules ${size}` : ''}`);
  const installed = installedBindings(dir, node);
  if (installed.problems.length) throw new VariantFailure(`two copies of the CDK core would be loaded:\n  ${installed.problems.join('\n  ')}`);
  if (installed.providerVersion !== variant.providerVersion)
    throw new VariantFailure(`${installed.bindings} binds the AWS provider ${installed.providerVersion}, not ${variant.providerVersion}`);
  log(`${installed.bindings} (AWS provider ${installed.providerVersion}) on ${installed.core}, one copy of each`);
}

/**
 * Runs `variant` with the command-line `args` (`--help`, `--no-tests`, `--keep`) and returns the
 * exit code: 0 all passed, 1 the variant failed, 2 usage, 3 setup failed.
 */
export function runVariant(variant: Variant, args: readonly string[]): number {
  const flags = new Set(args);
  if (flags.has('--help') || flags.has('-h')) return (console.log(usage(variant)), 0);
  const unknown = args.filter((arg) => !OPTIONS.includes(arg));
  if (unknown.length) return (log(`error: unknown option ${unknown[0]}\n\n${usage(variant)}`), 2);

  const root = packageRoot();
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), `${variant.name}-`));
  const dir = path.join(scratch, 'project');
  const env: NodeJS.ProcessEnv = { ...process.env, CHECKPOINT_DISABLE: '1' };
  try {
    let node: string;
    try {
      node = variant.node ? variant.node(root, log) : process.execPath;
    } catch (error) {
      throw new SetupFailure((error as Error).message);
    }
    // npm, and every script it runs, starts the Node.js first on PATH: the variant's.
    const variantEnv = { ...env, PATH: `${path.dirname(node)}${path.delimiter}${env.PATH}` };
    log(`${variant.name} variant in ${dir} (Node.js ${spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim()})`);
    writeVariantProject(root, dir, variant.manifest);
    install(variant, dir, node, variantEnv);

    log('synthesizing the examples with both builds...');
    synthesizeExamples(root, process.execPath, path.join(scratch, 'project-output'), env);
    synthesizeExamples(dir, node, path.join(scratch, 'variant-output'), variantEnv);
    const differences = compareOutput(path.join(scratch, 'project-output'), path.join(scratch, 'variant-output'));
    if (differences.length) throw new VariantFailure(`the ${variant.name} build's output differs from the project's:\n  ${differences.join('\n  ')}`);
    log(`same output: ${EXAMPLE_SPECS.length} specs, synth and module (HCL byte-identical, JSON apart from the recorded version)`);

    if (flags.has('--no-tests')) return 0;
    log(`running the test suite on the ${variant.name} variant...`);
    const started = Date.now();
    const tests = spawnSync('npm', ['test'], { cwd: dir, env: variantEnv, stdio: 'inherit' });
    log(`the test suite ${tests.status === 0 ? 'passed' : 'failed'} on the ${variant.name} variant in ${seconds(started)}`);
    return tests.status === 0 ? 0 : 1;
  } catch (error) {
    log(`error: ${(error as Error).message}`);
    return error instanceof VariantFailure ? 1 : 3;
  } finally {
    if (flags.has('--keep')) log(`kept ${scratch}`);
    else fs.rmSync(scratch, { recursive: true, force: true });
  }
}
