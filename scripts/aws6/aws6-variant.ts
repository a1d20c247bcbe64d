/**
 * The project as a library user on the AWS provider 6 bindings published for cdktf has it:
 * everything as the project pins it, but `@cdktf/provider-aws` at the newest 21.x, which peers
 * cdktf ^0.21 like 20.1.0 does, so the project's one cdktf serves both.
 */
import type { Manifest } from '../variants/variant-project';

/** The newest `@cdktf/provider-aws` 21.x (`npm view @cdktf/provider-aws@21 version`). */
export const AWS6_BINDINGS = '21.22.1';
/** The AWS provider version {@link AWS6_BINDINGS} is generated for. */
export const AWS6_PROVIDER = '6.25.0';

/** The package.json of the variant, from the project's. */
export function aws6Manifest(manifest: Manifest): Manifest {
  return { ...manifest, devDependencies: { ...manifest.devDependencies, '@cdktf/provider-aws': AWS6_BINDINGS } };
}
