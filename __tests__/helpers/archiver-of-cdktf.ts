import * as path from 'path';

/**
 * The folder of the archiver package cdktf depends on, if the installed cdktf has one (cdktf 0.21
 * does, CDK Terrain does not). It is found by its package.json: in the tests the bare name
 * `archiver` is the stand-in of `__tests__/deferred-archiver.js`, `require.resolve` included.
 */
export function archiverOfCdktf(): string | undefined {
  try {
    return path.dirname(require.resolve('archiver/package.json', { paths: [path.dirname(require.resolve('cdktf'))] }));
  } catch {
    return undefined;
  }
}
