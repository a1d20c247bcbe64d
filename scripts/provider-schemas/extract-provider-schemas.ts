/**
 * `npm run provider-schemas [-- --check] [--out DIR]`: writes the committed provider schema
 * snapshots, src/terraform/provider-schemas/aws-<version>.ts and their index, from the AWS
 * provider's binding packages. Run it by hand when a binding is added or bumped (the BINDINGS
 * below) or the project starts writing another type; the tests read only the committed files.
 *
 * Each binding package is fetched with `npm pack` into a scratch folder (it is no dependency of
 * the project; the folder is removed afterwards), and its `.jsii` type file and the compiled
 * `lib/<type>/index.js` of each type are read (bindings-schema.ts): every argument, every nested
 * block with its own arguments, and which are required, for exactly the resource types, data
 * sources and provider configuration the project writes (written-types.ts: the resource kinds'
 * types, the partition data source, the required provider). The 5.x binding is the one the
 * project builds with; a Terraform test compares its snapshot with the real provider's
 * `terraform providers schema -json`, which proves the method for the 6.x ones, whose provider
 * binaries are not at hand.
 *
 *   --check     write nothing; exit 1 when a committed snapshot differs from the bindings
 *   --out DIR   write into DIR instead of src/terraform/provider-schemas
 *
 * Needs the npm registry (or npm's cache) and `tar`. Progress goes to standard error.
 * Exit codes: 0 written (or up to date), 1 a binding is not as expected or (--check) a snapshot
 * differs, 2 usage error, 3 npm pack or tar failed.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { packageRoot } from '../../src/package-root';
import { AWS_PROVIDER_VERSION } from '../../src/terraform-requirements';
import type { ProviderSchemaSnapshot } from '../../src/terraform/provider-schemas/schema-snapshot';
import { type Binding, packBinding, PackageSetupError, unpack } from './binding-package';
import { BindingsSchemaError, type JsiiAssembly, libFilesOf, snapshotOfBindings } from './bindings-schema';
import { isSnapshotFile, renderIndexModule, renderSnapshotModule, snapshotFileName } from './render-snapshots';
import { writtenTypes } from './written-types';

/**
 * The binding packages read, one per provider release: the 5.x one the project builds with
 * (whose provider real Terraform runs in the tests), and 6.x ones from the start and the end of
 * the range the generated Terraform declares (`>= 5.100.0, < 7.0.0`).
 */
const BINDINGS: readonly Binding[] = [
  { name: '@cdktf/provider-aws', version: '20.1.0', provider: AWS_PROVIDER_VERSION },
  { name: '@cdktf/provider-aws', version: '21.22.1', provider: '6.25.0' },
  { name: '@cdktn/provider-aws', version: '25.7.0', provider: '6.66.0' },
];

const USAGE = `usage: npm run provider-schemas [-- --check] [--out DIR]

Reads the AWS provider's schema for the types the project writes out of the binding packages
(${BINDINGS.map((b) => `${b.name}@${b.version} = AWS ${b.provider}`).join(', ')}),
fetched with npm pack into a scratch folder, and writes src/terraform/provider-schemas/.

  --check     write nothing; exit 1 when a committed snapshot differs from the bindings
  --out DIR   write into DIR instead of src/terraform/provider-schemas

Exit codes: 0 written or up to date, 1 a binding is not as expected or a snapshot differs (--check),
2 usage error, 3 npm pack or tar failed.`;

const log = (line: string) => process.stderr.write(`${line}\n`);

class UsageError extends Error {}

interface Options {
  readonly check: boolean;
  readonly outDir: string;
}

function parseArgs(args: readonly string[]): Options | 'help' {
  let check = false;
  let outDir = path.join(packageRoot(), 'src/terraform/provider-schemas');
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--help' || arg === '-h') return 'help';
    else if (arg === '--check') check = true;
    else if (arg === '--out') {
      const value = args[++i];
      if (!value || value.startsWith('-')) throw new UsageError('--out needs a folder');
      outDir = path.resolve(value);
    } else throw new UsageError(`unknown argument ${arg}`);
  }
  return { check, outDir };
}

