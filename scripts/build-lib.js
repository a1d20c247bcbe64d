#!/usr/bin/env node
/**
 * Builds the library into lib/ from a clean slate (what `npm pack` and `prepare` ship), or says
 * what to do when the repository's own dependencies, TypeScript among them, are not installed.
 */
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
let tsc;
try {
  tsc = require.resolve('typescript/bin/tsc', { paths: [root] });
} catch {
  process.stderr.write(`error: cannot build the library: TypeScript is not installed in ${root}; run \`npm ci\` there first\n`);
  process.exit(1);
}
fs.rmSync(path.join(root, 'lib'), { recursive: true, force: true });
const result = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.lib.json')], { cwd: root, stdio: 'inherit' });
process.exit(result.status ?? 1);
