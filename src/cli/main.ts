/**
 * The command-line entry point: reads the command line against the command table, runs one
 * command's handler, and turns every failure into a clear message and an exit code (no stack
 * traces for input or usage errors).
 */
import { packageVersion } from '../package-root';
import { SpecError } from '../spec/spec-error';
import { OutputFolderError } from '../output/output-folder-error';
import { EXIT, UsageError } from './cli-error';
import { parseCommandLine } from './command-line';
import { type Command, commandRecord, isCommand } from './commands';
import { countText, formatProblemGroups } from './report-problems';
import { commandHelp, helpHint, USAGE } from './usage';

/** Runs the CLI with `argv` (without `node` and the script) and resolves to the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  let command: Command | undefined;
  try {
    const line = parseCommandLine(argv);
    if (line.kind === 'version') {
      console.log(packageVersion());
      return EXIT.ok;
    }
    if (line.kind === 'help') {
      console.log(line.topic ? commandHelp(line.topic) : USAGE);
      return EXIT.ok;
    }
    command = line.command;
    const quiet = line.values.quiet ?? false;
    const log = quiet ? () => undefined : (text: string) => console.error(text);
    const print = quiet ? () => undefined : (text: string) => console.log(text);
    const passed = await commandRecord(command).handler({ specFile: line.specFile, values: line.values, log, print });
    return passed ? EXIT.ok : EXIT.invalidInput;
  } catch (error) {
    return report(error, command);
  }
}

function report(error: unknown, command: Command | undefined): number {
  if (error instanceof SpecError) {
    const nothingWritten = command !== undefined && commandRecord(command).writesOutput;
    console.error(`error: ${error.file}: ${countText(error.problems)}${nothingWritten ? '; nothing was written' : ''}`);
    for (const line of formatProblemGroups(error.file, error.problems)) console.error(`  ${line}`);
    return EXIT.invalidInput;
  }
  if (error instanceof OutputFolderError) {
    console.error(`error: ${error.dir}: ${error.reason}; nothing was written`);
    return EXIT.invalidInput;
  }
  if (error instanceof UsageError) {
    console.error(`error: ${error.message}\n${helpHint(isCommand(error.command) ? error.command : command)}`);
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
