#!/usr/bin/env node
/**
 * Runs the compiled program, rebuilding it first when any source changed since the last
 * build, so a stale build is never run and an unchanged one is never type-checked again.
 *
 *   node bin/run.js build           compile when any source changed, and nothing else (npm test runs it before jest)
 *   node bin/run.js cli [args...]   the command-line tool (synth, schema, ...)
 *   node bin/run.js app             the cdktf app (cdktf.json's "app")
 *   node bin/run.js docs            regenerate the generated parts of docs/ and spec.schema.json
 *   node bin/run.js bench [--docs]  measure (see scripts/bench/bench.ts)
 *   node bin/run.js cdktn [--no-tests] the project on CDK Terrain (see scripts/cdktn/test-cdktn.ts)
 *   node bin/run.js lock [--platform P] record the AWS provider's hash for the lock files
 *   node bin/run.js aws6 [--no-tests]  the library against the AWS provider 6 bindings (see scripts/aws6/test-aws6.ts)
 *   node bin/run.js provider-schemas  extract the committed provider schema snapshots (see scripts/provider-schemas/)
 *
 * Installed as a package (no sources, the compiled library in lib/), it is the `instance-profile`
 * command: `instance-profile synth spec.yaml -o out`.
 */
'use strict';
const { createHash } = require('crypto');
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const dist = path.join(root, 'dist');
const stampFile = path.join(dist, '.source-hash');
const ENTRIES = {
  cli: 'src/cli/main.js',
  app: 'main.js',
  docs: 'scripts/update-docs.js',
  bench: 'scripts/bench/bench.js',
  cdktn: 'scripts/cdktn/test-cdktn.js',
  lock: 'scripts/update-provider-hashes.js',
  aws6: 'scripts/aws6/test-aws6.js',
  'provider-schemas': 'scripts/provider-schemas/extract-provider-schemas.js',
};

/** Every file the build reads, in a stable order. */
function buildInputs() {
  const files = ['main.ts', 'tsconfig.json', 'tsconfig.build.json', 'package.json'];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const relative = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(relative);
      else if (entry.name.endsWith('.ts') || entry.name.endsWith('.json')) files.push(relative);
    }
  };
  walk('src');
  walk('scripts');
  return files.sort();
}

function sourceHash() {
  const hash = createHash('sha256');
  for (const file of buildInputs()) {
    hash
      .update(file)
      .update('\0')
      .update(fs.readFileSync(path.join(root, file)))
      .update('\0');
  }
  return hash.digest('hex');
}

function ensureFreshBuild() {
  const current = sourceHash();
  const built = fs.existsSync(stampFile) ? fs.readFileSync(stampFile, 'utf8') : '';
  if (built === current) return;
  process.stderr.write(built ? 'sources changed: compiling...\n' : 'first run: compiling...\n');
  const tsc = require.resolve('typescript/bin/tsc', { paths: [root] });
  const result = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json')], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) {
    process.stderr.write('error: the build failed (see above); nothing was run, so no stale output was produced\n');
    process.exit(3);
  }
  fs.writeFileSync(stampFile, current);
}

/**
 * cdktf requires `archiver` (about fifty modules, a fifth of the start-up) when it loads, for
 * TerraformAsset, which this project never uses. It gets a stand-in that requires the real
 * module the first time it is called or read, so nothing changes if an asset is ever used.
 */
function deferArchiver() {
  let file;
  try {
    file = require.resolve('archiver', { paths: [path.dirname(require.resolve('cdktf', { paths: [root] }))] });
  } catch {
    return; // not installed where cdktf would find it: nothing to defer
  }
  let real;
  const load = () => {
    if (!real) {
      delete require.cache[file]; // the stand-in steps aside for the real module
      real = require(file);
    }
    return real;
  };
  const standIn = new Proxy(function archiver() {}, {
    apply: (_target, self, callArgs) => Reflect.apply(load(), self, callArgs),
    get: (_target, key) => load()[key],
  });
  const Module = require('module');
  const cached = new Module(file);
  cached.filename = file;
  cached.loaded = true;
  cached.exports = standIn;
  require.cache[file] = cached;
}

if (!fs.existsSync(path.join(root, 'src'))) {
  deferArchiver();
  require(path.join(root, 'lib', 'cli', 'main.js'))
    .main(process.argv.slice(2))
    .then((code) => (process.exitCode = code));
} else {
  const [entry, ...args] = process.argv.slice(2);
  if (entry === 'build') {
    ensureFreshBuild();
    process.exit(0);
  }
  if (!ENTRIES[entry]) {
    process.stderr.write(`usage: node bin/run.js <build|${Object.keys(ENTRIES).join('|')}> [args...]\n`);
    process.exit(2);
  }
  ensureFreshBuild();
  deferArchiver();
  process.argv.splice(2, 1); // the program sees its own arguments only, as if run directly
  const program = require(path.join(dist, ENTRIES[entry]));
  if (entry === 'cli') program.main(args).then((code) => (process.exitCode = code));
}
