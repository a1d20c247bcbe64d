/**
 * Command-line help, rendered from the command table: one page per command
 * (`instance-profile <command> --help`) and an overview (`instance-profile --help`). Each option
 * is declared once (`command-options.ts`) and shown on the pages of the commands that take it.
 */
import { declarationOf, optionFlag } from './command-options';
import { type Command, COMMAND_NAMES, commandRecord, type OptionUse, optionsOf } from './commands';

/** The width of the option column of a help page (a longer option is followed by two spaces). */
const FLAG_WIDTH = 30;

/**
 * An option's help text on a command's page: the command's text or the declaration's, or its
 * choices with the default marked; then the default, unless the choices mark it.
 */
function optionHelp(use: OptionUse): string {
  const declaration = declarationOf(use.name);
  const fallback = use.default ?? declaration.default;
  const text =
    use.help ?? declaration.help ?? (declaration.choices ?? []).map((choice) => `${choice.help}${choice.value === fallback ? ' (default)' : ''}`).join(', or ');
  return declaration.choices || fallback === undefined ? text : `${text} (default: ${fallback})`;
}

/** The help page of one command. */
export function commandHelp(command: Command): string {
  const record = commandRecord(command);
  return [
    `Usage: instance-profile ${record.usage}`,
    '',
    record.description,
    '',
    'Options:',
    ...optionsOf(command).map((use) => `  ${`${optionFlag(use.name, use.valueName)}  `.padEnd(FLAG_WIDTH)}${optionHelp(use)}`),
    '',
    `Exit codes: ${record.exitCodes}.`,
    '',
    'Example:',
    `  ${record.example}`,
  ].join('\n');
}

/** The overview's command column: the longest command name and two spaces. */
const COMMAND_WIDTH = Math.max(...COMMAND_NAMES.map((command) => command.length)) + 2;

/** The overview printed by `instance-profile --help` (and `instance-profile help`). */
export const USAGE = [
  'Usage: instance-profile <command> [spec-file] [options]',
  '',
  'Generates the IAM policy, role, attachment, instance profile and EC2 instance of a spec as',
  'Terraform (JSON and HCL), checked and with its access proven offline first.',
  '',
  'Commands:',
  ...COMMAND_NAMES.map((command) => `  ${command.padEnd(COMMAND_WIDTH)}${commandRecord(command).summary}`),
  '',
  "Run 'instance-profile <command> --help' for a command's options, exit codes and an example.",
  `  ${optionFlag('version').padEnd(12)}${declarationOf('version').help}`,
  '',
  'Results go to stdout, progress and problems to stderr.',
  'Through npm: npm run <command> -- [spec-file] [options], e.g. npm run synth -- my-spec.yaml',
].join('\n');

/** Where a usage error points: the command's own help page. */
export function helpHint(command: Command | undefined): string {
  return command ? `run 'instance-profile ${command} --help' (npm run ${command} -- --help) for its options` : "run 'instance-profile --help' for the commands";
}
