/**
 * A Node.js that CDK Terrain's CLI runs on (>= 22.19): this one when it is new enough, the one
 * `CDKTN_NODE` names, or the official build from the npm registry (`node-<platform>-<arch>`,
 * a package that holds the binary and runs no install script), unpacked once into a cache.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

/** The oldest Node.js cdktn-cli 0.24 runs on. */
export const CDKTN_MIN_NODE = '22.19.0';
/** The build fetched when no Node.js here is new enough. */
const FETCHED_NODE_VERSION = '22.23.5';

function atLeast(version: string, minimum: string): boolean {
  const [a, b] = [version, minimum].map((text) => text.replace(/^v/, '').split('.').map(Number));
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] > b[i];
  return true;
}

function versionOf(binary: string): string | undefined {
  const result = spawnSync(binary, ['--version'], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

/** The path of a Node.js binary >= {@link CDKTN_MIN_NODE}; throws saying how to provide one. */
export function cdktnNode(cacheDir: string, log: (line: string) => void): string {
  if (atLeast(process.version, CDKTN_MIN_NODE)) return process.execPath;
  const given = process.env.CDKTN_NODE;
  if (given) {
    const version = versionOf(given);
    if (!version || !atLeast(version, CDKTN_MIN_NODE))
      throw new Error(`CDKTN_NODE=${given} is ${version ?? 'not a runnable node'}; cdktn-cli needs Node.js >= ${CDKTN_MIN_NODE}`);
    return given;
  }
  const folder = path.join(cacheDir, `node-v${FETCHED_NODE_VERSION}-${process.platform}-${process.arch}`);
  const binary = path.join(folder, 'package', 'bin', 'node');
  if (versionOf(binary)) return binary;
  const pkg = `node-${process.platform}-${process.arch}@${FETCHED_NODE_VERSION}`;
  log(`Node.js ${process.version} is older than ${CDKTN_MIN_NODE}: fetching ${pkg} from the npm registry...`);
  fs.mkdirSync(folder, { recursive: true });
  const packed = spawnSync('npm', ['pack', pkg, '--silent', '--pack-destination', folder], { encoding: 'utf8' });
  const tarball = packed.stdout.trim().split('\n').pop();
  if (packed.status !== 0 || !tarball) {
    throw new Error(
      `cannot fetch ${pkg} (${packed.stderr.trim() || 'npm pack failed'}); install Node.js >= ${CDKTN_MIN_NODE} and set CDKTN_NODE to its node binary`,
    );
  }
  const unpacked = spawnSync('tar', ['-xzf', path.join(folder, tarball), '-C', folder], { encoding: 'utf8' });
  if (unpacked.status !== 0 || !versionOf(binary))
    throw new Error(`cannot unpack ${tarball}: ${unpacked.stderr.trim()}; set CDKTN_NODE to a Node.js >= ${CDKTN_MIN_NODE}`);
  return binary;
}
