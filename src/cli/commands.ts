/**
 * The command line as one table: a record per command with its options, its help text, an
 * example and its handler. Parsing and usage errors (`command-line.ts`), the help pages and the
 * overview (`usage.ts`) are derived from it; the handlers call the library functions that tests
 * call directly.
 */
import { runCheck } from './check-command';
import type { OptionName, OptionRules, OptionValues } from './command-options';
import type { StackSelection } from './stack-selection';
import { runDoctor } from './doctor-command';
import { DEFAULT_IMPORT_FILE, runImport } from './import-command';
import { DEFAULT_SCHEMA_FILE, runSchema } from './schema-command';
import { DEFAULT_TERRAFORMRC_FILE, runTerraformrc } from './terraformrc-command';
import { DEFAULT_OUT_DIR, runDrift, runModule, runSynth, type SynthOptions } from './synth-command';
import { runAsk, runVerify } from './verify-command';

/** One option as one command takes it: the declaration's, with this command's text, default and rules. */
export interface OptionUse extends OptionRules {
  /** The option. */
  readonly name: OptionName;
  /** Its help text on this command's page. @default - the declaration's */
  readonly help?: string;
  /** The value this command uses when it is not given, as its help page shows it. @default - the declaration's */
  readonly default?: string;
  /** The value's placeholder on this command's page (`<file>` where others take `<dir>`). @default - the declaration's */
  readonly valueName?: string;
  /** Given more than once on this command, its values are joined with commas. @default - the declaration's */
  readonly repeatable?: boolean;
}

/** What a handler gets: the command line, parsed and checked against the command's record. */
export interface CommandRun {
  /** The spec file given. @default - none: the built-in example */
  readonly specFile?: string;
  /** The options given (only those the command takes). */
  readonly values: OptionValues;
  /** Progress and notes (standard error); silent with --quiet. */
  readonly log: (line: string) => void;
  /** Results (standard output); silent with --quiet. */
  readonly print: (line: string) => void;
}

/** One command: what it takes, how its help page describes it, and what runs it. */
export interface CommandRecord {
  /** One line for the overview. */
  readonly summary: string;
  /** The synopsis after `Usage: instance-profile `; further forms on lines of their own. */
  readonly usage: string;
  /** What it does, for its help page. */
  readonly description: string;
  /** It takes one spec file at most (else none). */
  readonly takesSpecFile: boolean;
  /** The options it takes, in the order its help page lists them (`--help` is added to each). */
  readonly options: readonly OptionUse[];
  /** Its exit codes, for its help page. */
  readonly exitCodes: string;
  /** An example, for its help page. */
  readonly example: string;
  /** It writes output, so a failed run says that nothing was written. @default false */
  readonly writesOutput?: boolean;
  /** Runs it; resolves to false when its input fails (exit code 1). */
  readonly handler: (run: CommandRun) => Promise<boolean> | boolean;
}

/** Where the module command writes by default (`defaultModuleFolder`), as help pages show it. */
const MODULE_FOLDER = 'generated/module/<stack>';
const SPEC_FILE = 'Without a spec file the built-in example is used (the manual walkthrough).';
/** The exit codes of the commands that write output (synth, module). */
const WRITING_EXIT_CODES = '0 written, 1 invalid spec or policy document, or an unmet expectation (nothing written), 2 usage error, 3 internal error';

/** The options of synth, module and drift, as their library function takes them. */
function synthOptions({ specFile, values, log, print }: CommandRun): SynthOptions {
  return {
    specFile,
    outDir: values.out,
    module: values.module ?? false,
    layout: values.layout,
    fleets: values.fleets,
    log,
    print,
    verbose: values.verbose ?? false,
    quiet: values.quiet ?? false,
  };
}

/** The stacks selected by `--environment` and `--stack`. */
function selectionOf({ values }: CommandRun): StackSelection {
  return { environment: values.environment, stack: values.stack };
}

/** `check`'s `--environment` and `--stack`: they select stacks of a spec, so not with `--plan`. */
const CHECK_SELECTION_OPTIONS: readonly OptionUse[] = (['environment', 'stack'] as const).map((name) => ({
  name,
  conflicts: [{ with: [{ option: 'plan' }], message: `--${name} selects stacks of a spec; check --plan checks the plan as it is` }],
}));

