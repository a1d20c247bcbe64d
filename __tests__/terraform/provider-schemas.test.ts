/**
 * The committed provider schema snapshots, proven and used:
 *
 * - the 5.100.0 snapshot, read from the bindings the project builds with, is what real Terraform
 *   prints for the AWS provider 5.100.0 (`terraform providers schema -json`, offline, from the
 *   mirror), type by type, and what the extraction reads from the installed bindings now: this
 *   proves the method the 6.x snapshots were read with, whose provider binaries are not here;
 * - every kind of generated output (flat JSON and HCL roots with their fleet modules, the thin
 *   roots and the module of `synth --layout module`, and the module command's output, with its
 *   examples) of the built-in example and of every example and fixture spec is accepted by every
 *   snapshot, `.tf` files read as HCL (@cdktf/hcl2json);
 * - the same walk over an output with cpu_core_count added to an instance in a `.tf` file
 *   reports it for 6.x.
 *
 * Each spec is synthesized once per command; every snapshot checks the same parsed files.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parse as parseHcl } from '@cdktf/hcl2json';
import { partitionKind, RESOURCE_KINDS } from '../../src/resource-kinds';
import { AWS_PROVIDER_VERSION } from '../../src/terraform-requirements';
import {
  AWS_PROVIDER_SCHEMAS,
  blockSchemaOfTerraform,
  checkProviderSchema,
  type KnownProviderSchema,
  type TerraformSchemaBlock,
} from '../../src/terraform/provider-schema';
import { type JsiiAssembly, snapshotOfBindings } from '../../scripts/provider-schemas/bindings-schema';
import { writtenTypes } from '../../scripts/provider-schemas/written-types';
import { useOfflineTerraform } from '../helpers/offline-terraform';
import { awsProviderSchema } from '../helpers/terraform-plans';
import { runCli } from '../helpers/run-cli';
import { FIXTURES } from '../helpers/synth';
import { tempDir } from '../helpers/temp-dirs';

const terraform = useOfflineTerraform();
const ROOT = path.join(__dirname, '..', '..');
const EXAMPLES = path.join(ROOT, 'examples');

/** The commands whose output is checked, by the name the tests give them. */
const COMMANDS = {
  synth: ['synth'],
  'synth --layout module': ['synth', '--layout', 'module'],
  module: ['module'],
} as const;
type Command = keyof typeof COMMANDS;
const ALL_COMMANDS = Object.keys(COMMANDS) as Command[];

/**
 * The specs, with the commands that write them. module-variables.yaml declares a variable
 * without a default, which only a module can take as an input: synth refuses it (asserted below).
 */
const SPECS: ReadonlyArray<{ readonly name: string; readonly file?: string; readonly commands: readonly Command[] }> = [
  { name: 'the built-in example', commands: ALL_COMMANDS },
  { name: 'all-options.yaml', file: path.join(FIXTURES, 'all-options.yaml'), commands: ALL_COMMANDS },
  { name: 'fleet-module.yaml', file: path.join(FIXTURES, 'fleet-module.yaml'), commands: ALL_COMMANDS },
  { name: 'organisation.yaml', file: path.join(FIXTURES, 'organisation.yaml'), commands: ALL_COMMANDS },
  { name: 'module-variables.yaml', file: path.join(FIXTURES, 'module-variables.yaml'), commands: ['module'] },
  { name: 'examples/two-profiles.yaml', file: path.join(EXAMPLES, 'two-profiles.yaml'), commands: ALL_COMMANDS },
  { name: 'examples/seed/spec.yaml', file: path.join(EXAMPLES, 'seed', 'spec.yaml'), commands: ALL_COMMANDS },
];

/** One Terraform file of an output folder, parsed. */
interface ParsedFile {
  /** Its path inside the output folder, `hcl/s3-write/main.tf`. */
  readonly file: string;
  readonly config: Record<string, unknown>;
}

/** Every `.tf` (read as HCL) and `.tf.json` file below `dir`, in path order; `.terraform/` left out. */
async function terraformFiles(dir: string): Promise<ParsedFile[]> {
  const found: string[] = [];
  const walk = (relative: string): void => {
    for (const entry of fs.readdirSync(path.join(dir, relative), { withFileTypes: true })) {
      const file = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (entry.name !== '.terraform') walk(file);
      } else if (entry.name.endsWith('.tf') || entry.name.endsWith('.tf.json')) found.push(file);
    }
  };
  walk('');
  return Promise.all(
    found.sort().map(async (file): Promise<ParsedFile> => {
      const text = fs.readFileSync(path.join(dir, file), 'utf8');
      return { file, config: file.endsWith('.tf.json') ? JSON.parse(text) : await parseHcl(file, text) };
    }),
  );
}

