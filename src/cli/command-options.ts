/**
 * The command-line options, each declared once: its alias, its type, its value, its help text
 * and the rules it keeps wherever it is used. The command table (`commands.ts`) says which
 * commands take which option; parsing, usage errors and the help pages are derived from both.
 */
import { DEFAULT_FLEET_FORM, DEFAULT_LAYOUT } from './synth-command';
import { FLEET_MIN_ITEMS } from '../account-export';

/** One value an option with choices takes, and what it means. */
export interface OptionChoice {
  /** The value as written on the command line. */
  readonly value: string;
  /** What it means, for the help page. */
  readonly help: string;
}

/** Another option, or that option given one value. */
export interface OptionCondition {
  /** The other option. */
  readonly option: OptionName;
  /** Only when the other option has this value. @default - whatever its value */
  readonly value?: string;
}

/** Options this one cannot be given with. */
export interface OptionConflict {
  /** The options (or option values) it conflicts with; any one of them is a conflict. */
  readonly with: readonly OptionCondition[];
  /** The usage error, naming both options and why. */
  readonly message: string;
}

/** The rules an option keeps: what it needs and what it refuses. */
export interface OptionRules {
  /** The option it needs, and why (`--expect goes with --plan (why)`). @default - it needs none */
  readonly requires?: { readonly option: OptionName; readonly reason: string };
  /** The options it cannot be given with. @default - none */
  readonly conflicts?: readonly OptionConflict[];
  /** Why a spec file cannot be given with it (`check --plan takes no spec file (got "x"): why`). @default - a spec file can be given */
  readonly refusesSpecFile?: string;
  /** Why a spec file cannot be given with it when another option is given too (`verify --expect with --plan takes no spec file`). @default - none */
  readonly refusesSpecFileWith?: { readonly option: OptionName; readonly reason: string };
}

/** One option as every command that takes it shares it. */
export interface OptionDeclaration extends OptionRules {
  /** Its one-letter alias (`o` for `-o`). @default - none */
  readonly short?: string;
  /** `string` takes a value; `boolean` is a flag. */
  readonly type: 'string' | 'boolean';
  /** How the help page names its value. @default - its choices (`<flat|module>`), or none for a flag */
  readonly value?: string;
  /** The values it takes; any other is a usage error. @default - any value */
  readonly choices?: readonly OptionChoice[];
  /** The value used when it is not given, as the help page shows it. @default - none */
  readonly default?: string;
  /** The help text. @default - its choices, the default marked (`a (default), or b`) */
  readonly help?: string;
  /** Given more than once, its values are joined with commas (a list option); else the last one given wins. @default false */
  readonly repeatable?: boolean;
}

/** Every option name, in the order usage errors name them. */
export const OPTION_NAMES = [
  'out',
  'module',
  'layout',
  'fleets',
  'inventory',
  'plan',
  'expect',
  'environment',
  'stack',
  'ask',
  'profile',
  'authorization-details',
  'instances',
  'associations',
  'path',
  'tag',
  'fleet-min',
  'force',
  'quiet',
  'verbose',
  'help',
  'version',
] as const;

/** The name of an option, as written after `--`. */
export type OptionName = (typeof OPTION_NAMES)[number];