/** The handler of a command that writes (synth, module): it throws on anything that fails. */
function writing(write: (options: SynthOptions) => Promise<void>): CommandRecord['handler'] {
  return async (run) => {
    await write(synthOptions(run));
    return true;
  };
}

/** Every command, in the order the overview lists them. */
export const COMMANDS = {
  synth: {
    summary: 'check the spec, prove its access, write Terraform JSON, HCL and diagrams (default)',
    usage: 'synth [spec-file] [options]',
    description: `Checks the spec, decides its access expectations offline, then writes Terraform JSON, HCL and
the diagrams (the default command). Nothing is written when anything fails.
${SPEC_FILE}
The access table and the files written go to stdout; progress, warnings and errors to stderr.`,
    takesSpecFile: true,
    options: [{ name: 'out', default: DEFAULT_OUT_DIR }, { name: 'layout' }, { name: 'fleets' }, { name: 'verbose' }, { name: 'quiet' }],
    exitCodes: WRITING_EXIT_CODES,
    example: 'npm run synth -- my-spec.yaml --out generated',
    writesOutput: true,
    handler: writing(runSynth),
  },
  check: {
    summary: 'run every check on what the spec (or a plan) deploys; print the findings',
    usage: 'check [spec-file] [options]\n  check --plan plan.json',
    description: `Runs every check (IAM grammar and quotas, AWS names, security rules) on what the spec
synthesizes, or on a Terraform plan, and prints the findings table. Writes nothing.\n${SPEC_FILE}`,
    takesSpecFile: true,
    options: [{ name: 'plan', refusesSpecFile: 'the plan is checked as Terraform plans it' }, ...CHECK_SELECTION_OPTIONS],
    exitCodes: '0 no unsuppressed error, 1 an unsuppressed error, 2 usage error, 3 internal error',
    example: 'npm run check -- my-spec.yaml --environment prod',
    handler: (run) => runCheck(run.specFile, run.values.plan, selectionOf(run)),
  },
  verify: {
    summary: "decide each profile's access expectations offline; print the access table",
    usage: `verify [spec-file] [options]
  verify [spec-file] --expect expect.yaml
  verify --plan plan.json [spec-file | --expect expect.yaml]
  verify [spec-file] --ask "<action> <resource>" --profile <instance-profile>`,
    description: `Decides each profile's expectations (e.g. "put s3://bucket/key") and its role's trust offline
with iam-simulate, per stack, and prints the access table. Writes nothing.
With --expect, the file's expectations are decided instead of the spec's (on a plan, or on the
spec's stacks). A plan with a spec is matched to the spec's stack by the plan's account and
region; --environment or --stack says which when several could be it.
--ask decides one request of one instance profile in each stack that holds it and prints
"allowed" or "denied" with the deciding statements.\n${SPEC_FILE}`,
    takesSpecFile: true,
    options: [
      { name: 'plan' },
      { name: 'expect' },
      { name: 'environment' },
      { name: 'stack' },
      { name: 'ask' },
      { name: 'profile', requires: { option: 'ask', reason: 'it names who makes the request' } },
    ],
    exitCodes: '0 every expectation met (with --ask: allowed), 1 one is not or cannot be decided (with --ask: denied), 2 usage error, 3 internal error',
    example: 'npm run verify -- my-spec.yaml --ask "s3:PutObject arn:aws:s3:::instance-profile-test1/key" --profile S3WriteProfile',
    handler: (run) => {
      const { specFile, values } = run;
      if (values.ask !== undefined) return runAsk({ specFile, ...selectionOf(run), request: values.ask, profile: values.profile! });
      return runVerify({ specFile, ...selectionOf(run), planFile: values.plan, expectFile: values.expect });
    },
  },
  drift: {
    summary: 'fail when the output folder differs from what synth or module would write',
    usage: 'drift [spec-file] [options]',
    description: `Compares the output folder with what synth (or, with --module, module) would write with the
same arguments, and lists the files that differ. Writes nothing.`,
    takesSpecFile: true,
    options: [
      { name: 'out', help: 'The folder to compare', default: `${DEFAULT_OUT_DIR}; with --module, ${MODULE_FOLDER}` },
      { name: 'module' },
      { name: 'layout' },
      { name: 'fleets' },
    ],
    exitCodes: '0 up to date, 1 out of date or an invalid spec, 2 usage error, 3 internal error',
    example: 'npm run drift -- my-spec.yaml --out generated',
    handler: (run) => runDrift(synthOptions(run)),
  },
  module: {
    summary: 'write a registry-style Terraform module generated from the spec, with tests',
    usage: 'module [spec-file] [options]',
    description: `Checks the spec like synth, then writes a Terraform module generated from it: main.tf,
variables.tf, outputs.tf, versions.tf, a README, examples/ (complete/, or one per environment) and native tests
(terraform test). Nothing is written when anything fails.\n${SPEC_FILE}`,
    takesSpecFile: true,
    options: [{ name: 'out', default: MODULE_FOLDER }, { name: 'verbose' }, { name: 'quiet' }],
    exitCodes: WRITING_EXIT_CODES,
    example: 'npm run module -- my-spec.yaml --out modules/s3-writer',
    writesOutput: true,
    handler: writing(runModule),
  },
  doctor: {
    summary: 'list what the spec expects in the account; find orphaned instance profiles',
    usage: 'doctor [spec-file] [--inventory profiles.json] [--environment <name>]',
    description: `Lists the instance profiles and roles the spec expects in each environment's account, with
their ARNs in that account, grouped by environment. With an inventory, also
finds which exist already (to adopt), which are orphaned (a profile whose role is gone) and
which the spec does not list. Reads only; writes nothing.\n${SPEC_FILE}`,
    takesSpecFile: true,
    options: [{ name: 'inventory' }, { name: 'environment' }, { name: 'stack' }],
    exitCodes: '0 nothing to clean up, 1 orphaned or conflicting profiles (or an invalid spec), 2 usage error, 3 internal error',
    example: 'aws iam list-instance-profiles --output json > profiles.json && npm run doctor -- my-spec.yaml --inventory profiles.json',
    handler: (run) => runDoctor(run.specFile, run.values.inventory, selectionOf(run)),
  },
  import: {
    summary: "write a spec that adopts what an account's export holds, and prove it changes nothing",
    usage: `import --authorization-details <file[,file...]> [--instances <file>] [--associations <file>] [options]
  import --authorization-details page-1.json,page-2.json --profile 'web-*' --out -
  import --environment dev=iam-dev.json --environment prod=iam-prod.json --instances dev.json,prod.json`,
    description: `Reads an account's export (the JSON of aws iam get-account-authorization-details, and of
aws ec2 describe-instances and describe-iam-instance-profile-associations) and writes a spec
that describes what exists: one profile per instance profile chosen, everything adopted with
import blocks (adopt: true, instance.existingId), its documents as files beside the spec
(policies/<PolicyName>.json, trust/<RoleName>.json, inline-policies/<RoleName>.<PolicyName>.json).
Ten or more look-alike profiles (alike but for names, ids and buckets) are one fleet: a template
and its items (--fleet-min). With --environment per account, one spec holds every account as an
environment, a profile in several of them once, with variables where they differ.
It lists what the spec cannot express (service-linked roles, profiles holding no role, ...) with
what was done with it, then loads the spec as written, synthesizes it and compares every imported
resource's arguments with the export: the table lists what the first terraform apply would change
("no change on import" when nothing).
--profile takes a name or a glob of * and ?; --profile, --path and --tag must all hold.
With --out - the spec, its documents inline, goes to stdout and the report to stderr.
An existing spec or document file is overwritten only with --force; nothing is written on any
error, and the spec and its documents are written together or not at all.`,
    takesSpecFile: false,
    options: [
      { name: 'authorization-details' },
      {
        name: 'environment',
        valueName: '<name=file[,file...]>',
        repeatable: true,
        help: "one account's get-account-authorization-details (its pages comma-separated) for the environment <name>, instead of --authorization-details; repeat it per environment: one spec, a profile in several environments once, with variables where they differ",
      },
      {
        name: 'instances',
        repeatable: true,
        help: 'output of `aws ec2 describe-instances --output json` (the instances to adopt, and the region); several files, comma-separated, with --environment: each instance goes to the account of its profile',
      },
      { name: 'associations', repeatable: true },
      {
        name: 'inventory',
        help: 'output of `aws iam list-instance-profiles --output json`: lists the instance profiles that hold no role, which the authorization details cannot show',
      },
      { name: 'profile', help: 'only the instance profiles of this name, or matching this glob (* and ?)' },
      { name: 'path' },
      { name: 'tag' },
      { name: 'fleet-min' },
      { name: 'out', help: 'The spec file, or - for stdout', default: DEFAULT_IMPORT_FILE, valueName: '<file|->' },
      { name: 'force' },
      { name: 'quiet' },
    ],
    exitCodes:
      '0 written, and no change on import, 1 an invalid or incomplete export, a file that exists (without --force), or a change on import (the spec is written and the changes listed), 2 usage error, 3 internal error',
    example:
      'aws iam get-account-authorization-details --output json > iam.json && npm run import -- --authorization-details iam.json --instances instances.json --associations associations.json',
    writesOutput: true,
    handler: ({ values, log, print }) =>
      runImport({
        authorizationDetails: values['authorization-details'],
        environments: values.environment,
        inventory: values.inventory,
        fleetMin: values['fleet-min'],
        instances: values.instances,
        associations: values.associations,
        profile: values.profile,
        path: values.path,
        tag: values.tag,
        out: values.out,
        force: values.force ?? false,
        log,
        print,
      }),
  },
  schema: {
    summary: "write the spec's JSON Schema, for editor completion",
    usage: 'schema [options]',
    description: "Writes the spec's JSON Schema, for editor completion and validation.",
    takesSpecFile: false,
    options: [{ name: 'out', help: 'Output file', default: DEFAULT_SCHEMA_FILE, valueName: '<file>' }, { name: 'quiet' }],
    exitCodes: '0 written, 1 cannot write the file, 2 usage error',
    example: 'npm run schema -- --out spec.schema.json',
    writesOutput: true,
    handler: ({ values, log }) => {
      runSchema(values.out ?? DEFAULT_SCHEMA_FILE, log);
      return true;
    },
  },
  terraformrc: {
    summary: 'write a Terraform CLI configuration that installs the AWS provider from a local mirror',
    usage: 'terraformrc [options]',
    description: `Finds a Terraform filesystem mirror holding the AWS provider the seeded lock files record
(TF_PROVIDER_MIRROR, Terraform's implicit local mirror folders, then the usual install
locations), and writes a Terraform CLI configuration that installs it from there and every
other provider from its registry. Point TF_CLI_CONFIG_FILE at it (the export line goes to
stdout) to run terraform init in the generated folders without the network.`,
    takesSpecFile: false,
    options: [{ name: 'out', help: 'Output file', default: DEFAULT_TERRAFORMRC_FILE, valueName: '<file>' }, { name: 'quiet' }],
    exitCodes: '0 written, 1 no mirror holds the provider, or the file cannot be written, 2 usage error',
    example: 'eval "$(npx instance-profile terraformrc -o ~/.terraform-offline.tfrc)" && terraform -chdir=generated/hcl/s3-write init',
    writesOutput: true,
    handler: ({ values, log, print }) => runTerraformrc(values.out ?? DEFAULT_TERRAFORMRC_FILE, log, print),
  },
} satisfies Record<string, CommandRecord>;

/** A command's name. */
export type Command = keyof typeof COMMANDS;

/** The command names, in the order the overview lists them. */
export const COMMAND_NAMES = Object.keys(COMMANDS) as Command[];

/** The command that runs when none is named. */
export const DEFAULT_COMMAND: Command = 'synth';

/** Whether `word` names a command. */
export function isCommand(word: string | undefined): word is Command {
  return word !== undefined && Object.prototype.hasOwnProperty.call(COMMANDS, word);
}

/** The record of a command. */
export function commandRecord(command: Command): CommandRecord {
  return COMMANDS[command];
}

/** The options a command's help page lists: its record's, then `--help`, which every command takes. */
export function optionsOf(command: Command): readonly OptionUse[] {
  return [...commandRecord(command).options, { name: 'help' }];
}