/** Every problem of the files for one snapshot, as `<file>: <message>`. */
function problemsOf(files: readonly ParsedFile[], schema: KnownProviderSchema): string[] {
  return files.flatMap(({ file, config }) => checkProviderSchema(config, schema).map((problem) => `${file}: ${problem.message}`));
}

/** One command's output for one spec: where it was written and its Terraform files. */
interface Output {
  readonly spec: string;
  readonly command: Command;
  readonly dir: string;
  readonly files: readonly ParsedFile[];
}

let outputs: readonly Output[] = [];
beforeAll(async () => {
  const written: Output[] = [];
  for (const spec of SPECS) {
    for (const command of spec.commands) {
      const dir = tempDir('provider-schemas-');
      const run = await runCli([...COMMANDS[command], ...(spec.file ? [spec.file] : []), '-o', path.join(dir, 'out'), '-q'], dir);
      if (run.code !== 0) throw new Error(`${command} of ${spec.name} exited with ${run.code}:\n${run.stderr}`);
      written.push({ spec: spec.name, command, dir: path.join(dir, 'out'), files: await terraformFiles(path.join(dir, 'out')) });
    }
  }
  outputs = written;
});

/** The AWS provider's part of `terraform providers schema -json`. */
interface AwsProviderSchemaJson {
  readonly provider: { readonly block: TerraformSchemaBlock };
  readonly resource_schemas: Readonly<Record<string, { readonly block: TerraformSchemaBlock }>>;
  readonly data_source_schemas: Readonly<Record<string, { readonly block: TerraformSchemaBlock }>>;
}

const schemaOf = (version: string) => AWS_PROVIDER_SCHEMAS.find((schema) => schema.version === version)!;

describe(`the AWS provider ${AWS_PROVIDER_VERSION} snapshot`, () => {
  it('is what real Terraform prints for the provider (terraform providers schema -json, offline): every argument, block and required one of each type', () => {
    const real = awsProviderSchema(terraform()) as unknown as AwsProviderSchemaJson;
    const snapshot = schemaOf(AWS_PROVIDER_VERSION);
    expect(snapshot).toBeDefined();
    const types = RESOURCE_KINDS.map((kind) => kind.type).sort();
    expect(Object.keys(snapshot.resources)).toEqual(types);
    expect(Object.keys(snapshot.dataSources)).toEqual([partitionKind.type]);
    for (const type of types)
      expect({ type, schema: snapshot.resources[type] }).toEqual({ type, schema: blockSchemaOfTerraform(real.resource_schemas[type].block) });
    expect(snapshot.dataSources[partitionKind.type]).toEqual(blockSchemaOfTerraform(real.data_source_schemas[partitionKind.type].block));
    expect(snapshot.providerConfig).toEqual(blockSchemaOfTerraform(real.provider.block));
    expect(snapshot.resources.aws_instance.arguments).toEqual(expect.arrayContaining(['cpu_core_count', 'cpu_threads_per_core', 'user_data']));
  });

  it('is what the extraction (scripts/provider-schemas/) reads from the installed @cdktf/provider-aws bindings now, whichever committed release they bind', () => {
    const bindings = path.dirname(require.resolve('@cdktf/provider-aws/package.json', { paths: [ROOT] }));
    const manifest = JSON.parse(fs.readFileSync(path.join(bindings, 'package.json'), 'utf8'));
    const version: string = manifest.cdktf.provider.version;
    expect(AWS_PROVIDER_SCHEMAS.map((schema) => schema.version)).toContain(version);
    const assembly = JSON.parse(fs.readFileSync(path.join(bindings, '.jsii'), 'utf8')) as JsiiAssembly;
    const read = snapshotOfBindings(assembly, version, writtenTypes(), (file) => fs.readFileSync(path.join(bindings, file), 'utf8'));
    const { major: _major, ...committed } = schemaOf(version);
    expect(read).toEqual(committed);
  });
});

