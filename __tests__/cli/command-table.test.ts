import * as fs from 'fs';
import * as path from 'path';
import { UsageError } from '../../src/cli/cli-error';
import { parseCommandLine } from '../../src/cli/command-line';
import { declarationOf, GLOBAL_OPTIONS, OPTION_NAMES, type OptionName } from '../../src/cli/command-options';
import { type Command, COMMAND_NAMES, commandRecord, optionsOf } from '../../src/cli/commands';
import { commandHelp, USAGE } from '../../src/cli/usage';
import { runCli } from '../helpers/run-cli';
import { tempDir } from '../helpers/temp-dirs';

const hint = (command: Command) => `run 'instance-profile ${command} --help' (npm run ${command} -- --help) for its options`;

/** The usage error `parseCommandLine` throws for `argv`, or undefined when it throws none. */
function usageErrorOf(argv: string[]): UsageError | undefined {
  try {
    parseCommandLine(argv);
    return undefined;
  } catch (error) {
    if (error instanceof UsageError) return error;
    throw error;
  }
}

/** The option lines of a help page, by long name, each without its leading indentation. */
function optionLinesOf(page: string): Map<string, string> {
  const section = page.slice(page.indexOf('\nOptions:\n') + '\nOptions:\n'.length, page.indexOf('\n\nExit codes:'));
  return new Map(section.split('\n').map((line) => [/--([a-z-]+)/.exec(line)![1], line.trim()]));
}

/** Arguments that give the option `name` with a value it takes. */
function optionArgs(name: OptionName): string[] {
  const declaration = declarationOf(name);
  return declaration.type === 'boolean' ? [`--${name}`] : [`--${name}`, declaration.choices?.[0].value ?? 'x.json'];
}

/** Arguments that give the option `name` to `command`, and the option it needs there if any. */
function argsGiving(command: Command, name: OptionName): string[] {
  const needed = (optionsOf(command).find((use) => use.name === name)?.requires ?? declarationOf(name).requires)?.option;
  return [...optionArgs(name), ...(needed ? optionArgs(needed) : [])];
}

/** The options a command does not take. */
const notTakenBy = (command: Command) => OPTION_NAMES.filter((name) => !optionsOf(command).some((use) => use.name === name) && !GLOBAL_OPTIONS.includes(name));

describe('the command table', () => {
  it.each(COMMAND_NAMES)("gives %s a help page that lists exactly its record's options, with alias, value and default", (command) => {
    const lines = optionLinesOf(commandHelp(command));
    expect([...lines.keys()]).toEqual([...commandRecord(command).options.map((use) => use.name), 'help']);
    for (const use of optionsOf(command)) {
      const declaration = declarationOf(use.name);
      const line = lines.get(use.name)!;
      expect(line.startsWith(`${declaration.short ? `-${declaration.short}, ` : ''}--${use.name}`)).toBe(true);
      if (declaration.type === 'string') expect(line).toMatch(new RegExp(`^\\S+ ?\\S* <[^>]+>`));
      for (const choice of declaration.choices ?? []) expect(line).toContain(choice.value);
      if (use.default) expect(line).toContain(`(default: ${use.default})`);
      if (use.help) expect(line).toContain(use.help);
    }
  });

  it.each(COMMAND_NAMES)('lets %s take every option its record declares', (command) => {
    for (const use of commandRecord(command).options) {
      const line = parseCommandLine([command, ...argsGiving(command, use.name)]);
      expect(line).toMatchObject({ kind: 'run', command, values: { [use.name]: declarationOf(use.name).type === 'boolean' ? true : expect.any(String) } });
    }
  });

  it.each(COMMAND_NAMES)(
    "refuses on %s every option its record does not declare, naming the commands that take it and pointing at the command's help",
    (command) => {
      for (const name of notTakenBy(command)) {
        const error = usageErrorOf([command, ...optionArgs(name)]);
        expect(error?.command).toBe(command);
        // `--a goes with the x command`, `--a and --b go with the x and y commands`
        const [, options, commands] = /^(.+?) go(?:es)? with the (.+?) commands?$/.exec(error?.message ?? '') ?? [];
        const named = (options ?? '').split(' and ').map((option) => option.replace(/^--/, ''));
        expect(named).toContain(name);
        for (const option of named) expect(notTakenBy(command)).toContain(option);
        // The commands that take the option given (another may take one of its family for a use of its own).
        const takers = COMMAND_NAMES.filter((other) => optionsOf(other).some((use) => use.name === name));
        expect((commands ?? '').split(/, | and /)).toEqual(takers);
      }
    },
  );

  it('lists every command in the overview with its summary', () => {
    const commands = USAGE.slice(USAGE.indexOf('Commands:\n') + 'Commands:\n'.length, USAGE.indexOf('\n\n', USAGE.indexOf('Commands:')));
    expect(commands.split('\n').map((line) => line.trim().split(/\s+/)[0])).toEqual(COMMAND_NAMES);
    for (const command of COMMAND_NAMES) expect(commands).toContain(commandRecord(command).summary);
  });

  it('refuses a spec file on the command that takes none, and a second one elsewhere', () => {
    expect(usageErrorOf(['schema', 'spec.yaml'])?.message).toBe('schema takes no spec file (got "spec.yaml")');
    expect(usageErrorOf(['check', 'a.yaml', 'b.yaml'])?.message).toBe('one spec file at most (got "a.yaml", "b.yaml")');
    expect(parseCommandLine(['check', 'a.yaml'])).toMatchObject({ kind: 'run', command: 'check', specFile: 'a.yaml' });
  });

  it('refuses a value an option with choices does not take, listing those it takes', () => {
    expect(usageErrorOf(['drift', '--fleets', 'each'])?.message).toBe('--fleets takes for_each or expanded (got "each")');
  });

  it('names an option together with the one that goes with it, but only those the command does not take', () => {
    expect(usageErrorOf(['doctor', '--ask', 'x'])?.message).toBe('--ask and --profile go with the verify command');
    expect(usageErrorOf(['check', '--plan', 'p.json', '--expect', 'e.yaml'])?.message).toBe('--expect goes with the verify command');
  });

  it('refuses a value-less string option, a valued flag and a value that reads as an option', () => {
    expect(usageErrorOf(['synth', '-o'])?.message).toBe('-o needs a value (-o, --out <dir>)');
    expect(usageErrorOf(['synth', '--quiet=yes'])?.message).toBe('--quiet takes no value (got "--quiet=yes")');
    expect(usageErrorOf(['synth', '--out', '-q'])?.message).toBe('--out needs a value, and "-q" reads as an option (write --out=-q if it is the value)');
    expect(parseCommandLine(['synth', '--out=-q'])).toMatchObject({ kind: 'run', values: { out: '-q' } });
  });

  it('answers --version and --help before checking the options against the command', () => {
    expect(parseCommandLine(['check', '--out', 'x', '--version'])).toEqual({ kind: 'version' });
    expect(parseCommandLine(['check', '--out', 'x', '--help'])).toEqual({ kind: 'help', topic: 'check' });
    expect(parseCommandLine(['--help'])).toEqual({ kind: 'help', topic: undefined });
  });
});

