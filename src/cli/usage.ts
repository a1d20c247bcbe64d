/**
 * Command-line help: one page per command (`instance-profile <command> --help`), and an
 * overview (`instance-profile --help`). Each option is described once and shown on the pages
 * of the commands that take it.
 */

/** The commands, in the order the overview lists them. */
export const COMMANDS = ['synth', 'check', 'verify', 'drift', 'module', 'doctor', 'schema'] as const;
export type Command = (typeof COMMANDS)[number];

const OPTIONS = {
  out: ['-o, --out <dir>', 'Output folder'],
  layout: ['--layout <flat|module>', 'flat roots (default), or the module once in <out>/module/<name> and a thin root per stack calling it'],
  fleets: ['--fleets <for_each|expanded>', 'each fleet as one module call with for_each over its items (default), or resources of its own per item'],
  module: ['--module', 'the folder holds a module written by the module command'],
  plan: ['--plan <file>', 'the JSON of `terraform show -json <planfile>`, instead of a spec'],
  expect: ['--expect <file>', 'with --plan: expectations per instance profile (YAML or JSON, the spec\'s syntax)'],
  inventory: ['--inventory <file>', 'output of `aws iam list-instance-profiles --output json`'],
  verbose: ['-v, --verbose', 'list every low finding (by default they are summarized in one line)'],
  quiet: ['-q, --quiet', 'print only problems'],
  help: ['-h, --help', 'show this help'],
} as const;
type OptionName = keyof typeof OPTIONS;

interface CommandHelp {
  readonly usage: string;
  /** One line for the overview. */
  readonly summary: string;
  readonly description: string;
  readonly options: readonly OptionName[];
  /** Option texts that differ on this command's page. */
  readonly optionText?: Partial<Record<OptionName, string>>;
  readonly exitCodes: string;
  readonly example: string;
}

const SPEC_FILE = 'Without a spec file the built-in example is used (the manual walkthrough).';
/** The exit codes of the commands that write output (synth, module). */
const WRITING_EXIT_CODES = '0 written, 1 invalid spec or policy document, or an unmet expectation (nothing written), 2 usage error, 3 internal error';