describe('every kind of generated output', () => {
  it('is written for every spec and command, and holds what the checks must see: JSON and HCL roots, fleet modules, thin roots, modules and their examples', () => {
    expect(outputs.map(({ spec, command }) => `${spec}: ${command}`)).toEqual(
      SPECS.flatMap((spec) => spec.commands.map((command) => `${spec.name}: ${command}`)),
    );
    const files = (command: Command, pattern: RegExp) =>
      outputs.filter((output) => output.command === command).flatMap(({ files }) => files.filter(({ file }) => pattern.test(file)));
    expect(files('synth', /^json\/[^/]+\/main\.tf\.json$/).length).toBeGreaterThanOrEqual(7);
    expect(files('synth', /^hcl\/[^/]+\/main\.tf$/).length).toBeGreaterThanOrEqual(7);
    for (const form of [/^json\/[^/]+\/fleets\/[^/]+\/main\.tf\.json$/, /^hcl\/[^/]+\/fleets\/[^/]+\/main\.tf$/]) {
      const fleetModules = files('synth', form);
      expect(fleetModules.length).toBeGreaterThan(0);
      expect(fleetModules.every(({ config }) => 'resource' in config)).toBe(true);
    }
    const calls = (command: Command) => files(command, /^(json|hcl)\/[^/]+\/main\.tf(\.json)?$/).filter(({ config }) => 'module' in config);
    expect(calls('synth').some(({ config }) => JSON.stringify(config.module).includes('for_each'))).toBe(true);
    expect(calls('synth --layout module').length).toBe(files('synth --layout module', /^(json|hcl)\/[^/]+\/main\.tf(\.json)?$/).length);
    expect(files('synth --layout module', /^module\/[^/]+\/main\.tf$/).length).toBe(6);
    expect(files('module', /^main\.tf$/).length).toBe(7);
    expect(files('module', /^examples\/[^/]+\/main\.tf$/).length).toBeGreaterThanOrEqual(7);
  });

  it('writes every resource kind, the partition data source, the provider and an ignore_changes list, in JSON and in HCL, so the checks below see them', () => {
    const seen = (format: RegExp) => {
      const configs = outputs.flatMap(({ files }) => files.filter(({ file }) => format.test(file)).map(({ config }) => config as any));
      return {
        resources: RESOURCE_KINDS.map((kind) => kind.type).filter((type) => configs.some((config) => config.resource?.[type] !== undefined)),
        partition: configs.some((config) => config.data?.[partitionKind.type] !== undefined),
        provider: configs.some((config) => config.provider?.aws !== undefined),
        ignoreChanges: configs.some((config) => JSON.stringify(config.resource?.aws_instance ?? {}).includes('"ignore_changes"')),
      };
    };
    const everything = { resources: RESOURCE_KINDS.map((kind) => kind.type), partition: true, provider: true, ignoreChanges: true };
    expect(seen(/\.tf\.json$/)).toEqual(everything);
    expect(seen(/\.tf$/)).toEqual(everything);
  });

  it("of module-variables.yaml is the module's only: synth refuses its variable without a default", async () => {
    const dir = tempDir('provider-schemas-');
    const run = await runCli(['synth', path.join(FIXTURES, 'module-variables.yaml'), '-o', path.join(dir, 'out'), '-q'], dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('which the flat root needs');
  });

  it.each(AWS_PROVIDER_SCHEMAS.map((schema) => [schema.version, schema] as const))(
    'is accepted by the AWS provider %s snapshot, every file of every output',
    (_version, schema) => {
      expect(outputs.length).toBeGreaterThan(0);
      expect(outputs.flatMap(({ spec, command, files }) => problemsOf(files, schema).map((problem) => `${spec} (${command}) ${problem}`))).toEqual([]);
    },
  );
});

describe('an output with cpu_core_count added to an instance in a .tf file', () => {
  it('is refused by the 6.x snapshots at that file and address, and accepted by 5.100.0', async () => {
    const builtIn = (command: Command) => outputs.find((output) => output.spec === 'the built-in example' && output.command === command)!;
    const edited = tempDir('provider-schemas-edited-');
    const changed: string[] = [];
    for (const [command, file] of [
      ['synth', 'hcl/s3-write/main.tf'],
      ['module', 'main.tf'],
    ] as const) {
      const target = path.join(edited, command);
      fs.cpSync(builtIn(command).dir, target, { recursive: true });
      const text = fs.readFileSync(path.join(target, file), 'utf8');
      const withCores = text.replace(/^(resource "aws_instance" "(\w+)" \{\n)/m, '$1  cpu_core_count = 2\n');
      expect(withCores).not.toBe(text);
      fs.writeFileSync(path.join(target, file), withCores);
      changed.push(`${command}/${file}: aws_instance.${/^resource "aws_instance" "(\w+)"/m.exec(text)![1]}`);
    }
    const files = await terraformFiles(edited);
    expect(problemsOf(files, schemaOf(AWS_PROVIDER_VERSION))).toEqual([]);
    for (const schema of AWS_PROVIDER_SCHEMAS.filter(({ major }) => major === 6)) {
      expect(problemsOf(files, schema)).toEqual(
        changed
          .sort()
          .map(
            (where) =>
              `${where}: cpu_core_count is not an argument of aws_instance in AWS provider ${schema.version} (AWS provider ${AWS_PROVIDER_VERSION} has it): remove it`,
          ),
      );
    }
  });
});
