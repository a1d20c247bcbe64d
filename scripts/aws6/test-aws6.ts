/**
 * `npm run test:aws6`: proves the library on the AWS provider 6 bindings for cdktf. It installs
 * the aws6 variant (aws6-variant.ts) in a scratch folder and runs it as every variant is run
 * (scripts/variants/run-variant.ts): one copy of cdktf, the same output, the test suite.
 *
 *   npm run test:aws6                 everything
 *   npm run test:aws6 -- --no-tests   install and compare only
 *   npm run test:aws6 -- --keep       keep the scratch folder (its path is printed)
 */
import { runVariant } from '../variants/run-variant';
import { AWS6_BINDINGS, AWS6_PROVIDER, aws6Manifest } from './aws6-variant';

process.exitCode = runVariant(
  {
    script: 'test:aws6',
    name: 'aws6',
    summary: [
      `Installs the project with @cdktf/provider-aws ${AWS6_BINDINGS} (AWS provider ${AWS6_PROVIDER}) in place of`,
      'the version it pins, in a scratch folder.',
    ],
    providerVersion: AWS6_PROVIDER,
    manifest: aws6Manifest,
  },
  process.argv.slice(2),
);
