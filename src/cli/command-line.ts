/**
 * Reads a command line against the command table: which command, which spec file, which
 * options. Every mistake is a {@link UsageError} saying what is wrong and pointing at the help
 * page of the command it was given to: an unknown option (with the nearest one the command
 * takes), an option the command does not take (with the commands that do), a value it does not
 * take, an option without the one it goes with, options that conflict.
 */
import { parseArgs } from 'util';
import { closest } from '../text/closest';
import { UsageError } from './cli-error';
import { declarationOf, GLOBAL_OPTIONS, OPTION_NAMES, type OptionName, optionFlag, type OptionRules, type OptionValues, OPTIONS } from './command-options';
import { type Command, COMMAND_NAMES, commandRecord, DEFAULT_COMMAND, isCommand, type OptionUse, optionsOf } from './commands';

/** What a command line asks for. */
export type CommandLine =
  /** `--version`. */
  | { readonly kind: 'version' }
  /** `--help`, or the word `help` as the command: a command's page, or the overview when `topic` is absent. */
  | { readonly kind: 'help'; readonly topic?: Command }
  /** A command to run, with what it was given. */
  | { readonly kind: 'run'; readonly command: Command; readonly specFile?: string; readonly values: OptionValues };

/** One option as given: its name and its value (`true` for a flag). */
interface GivenOption {
  readonly name: OptionName;
  readonly value: string | true;
}

/**
 * Parses `argv` (without `node` and the script). The first word names the command (synth when
 * it names none). The word `help` next (or in its place) asks for the overview, or with a
 * command after it, that command's page: `npm run synth -- help` lists the commands.
 * `--version` and `--help` are answered before the options are checked against the command.
 */
export function parseCommandLine(argv: readonly string[]): CommandLine {
  const { tokens } = parseArgs({ args: [...argv], options: PARSE_ARGS_OPTIONS, allowPositionals: true, strict: false, tokens: true });
  const positionals = tokens.filter((token) => token.kind === 'positional');
  const named = isCommand(positionals[0]?.value) ? positionals[0].value : undefined;
  const command = named ?? DEFAULT_COMMAND;
  const wordTokens = named ? positionals.slice(1) : positionals;
  const words = wordTokens.map((token) => token.value);
  const given = readOptions(tokens, command, named);
  if (given.has('version')) return { kind: 'version' };
  // After `--`, `help` is a spec file of that name.
  const terminator = tokens.find((token) => token.kind === 'option-terminator')?.index ?? Infinity;
  if (words[0] === 'help' && wordTokens[0].index < terminator) return { kind: 'help', topic: helpTopic(words[1]) };
  if (given.has('help')) return { kind: 'help', topic: named };
  checkAgainstRecord(command, given, words);
  return { kind: 'run', command, specFile: words[0], values: Object.fromEntries(given) as OptionValues };
}

/**
 * What `parseArgs` needs of each option: its type and alias. It only splits the command line
 * into tokens (`strict: false`); the checks, and their messages, are this module's.
 */
const PARSE_ARGS_OPTIONS = Object.fromEntries(
  OPTION_NAMES.map((name) => {
    const { type, short } = declarationOf(name);
    return [name, short ? { type, short } : { type }];
  }),
);

type Token = NonNullable<ReturnType<typeof parseArgs>['tokens']>[number];

/** The options given, by name (the last one given wins, or a repeatable option's values joined with commas); a malformed option is a usage error. */
function readOptions(tokens: readonly Token[], command: Command, named: Command | undefined): Map<OptionName, string | true> {
  const given = new Map<OptionName, string | true>();
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    const option = checkedOption(token, command);
    if (typeof option === 'string') throw new UsageError(option, named);
    const earlier = given.get(option.name);
    const repeatable = commandRecord(command).options.find((use: OptionUse) => use.name === option.name)?.repeatable ?? declarationOf(option.name).repeatable;
    const repeated = repeatable && typeof earlier === 'string' && typeof option.value === 'string';
    given.set(option.name, repeated ? `${earlier},${option.value}` : option.value);
  }
  return given;
}

/** The option a token gives, or what is wrong with it. */
function checkedOption(token: Extract<Token, { kind: 'option' }>, command: Command): GivenOption | string {
  if (!isOptionName(token.name)) return unknownOption(token.rawName, command);
  const name = token.name;
  const { type } = declarationOf(name);
  if (type === 'boolean') return token.value === undefined ? { name, value: true } : `${token.rawName} takes no value (got "${token.rawName}=${token.value}")`;
  if (token.value === undefined) return `${token.rawName} needs a value (${optionFlag(name)})`;
  if (!token.inlineValue && token.value.startsWith('-') && token.value !== '-') {
    return `${token.rawName} needs a value, and "${token.value}" reads as an option (write --${name}=${token.value} if it is the value)`;
  }
  return { name, value: token.value };
}