/** Every option of every command, by name. */
export const OPTIONS = {
  out: { short: 'o', type: 'string', value: '<dir>', help: 'Output folder' },
  module: { type: 'boolean', help: 'the folder holds a module written by the module command' },
  layout: {
    type: 'string',
    choices: [
      { value: 'flat', help: 'flat roots' },
      { value: 'module', help: 'the module once in <out>/module/<name> and a thin root per stack calling it' },
    ],
    default: DEFAULT_LAYOUT,
    conflicts: [{ with: [{ option: 'module' }], message: '--layout is for synth output; drift --module compares what the module command wrote' }],
  },
  fleets: {
    type: 'string',
    choices: [
      { value: 'for_each', help: 'each fleet as one module call with for_each over its items' },
      { value: 'expanded', help: 'resources of its own per item' },
    ],
    default: DEFAULT_FLEET_FORM,
    conflicts: [
      {
        with: [{ option: 'module' }, { option: 'layout', value: 'module' }],
        message: '--fleets is for the flat layout: the module command and the module layout expand fleets',
      },
    ],
  },
  inventory: { type: 'string', value: '<file>', help: 'output of `aws iam list-instance-profiles --output json`' },
  plan: { type: 'string', value: '<file>', help: 'the JSON of `terraform show -json <planfile>`, instead of a spec' },
  expect: {
    type: 'string',
    value: '<file>',
    help: "expectations per instance profile (YAML or JSON, the spec's syntax): with --plan, instead of a spec's; else decided on the spec's stacks instead of its own",
    refusesSpecFileWith: { option: 'plan', reason: 'give the expectations either in a spec or with --expect, not both' },
  },
  environment: { type: 'string', value: '<name>', help: "only the stacks of this environment of the spec (a key of the spec's environments)" },
  stack: { type: 'string', value: '<name>', help: 'only this stack, by its planned name (<stack>[-<environment>][-<shard>]): one shard of a fleet' },
  ask: {
    type: 'string',
    value: '<request>',
    help: 'decide one request, quoted, as an expectation writes it ("s3:PutObject arn:aws:s3:::bucket/key", "put s3://bucket/key"); exit 0 when allowed',
    requires: { option: 'profile', reason: 'the request is made by one instance profile' },
    conflicts: [
      { with: [{ option: 'plan' }, { option: 'expect' }], message: "--ask decides one request on the spec's stacks; it goes with neither --plan nor --expect" },
    ],
  },
  profile: {
    type: 'string',
    value: '<name>',
    help: 'with --ask: the instance profile that makes the request',
  },
  'authorization-details': {
    type: 'string',
    value: '<file[,file...]>',
    repeatable: true,
    help: 'output of `aws iam get-account-authorization-details --output json`: one file, or its pages in the order fetched, comma-separated (or the option repeated)',
  },
  instances: { type: 'string', value: '<file>', help: 'output of `aws ec2 describe-instances --output json` (the instances to adopt, and the region)' },
  associations: {
    type: 'string',
    value: '<file>',
    help: 'output of `aws ec2 describe-iam-instance-profile-associations --output json` (which profile each instance has now)',
  },
  path: { type: 'string', value: '<prefix>', help: "only instance profiles whose path, or whose role's path, starts with this (e.g. /team/)" },
  tag: { type: 'string', value: '<key=value>', help: 'only instance profiles whose role (or the profile itself) carries this tag' },
  'fleet-min': {
    type: 'string',
    value: '<n>',
    default: String(FLEET_MIN_ITEMS),
    help: 'the fewest look-alike instance profiles (alike but for names, ids and buckets) written as one fleet, a template and its items; 0 writes each on its own',
  },
  force: { type: 'boolean', help: 'overwrite the spec file and document files that exist' },
  quiet: { short: 'q', type: 'boolean', help: 'print only problems' },
  verbose: { short: 'v', type: 'boolean', help: 'list every low finding (by default they are summarized in one line)' },
  help: { short: 'h', type: 'boolean', help: 'show this help' },
  version: { type: 'boolean', help: 'show the version' },
} as const satisfies { readonly [Name in OptionName]: OptionDeclaration };

/** The options every command takes, and that the parser answers before running one. */
export const GLOBAL_OPTIONS: readonly OptionName[] = ['help', 'version'];

/** The options given on a command line, typed by their declarations (a choice's values for an option with choices). */
export type OptionValues = { readonly [Name in OptionName]?: ValueOf<(typeof OPTIONS)[Name]> };

type ValueOf<Declaration> = Declaration extends { readonly type: 'boolean' }
  ? boolean
  : Declaration extends { readonly choices: ReadonlyArray<{ readonly value: infer Value }> }
    ? Value
    : string;

/** The declaration of an option, widened to the interface. */
export function declarationOf(name: OptionName): OptionDeclaration {
  return OPTIONS[name];
}

/** How help pages and usage errors write an option: `-o, --out <dir>`, `--layout <flat|module>`, `-q, --quiet`. */
export function optionFlag(name: OptionName, valueName?: string): string {
  const declaration = declarationOf(name);
  const value =
    declaration.type === 'string' ? ` ${valueName ?? declaration.value ?? `<${(declaration.choices ?? []).map((choice) => choice.value).join('|')}>`}` : '';
  return `${declaration.short ? `-${declaration.short}, ` : ''}--${name}${value}`;
}