describe('usage errors on the command line', () => {
  it.each([
    [['check', '--out', 'x'], 'check', '--out goes with the synth, drift, module, import, schema and terraformrc commands'],
    [['check', '--out', 'x', '-q'], 'check', '--out goes with the synth, drift, module, import, schema and terraformrc commands'],
    [['check', '-q'], 'check', '--quiet goes with the synth, module, import, schema and terraformrc commands'],
    [['verify', '--module'], 'verify', '--module goes with the drift command'],
    [['check', '--plan', 'p.json', '--expect', 'e.yaml'], 'check', '--expect goes with the verify command'],
    [['drift', '-q'], 'drift', '--quiet goes with the synth, module, import, schema and terraformrc commands'],
  ] as const)('exits 2 on %j, naming what is wrong and the help page of the command it was given to', async (argv, command, message) => {
    const { code, stderr, stdout } = await runCli([...argv], tempDir('cli-table-'));
    expect({ code, stderr, stdout }).toEqual({ code: 2, stderr: `error: ${message}\n${hint(command)}`, stdout: '' });
  });

  it('suggests --out for --outt, and no option the command does not take', async () => {
    const outt = await runCli(['synth', '--outt', 'x'], tempDir('cli-table-'));
    expect({ code: outt.code, stderr: outt.stderr }).toEqual({ code: 2, stderr: `error: Unknown option '--outt'; did you mean --out?\n${hint('synth')}` });
    const onCheck = await runCli(['check', '--outt', 'x'], tempDir('cli-table-'));
    expect({ code: onCheck.code, stderr: onCheck.stderr }).toEqual({ code: 2, stderr: `error: Unknown option '--outt'\n${hint('check')}` });
    expect((await runCli(['check', '--pln', 'p.json'], tempDir('cli-table-'))).stderr).toContain("Unknown option '--pln'; did you mean --plan?");
  });

  it('suggests the nearest command for help on one that does not exist', async () => {
    const { code, stderr } = await runCli(['help', 'chek'], tempDir('cli-table-'));
    expect(code).toBe(2);
    expect(stderr).toBe(
      `error: no command "chek" (did you mean check?); the commands: ${COMMAND_NAMES.join(', ')}\nrun 'instance-profile --help' for the commands`,
    );
  });
});

describe('help as a command', () => {
  it('lists the commands for `synth help` (npm run synth -- help), not reading a file named help', async () => {
    const cwd = tempDir('cli-table-');
    fs.writeFileSync(path.join(cwd, 'help'), 'not: [a spec\n');
    const { code, stdout, stderr } = await runCli(['synth', 'help'], cwd);
    expect({ code, stdout, stderr }).toEqual({ code: 0, stdout: USAGE, stderr: '' });
    expect((await runCli(['synth', 'help', 'verify'], cwd)).stdout).toBe(commandHelp('verify'));
  });

  it('reads a spec file named help when it follows --', async () => {
    const cwd = tempDir('cli-table-');
    const { code, stderr } = await runCli(['check', '--', 'help'], cwd);
    expect(code).toBe(1);
    expect(stderr).toContain('help: spec file not found');
  });
});