function isOptionName(name: string): name is OptionName {
  return Object.prototype.hasOwnProperty.call(OPTIONS, name);
}

/** `Unknown option '--outt'; did you mean --out?`, suggesting only an option the command takes. */
function unknownOption(rawName: string, command: Command): string {
  const long = rawName.startsWith('--') ? rawName.slice(2).split('=')[0] : undefined;
  const nearest = long === undefined ? undefined : closest(long, takenBy(command));
  return `Unknown option '${rawName}'${nearest ? `; did you mean --${nearest}?` : ''}`;
}

/** The options a command takes: its record's (with --help) and the global ones. */
function takenBy(command: Command): OptionName[] {
  return [...new Set([...optionsOf(command).map((use) => use.name), ...GLOBAL_OPTIONS])];
}

/** The command `help <topic>` asks about; a word that names none is a usage error. */
function helpTopic(word: string | undefined): Command | undefined {
  if (word === undefined || isCommand(word)) return word;
  const nearest = closest(word, COMMAND_NAMES);
  throw new UsageError(`no command "${word}"${nearest ? ` (did you mean ${nearest}?)` : ''}; the commands: ${COMMAND_NAMES.join(', ')}`);
}

/**
 * Checks what was given against the command's record: each option is one the command takes,
 * with a value it takes, with the option it goes with and without one it conflicts with; the
 * spec files are as many as the command takes.
 */
function checkAgainstRecord(command: Command, given: ReadonlyMap<OptionName, string | true>, words: readonly string[]): void {
  const taken = takenBy(command);
  for (const name of given.keys()) if (!taken.includes(name)) throw new UsageError(notTaken(command, name), command);
  const uses = optionsOf(command).filter((use) => given.has(use.name));
  for (const use of uses) checkChoice(command, use.name, given.get(use.name)!);
  for (const use of uses) {
    for (const rules of [declarationOf(use.name), use]) checkRules(command, use, rules, given, words);
  }
  if (!commandRecord(command).takesSpecFile && words.length) throw new UsageError(`${command} takes no spec file (got "${words[0]}")`, command);
  if (words.length > 1) throw new UsageError(`one spec file at most (got ${words.map((word) => `"${word}"`).join(', ')})`, command);
}

/**
 * `--layout goes with the synth and drift commands`. An option and those that go with it (by
 * `requires`) are named together, but only those the command does not take: `synth --plan` says
 * `--plan and --expect go with the check and verify commands`, `check --expect` that `--expect
 * goes with the verify command`.
 */
function notTaken(command: Command, name: OptionName): string {
  const taken = takenBy(command);
  const requiresOf = (option: OptionName) => declarationOf(option).requires?.option;
  const family = OPTION_NAMES.filter((other) => other === name || requiresOf(other) === name || requiresOf(name) === other);
  const missing = family.filter((option) => !taken.includes(option));
  // The commands that take the option given: another may take one of its family for a use of its own (import's --profile).
  const commands = COMMAND_NAMES.filter((other) => takenBy(other).includes(name));
  const options = listText(missing.map((option) => `--${option}`));
  return `${options} ${missing.length === 1 ? 'goes' : 'go'} with the ${listText(commands)} command${commands.length === 1 ? '' : 's'}`;
}

/** `--layout takes flat or module (got "modules")`. */
function checkChoice(command: Command, name: OptionName, value: string | true): void {
  const { choices } = declarationOf(name);
  if (!choices || typeof value !== 'string' || choices.some((choice) => choice.value === value)) return;
  throw new UsageError(
    `--${name} takes ${listText(
      choices.map((choice) => choice.value),
      'or',
    )} (got "${value}")`,
    command,
  );
}

/** The rules of one option (its declaration's, or the command's for it), checked against what was given. */
function checkRules(command: Command, use: OptionUse, rules: OptionRules, given: ReadonlyMap<OptionName, string | true>, words: readonly string[]): void {
  const { requires, conflicts, refusesSpecFile, refusesSpecFileWith } = rules;
  if (requires && !given.has(requires.option)) throw new UsageError(`--${use.name} goes with --${requires.option} (${requires.reason})`, command);
  if (refusesSpecFile !== undefined && words.length)
    throw new UsageError(`${command} --${use.name} takes no spec file (got "${words[0]}"): ${refusesSpecFile}`, command);
  if (refusesSpecFileWith && given.has(refusesSpecFileWith.option) && words.length)
    throw new UsageError(
      `${command} --${use.name} with --${refusesSpecFileWith.option} takes no spec file (got "${words[0]}"): ${refusesSpecFileWith.reason}`,
      command,
    );
  for (const conflict of conflicts ?? []) {
    const met = conflict.with.some(({ option, value }) => given.has(option) && (value === undefined || given.get(option) === value));
    if (met) throw new UsageError(conflict.message, command);
  }
}

/** `a`, `a and b`, `a, b and c`. */
function listText(items: readonly string[], conjunction = 'and'): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]}`;
}
