/**
 * `npm run test:cdktn`: proves the project on CDK Terrain. It copies the project into a scratch
 * folder, installs the cdktn variant there (see cdktn-variant.ts), synthesizes the examples
 * (synth and module) with both builds and compares the output (compare-output.ts), then runs
 * the test suite on the variant, with a Node.js that cdktn-cli runs on (node-runtime.ts).
 *
 *   npm run test:cdktn                 everything
 *   npm run test:cdktn -- --no-tests   install and compare only
 *   npm run test:cdktn -- --keep       keep the scratch folder (its path is printed)
 */
import { spawnSync, type SpawnSyncOptions } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { packageRoot } from '../../src/package-root';
import { compareOutput } from './compare-output';
import { writeCdktnVariant } from './cdktn-variant';
import { cdktnNode } from './node-runtime';

const USAGE = `usage: npm run test:cdktn [-- --no-tests] [--keep]

Installs the CDK Terrain (cdktn 0.24) variant of the project in a scratch folder, compares
what both builds synthesize for the examples, and runs the test suite on the variant.

  --no-tests   install and compare only
  --keep       keep the scratch folder
  CDKTN_NODE   a Node.js >= 22.19 to run the variant with (else this one if new enough,
               else the official build, fetched from the npm registry)

Exit codes: 0 all passed, 1 the output differs or a test failed, 2 usage, 3 setup failed.`;

/** The specs synthesized by both builds: the built-in example and every example spec. */
const EXAMPLE_SPECS: ReadonlyArray<string | undefined> = [
  undefined,
  'examples/two-profiles.yaml',
  'examples/seed/spec.yaml',
  '__tests__/fixtures/fleet-module.yaml',
];

const log = (line: string) => process.stderr.write(`${line}\n`);

function run(command: string, args: readonly string[], options: SpawnSyncOptions): void {
  const result = spawnSync(command, args, { stdio: 'inherit', encoding: 'utf8', ...options });
  if (result.status !== 0) {
    const output = typeof result.stderr === 'string' && result.stderr.trim() ? `:\n${result.stderr.trim()}` : '';
    throw new StepError(`${path.basename(command)} ${args.join(' ')} exited with ${result.status ?? result.signal}${output}`);
  }
}

class StepError extends Error {}

/** Synthesizes every example with the project in `root` into `out`/<n>/{synth,module}. */
function synthesizeExamples(root: string, node: string, out: string, env: NodeJS.ProcessEnv): void {
  EXAMPLE_SPECS.forEach((spec, i) => {
    for (const command of ['synth', 'module']) {
      const target = path.join(out, String(i), command);
      run(node, [path.join(root, 'bin/run.js'), 'cli', command, ...(spec ? [path.join(root, spec)] : []), '-o', target, '-q'], {
        cwd: root,
        env,
        stdio: ['ignore', 'ignore', 'pipe'],
      });
    }
  });
}

function main(args: readonly string[]): number {
  const flags = new Set(args);
  if (flags.has('--help') || flags.has('-h')) return (console.log(USAGE), 0);
  const unknown = args.filter((arg) => !['--no-tests', '--keep'].includes(arg));
  if (unknown.length) return (log(`error: unknown option ${unknown[0]}\n\n${USAGE}`), 2);

  const root = packageRoot();
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'cdktn-'));
  const variant = path.join(scratch, 'project');
  const env: NodeJS.ProcessEnv = { ...process.env, CHECKPOINT_DISABLE: '1' };
  try {
    const node = cdktnNode(path.join(root, 'node_modules', '.cache', 'cdktn-node'), log);
    const nodeEnv = { ...env, PATH: `${path.dirname(node)}${path.delimiter}${env.PATH}` };
    log(`cdktn variant in ${variant} (Node.js ${spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim()})`);
    writeCdktnVariant(root, variant);
    log('installing the cdktn variant...');
    run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: variant, env: nodeEnv });

    log('synthesizing the examples with both builds...');
    synthesizeExamples(root, process.execPath, path.join(scratch, 'cdktf'), env);
    synthesizeExamples(variant, node, path.join(scratch, 'cdktn'), nodeEnv);
    const differences = compareOutput(path.join(scratch, 'cdktf'), path.join(scratch, 'cdktn'));
    if (differences.length) {
      log(`the cdktn build's output differs from the cdktf build's:\n  ${differences.join('\n  ')}`);
      return 1;
    }
    log(`same output: ${EXAMPLE_SPECS.length} specs, synth and module (HCL byte-identical, JSON apart from the recorded version)`);

    if (flags.has('--no-tests')) return 0;
    log('running the test suite on the cdktn variant...');
    // npm starts the Node.js first on PATH: the variant's.
    const tests = spawnSync('npm', ['test'], { cwd: variant, env: nodeEnv, stdio: 'inherit' });
    return tests.status === 0 ? 0 : 1;
  } catch (error) {
    if (!(error instanceof StepError)) log(`error: ${(error as Error).message}`);
    else log(`error: ${error.message}`);
    return error instanceof StepError ? 1 : 3;
  } finally {
    if (flags.has('--keep')) log(`kept ${scratch}`);
    else fs.rmSync(scratch, { recursive: true, force: true });
  }
}

process.exitCode = main(process.argv.slice(2));
