/**
 * `npm run test:cdktn`: proves the project on CDK Terrain with its native AWS provider 6
 * bindings. It installs the cdktn variant (cdktn-variant.ts) in a scratch folder, with a
 * Node.js that cdktn-cli runs on (node-runtime.ts), and runs it as every variant is run
 * (scripts/variants/run-variant.ts): one copy of the core, the same output, the test suite.
 *
 *   npm run test:cdktn                 everything
 *   npm run test:cdktn -- --no-tests   install and compare only
 *   npm run test:cdktn -- --keep       keep the scratch folder (its path is printed)
 */
import * as path from 'path';
import { runVariant } from '../variants/run-variant';
import { CDKTN_AWS_BINDINGS, CDKTN_AWS_PROVIDER, cdktnManifest, CDKTN_VERSION } from './cdktn-variant';
import { cdktnNode } from './node-runtime';

process.exitCode = runVariant(
  {
    script: 'test:cdktn',
    name: 'cdktn',
    summary: [
      `Installs the project on CDK Terrain (cdktn ${CDKTN_VERSION}) and its own AWS provider bindings,`,
      `@cdktn/provider-aws ${CDKTN_AWS_BINDINGS} (AWS provider ${CDKTN_AWS_PROVIDER}), in a scratch folder.`,
    ],
    providerVersion: CDKTN_AWS_PROVIDER,
    moreHelp: [
      '  CDKTN_NODE   a Node.js >= 22.19 to run the variant with (else this one if new enough,',
      '               else the official build, fetched from the npm registry)',
    ],
    manifest: cdktnManifest,
    node: (root, log) => cdktnNode(path.join(root, 'node_modules', '.cache', 'cdktn-node'), log),
  },
  process.argv.slice(2),
);
