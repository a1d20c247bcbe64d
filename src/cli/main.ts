/**
 * The command-line entry point: parses arguments, runs one command, and turns every failure
 * into a clear message and an exit code (no stack traces for input or usage errors).
 */
import { parseArgs } from 'util';
import type { FleetForm } from '../fleet/fleet-template';
import { packageVersion } from '../package-root';
import { SpecError } from '../spec/spec-error';
import { OutputFolderError } from '../synth/output-folder-error';
import { EXIT, UsageError } from './cli-error';
import { runCheck } from './check-command';
import { runDoctor } from './doctor-command';
import { runVerify } from './verify-command';
import { countText, formatProblemGroups } from './report-problems';
import { runSchema } from './schema-command';
import { runDrift, runModule, runSynth } from './synth-command';
import { type Command, COMMANDS, commandHelp, helpHint, USAGE } from './usage';
import type { OutputLayout } from '../synth/synthesize';


/** Runs the CLI with `argv` (without `node` and the script) and resolves to the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  try {
    return await run(argv);
  } catch (error) {
    return report(error, commandOf(argv) ?? 'synth');
  }
}

async function run(argv: readonly string[]): Promise<number> {
  const named = commandOf(argv);
  const { values, positionals } = parseCommandLine(argv, named);
  if (values.version) {
    console.log(packageVersion());
    return EXIT.ok;
  }
  const [first, ...rest] = positionals;
  if (first === 'help') {
    const topic = rest[0];
    if (topic !== undefined && !isCommand(topic)) throw new UsageError(`no command "${topic}"; the commands: ${COMMANDS.join(', ')}`);
    console.log(topic ? commandHelp(topic) : USAGE);
    return EXIT.ok;
  }
  const command: Command = named ?? 'synth';
  const operands = named ? rest : positionals;
  if (values.help) {
    console.log(named ? commandHelp(named) : USAGE);
    return EXIT.ok;
  }
  try {
    return await runCommand(command, operands, values);
  } catch (error) {
    throw error instanceof UsageError && !error.command ? new UsageError(error.message, command) : error;
  }
}

type Values = ReturnType<typeof parseCommandLine>['values'];

async function runCommand(command: Command, operands: readonly string[], values: Values): Promise<number> {
  const log = values.quiet ? () => undefined : (line: string) => console.error(line);
  const print = values.quiet ? () => undefined : (line: string) => console.log(line);
  if (values.verbose && command !== 'synth' && command !== 'module') throw new UsageError('--verbose goes with the synth and module commands');
  if (command === 'schema') {
    if (operands.length) throw new UsageError(`schema takes no spec file (got "${operands[0]}")`);
    runSchema(values.out ?? 'spec.schema.json', log);
    return EXIT.ok;
  }
  if (values.module && command !== 'drift') throw new UsageError('--module goes with the drift command');
  if (values.layout !== undefined && command !== 'synth' && command !== 'drift') throw new UsageError('--layout goes with the synth and drift commands');
  if (values.layout !== undefined && values.layout !== 'flat' && values.layout !== 'module') throw new UsageError(`--layout takes flat or module (got "${values.layout}")`);
  if (values.layout !== undefined && values.module) throw new UsageError('--layout is for synth output; drift --module compares what the module command wrote');
  if (values.fleets !== undefined && command !== 'synth' && command !== 'drift') throw new UsageError('--fleets goes with the synth and drift commands');
  if (values.fleets !== undefined && values.fleets !== 'for_each' && values.fleets !== 'expanded') throw new UsageError(`--fleets takes for_each or expanded (got "${values.fleets}")`);
  if (values.fleets !== undefined && (values.module || values.layout === 'module')) throw new UsageError('--fleets is for the flat layout: the module command and the module layout expand fleets');
  if (operands.length > 1) throw new UsageError(`one spec file at most (got ${operands.map((o) => `"${o}"`).join(', ')})`);
  if (values.inventory && command !== 'doctor') throw new UsageError('--inventory goes with the doctor command');
  const ok = (passed: boolean) => (passed ? EXIT.ok : EXIT.invalidInput);
  if ((values.plan || values.expect) && command !== 'check' && command !== 'verify') throw new UsageError('--plan and --expect go with the check and verify commands');
  if (values.expect && !values.plan) throw new UsageError('--expect goes with --plan (a spec has its own expectations)');
  if (values.expect && operands.length) throw new UsageError('give the expectations either in a spec or with --expect, not both');
  if (command === 'check') {
    if (values.plan && operands.length) throw new UsageError(`check --plan takes no spec file (got "${operands[0]}"): the plan is checked as Terraform plans it`);
    return ok(await runCheck(operands[0], values.plan));
  }
  if (command === 'verify') return ok(await runVerify({ specFile: operands[0], planFile: values.plan, expectFile: values.expect }));
  if (command === 'doctor') return ok(runDoctor(operands[0], values.inventory));
  const layout = values.layout as OutputLayout | undefined;
  const fleets = values.fleets as FleetForm | undefined;
  const options = { specFile: operands[0], outDir: values.out, module: values.module ?? false, layout, fleets, log, print, verbose: values.verbose ?? false, quiet: values.quiet ?? false };
  if (command === 'drift') return (await runDrift(options)) ? EXIT.ok : EXIT.invalidInput;
  if (command === 'module') await runModule(options);
  else await runSynth(options);
  return EXIT.ok;
}

function isCommand(word: string | undefined): word is Command {
  return (COMMANDS as readonly string[]).includes(word ?? '');
}

/** The command named first on the command line, if any (`synth` is the default). */
function commandOf(argv: readonly string[]): Command | undefined {
  const first = argv.find((arg) => !arg.startsWith('-'));
  return isCommand(first) ? first : undefined;
}

function parseCommandLine(argv: readonly string[], command: Command | undefined) {
  try {
    return parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        out: { type: 'string', short: 'o' },
        module: { type: 'boolean' },
        layout: { type: 'string' },
        fleets: { type: 'string' },
        inventory: { type: 'string' },
        plan: { type: 'string' },
        expect: { type: 'string' },
        quiet: { type: 'boolean', short: 'q' },
        verbose: { type: 'boolean', short: 'v' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message, command);
  }
}

/** The commands that write output, and so say that a failed run wrote nothing. */
const WRITING_COMMANDS: readonly Command[] = ['synth', 'module', 'schema'];

function report(error: unknown, command: Command): number {
  if (error instanceof SpecError) {
    console.error(`error: ${error.file}: ${countText(error.problems)}${WRITING_COMMANDS.includes(command) ? '; nothing was written' : ''}`);
    for (const line of formatProblemGroups(error.file, error.problems)) console.error(`  ${line}`);
    return EXIT.invalidInput;
  }
  if (error instanceof OutputFolderError) {
    console.error(`error: ${error.dir}: ${error.reason}; nothing was written`);
    return EXIT.invalidInput;
  }
  if (error instanceof UsageError) {
    console.error(`error: ${error.message}\n${helpHint(error.command)}`);
    return EXIT.usage;
  }
  const message = error instanceof Error ? error.message : String(error);
  console.error(`internal error: ${message}`);
  if (process.env.DEBUG && error instanceof Error) console.error(error.stack);
  else console.error('(set DEBUG=1 to see the stack trace)');
  return EXIT.internal;
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => (process.exitCode = code));
}
