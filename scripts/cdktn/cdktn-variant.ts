/**
 * The project as a CDK Terrain user has it, on the AWS provider 6 bindings published for
 * CDK Terrain: `cdktn`, with `cdktf` a link to that same folder (npm writes
 * `node_modules/cdktf -> cdktn`: the project imports `cdktf`, the bindings `cdktn`, and both
 * load the one copy, deep imports such as `cdktf/lib/testing/adapters/jest` included); the
 * `constructs` both need; `@cdktn/provider-aws` installed under the name the project imports
 * (`@cdktf/provider-aws/lib/...`); and `cdktn-cli` for `cdktf-cli`.
 *
 * An npm alias (`"cdktf": "npm:cdktn@..."`) would not do: npm installs each name in its own
 * folder and Node.js loads a module once per folder, so the bindings' `cdktn` and the project's
 * `cdktf` would be two copies, and `overrides` can change versions but not make two names one
 * folder. (An app that installs the library also needs `overrides` for the library's peers:
 * see docs/cdk-terrain.md.)
 */
import type { Manifest } from '../variants/variant-project';

/** The cdktn release the variant installs (with cdktn-cli of the same version). */
export const CDKTN_VERSION = '0.24.0';
/** The newest `@cdktn/provider-aws` 25.x (`npm view @cdktn/provider-aws@25 version`): it peers cdktn ^0.24, constructs >=10.6 <10.8, Node.js >= 22.11. */
export const CDKTN_AWS_BINDINGS = '25.7.0';
/** The AWS provider version {@link CDKTN_AWS_BINDINGS} is generated for. */
export const CDKTN_AWS_PROVIDER = '6.66.0';

/** What the variant installs. */
export const CDKTN_PACKAGES = {
  cdktn: CDKTN_VERSION,
  cdktf: 'file:node_modules/cdktn',
  constructs: '10.7.2',
  'cdktn-cli': CDKTN_VERSION,
  '@cdktf/provider-aws': `npm:@cdktn/provider-aws@${CDKTN_AWS_BINDINGS}`,
} as const;

/** The package.json of the variant, from the project's. */
export function cdktnManifest(manifest: Manifest): Manifest {
  const { 'cdktf-cli': _cli, ...devDependencies } = manifest.devDependencies;
  return { ...manifest, devDependencies: { ...devDependencies, ...CDKTN_PACKAGES } };
}