/** The snapshot of one binding package: packed, the files it needs unpacked, read. */
function extract(binding: Binding, scratch: string, written: ReturnType<typeof writtenTypes>): ProviderSchemaSnapshot {
  const spec = `${binding.name}@${binding.version}`;
  log(`${spec}: npm pack`);
  const packed = packBinding(binding, scratch);
  const [manifestFile, jsiiFile] = unpack(packed, ['package.json', '.jsii']);
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as { name?: string; version?: string; cdktf?: { provider?: { version?: string } } };
  if (manifest.name !== binding.name || manifest.version !== binding.version) {
    throw new BindingsSchemaError(`npm pack ${spec} gave ${manifest.name}@${manifest.version}`);
  }
  const bound = manifest.cdktf?.provider?.version;
  if (bound !== binding.provider) throw new BindingsSchemaError(`${spec} binds AWS provider ${bound ?? '(none named)'}, not ${binding.provider}`);
  log(`${spec}: reading .jsii (${Math.round(fs.statSync(jsiiFile).size / 1e6)} MB), AWS provider ${bound}`);
  const assembly = JSON.parse(fs.readFileSync(jsiiFile, 'utf8')) as JsiiAssembly;
  const libFiles = libFilesOf(assembly, written);
  const libPaths = unpack(packed, libFiles);
  const unpacked = new Map(libFiles.map((file, i) => [file, libPaths[i]]));
  const snapshot = snapshotOfBindings(assembly, binding.provider, written, (file) => {
    const local = unpacked.get(file);
    if (!local) throw new BindingsSchemaError(`${spec}: ${file} was not unpacked`);
    return fs.readFileSync(local, 'utf8');
  });
  fs.rmSync(packed.folder, { recursive: true, force: true });
  return snapshot;
}

/** Counts for the progress line: `5 resources, 1 data source and the provider: 497 arguments and blocks`. */
function summary(snapshot: ProviderSchemaSnapshot): string {
  const blocks = [snapshot.providerConfig, ...Object.values(snapshot.resources), ...Object.values(snapshot.dataSources)];
  const count = (block: ProviderSchemaSnapshot['providerConfig']): number =>
    block.arguments.length + Object.values(block.blocks).reduce((sum, nested) => sum + 1 + count(nested), 0);
  const total = blocks.reduce((sum, block) => sum + count(block), 0);
  const counted = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
  return `${counted(Object.keys(snapshot.resources).length, 'resource')}, ${counted(Object.keys(snapshot.dataSources).length, 'data source')} and the provider: ${total} arguments and blocks`;
}

async function main(args: readonly string[]): Promise<number> {
  const options = parseArgs(args);
  if (options === 'help') return (console.log(USAGE), 0);
  const written = writtenTypes();
  log(`types: ${[...written.resources, ...written.dataSources.map((type) => `data.${type}`), `provider ${written.registryName}`].join(', ')}`);
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'provider-schemas-'));
  let snapshots: ProviderSchemaSnapshot[];
  try {
    snapshots = BINDINGS.map((binding) => extract(binding, scratch, written));
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
  const files = new Map<string, string>();
  for (const snapshot of snapshots) {
    const file = path.join(options.outDir, snapshotFileName(snapshot.version));
    files.set(file, await renderSnapshotModule(snapshot, file));
    log(`${path.basename(file)}: ${summary(snapshot)}`);
  }
  const index = path.join(options.outDir, 'index.ts');
  files.set(
    index,
    await renderIndexModule(
      snapshots.map((snapshot) => snapshot.version),
      index,
    ),
  );
  const stale = fs.existsSync(options.outDir)
    ? fs
        .readdirSync(options.outDir)
        .filter((name) => isSnapshotFile(name) && !files.has(path.join(options.outDir, name)))
        .map((name) => path.join(options.outDir, name))
    : [];

  const relative = (file: string) => path.relative(process.cwd(), file);
  if (options.check) {
    const differing = [...files].filter(([file, text]) => !fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== text).map(([file]) => file);
    for (const file of [...differing, ...stale]) log(`differs: ${relative(file)}`);
    if (differing.length || stale.length) return (log('error: the committed snapshots are not what the bindings give; run npm run provider-schemas'), 1);
    log('the committed snapshots are up to date');
    return 0;
  }
  fs.mkdirSync(options.outDir, { recursive: true });
  for (const [file, text] of files) {
    const unchanged = fs.existsSync(file) && fs.readFileSync(file, 'utf8') === text;
    if (!unchanged) fs.writeFileSync(file, text);
    log(`${unchanged ? 'unchanged' : 'wrote    '} ${relative(file)} (${Buffer.byteLength(text)} bytes)`);
  }
  for (const file of stale) {
    fs.rmSync(file);
    log(`removed   ${relative(file)}`);
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: Error) => {
    if (error instanceof UsageError) {
      log(`error: ${error.message}\n\n${USAGE}`);
      process.exitCode = 2;
    } else {
      log(`error: ${error.message}`);
      process.exitCode = error instanceof PackageSetupError ? 3 : 1;
    }
  },
);
