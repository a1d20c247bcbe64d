#!/usr/bin/env node
/**
 * `npm run cdktf -- <command>`: the cdktf CLI (or CDK Terrain's `cdktn`) with this project's settings.
 * - CHECKPOINT_DISABLE=1: no version check against checkpoint-api.hashicorp.com, which fails
 *   (ENOTFOUND) without internet and says nothing the lock files do not.
 * It can be set otherwise in the environment.
 */
'use strict';
const { spawnSync } = require('child_process');
const path = require('path');

const root = path.resolve(__dirname, '..');
/** The CLI installed: cdktf's, or CDK Terrain's (which needs Node.js >= 22.19). */
function findCli() {
  for (const [pkg, command] of [
    ['cdktf-cli', 'cdktf'],
    ['cdktn-cli', 'cdktn'],
  ]) {
    try {
      const manifest = require.resolve(`${pkg}/package.json`, { paths: [root] });
      return path.join(path.dirname(manifest), require(manifest).bin[command]);
    } catch {
      // not installed
    }
  }
  process.stderr.write('error: neither cdktf-cli nor cdktn-cli is installed; run npm ci\n');
  process.exit(3);
}
const cli = findCli();
const env = { CHECKPOINT_DISABLE: '1', ...process.env };
const result = spawnSync(process.execPath, [cli, ...process.argv.slice(2)], { stdio: 'inherit', env });
process.exitCode = result.status ?? 1;