const HELP: Record<Command, CommandHelp> = {
  synth: {
    summary: 'check the spec, prove its access, write Terraform JSON, HCL and diagrams (default)',
    usage: 'synth [spec-file] [options]',
    description: `Checks the spec, decides its access expectations offline, then writes Terraform JSON, HCL and
the diagrams (the default command). Nothing is written when anything fails.
${SPEC_FILE}
The access table and the files written go to stdout; progress, warnings and errors to stderr.`,
    options: ['out', 'layout', 'fleets', 'verbose', 'quiet', 'help'],
    optionText: { out: 'Output folder (default: generated)' },
    exitCodes: WRITING_EXIT_CODES,
    example: 'npm run synth -- my-spec.yaml --out generated',
  },
  check: {
    summary: 'run every check on what the spec (or a plan) deploys; print the findings',
    usage: 'check [spec-file] [options]\n  check --plan plan.json',
    description: `Runs every check (IAM grammar and quotas, AWS names, security rules) on what the spec
synthesizes, or on a Terraform plan, and prints the findings table. Writes nothing.\n${SPEC_FILE}`,
    options: ['plan', 'help'],
    exitCodes: '0 no unsuppressed error, 1 an unsuppressed error, 2 usage error, 3 internal error',
    example: 'npm run check -- my-spec.yaml',
  },
  verify: {
    summary: "decide each profile's access expectations offline; print the access table",
    usage: 'verify [spec-file] [options]\n  verify --plan plan.json [spec-file | --expect expect.yaml]',
    description: `Decides each profile's expectations (e.g. "put s3://bucket/key") and its role's trust offline
with iam-simulate, per stack, and prints the access table. Writes nothing.\n${SPEC_FILE}`,
    options: ['plan', 'expect', 'help'],
    exitCodes: '0 every expectation met, 1 one is not (or cannot be decided), 2 usage error, 3 internal error',
    example: 'npm run verify -- my-spec.yaml',
  },
  drift: {
    summary: 'fail when the output folder differs from what synth or module would write',
    usage: 'drift [spec-file] [options]',
    description: `Compares the output folder with what synth (or, with --module, module) would write with the
same arguments, and lists the files that differ. Writes nothing.`,
    options: ['out', 'module', 'layout', 'fleets', 'help'],
    optionText: { out: 'The folder to compare (default: generated; with --module, generated/module/<stack>)' },
    exitCodes: '0 up to date, 1 out of date or an invalid spec, 2 usage error, 3 internal error',
    example: 'npm run drift -- my-spec.yaml --out generated',
  },
  module: {
    summary: 'write a registry-style Terraform module generated from the spec, with tests',
    usage: 'module [spec-file] [options]',
    description: `Checks the spec like synth, then writes a Terraform module generated from it: main.tf,
variables.tf, outputs.tf, versions.tf, a README, examples/complete/ and native tests
(terraform test). Nothing is written when anything fails.\n${SPEC_FILE}`,
    options: ['out', 'verbose', 'quiet', 'help'],
    optionText: { out: 'Output folder (default: generated/module/<stack>)' },
    exitCodes: WRITING_EXIT_CODES,
    example: 'npm run module -- my-spec.yaml --out modules/s3-writer',
  },
  doctor: {
    summary: 'list what the spec expects in the account; find orphaned instance profiles',
    usage: 'doctor [spec-file] [--inventory profiles.json]',
    description: `Lists the instance profiles and roles the spec expects in the account. With an inventory, also
finds which exist already (to adopt), which are orphaned (a profile whose role is gone) and
which the spec does not list. Reads only; writes nothing.\n${SPEC_FILE}`,
    options: ['inventory', 'help'],
    exitCodes: '0 nothing to clean up, 1 orphaned or conflicting profiles (or an invalid spec), 2 usage error, 3 internal error',
    example: 'aws iam list-instance-profiles --output json > profiles.json && npm run doctor -- my-spec.yaml --inventory profiles.json',
  },
  schema: {
    summary: "write the spec's JSON Schema, for editor completion",
    usage: 'schema [options]',
    description: "Writes the spec's JSON Schema, for editor completion and validation.",
    options: ['out', 'quiet', 'help'],
    optionText: { out: 'Output file (default: spec.schema.json)' },
    exitCodes: '0 written, 1 cannot write the file, 2 usage error',
    example: 'npm run schema -- --out spec.schema.json',
  },
};

function optionLines(help: CommandHelp): string[] {
  return help.options.map((name) => {
    const [flag, text] = OPTIONS[name];
    return `  ${flag.padEnd(30)}${help.optionText?.[name] ?? text}`;
  });
}

/** The help page of one command. */
export function commandHelp(command: Command): string {
  const help = HELP[command];
  return [
    `Usage: instance-profile ${help.usage}`,
    '',
    help.description,
    '',
    'Options:',
    ...optionLines(help),
    '',
    `Exit codes: ${help.exitCodes}.`,
    '',
    'Example:',
    `  ${help.example}`,
  ].join('\n');
}

/** The overview printed by `instance-profile --help`. */
export const USAGE = [
  'Usage: instance-profile <command> [spec-file] [options]',
  '',
  'Generates the IAM policy, role, attachment, instance profile and EC2 instance of a spec as',
  'Terraform (JSON and HCL), checked and with its access proven offline first.',
  '',
  'Commands:',
  ...COMMANDS.map((command) => `  ${command.padEnd(10)}${HELP[command].summary}`),
  '',
  "Run 'instance-profile <command> --help' for a command's options, exit codes and an example.",
  '  --version   show the version',
  '',
  'Results go to stdout, progress and problems to stderr.',
  'Through npm: npm run <command> -- [spec-file] [options], e.g. npm run synth -- my-spec.yaml',
].join('\n');

/** Where a usage error points: the command's own help page. */
export function helpHint(command: Command | undefined): string {
  return command ? `run 'instance-profile ${command} --help' (npm run ${command} -- --help) for its options` : "run 'instance-profile --help' for the commands";
}
