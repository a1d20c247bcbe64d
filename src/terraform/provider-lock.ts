/**
 * The dependency lock file (`.terraform.lock.hcl`) of every generated root module, which
 * Terraform recommends committing: the AWS provider's version, the constraint the roots declare,
 * and the package hashes. With it `terraform init` (and `cdktf diff`, which otherwise runs
 * `terraform providers lock` against the registry first) installs from a provider mirror offline,
 * and checks that what it installs is the package recorded here.
 */
import { AWS_PROVIDER_CONSTRAINT, AWS_PROVIDER_VERSION } from '../terraform-requirements';
import { AWS_PROVIDER_HASHES } from './aws-provider-hashes';
import { MIRRORED_PROVIDER } from './cli-config';

/** The file's name in a root module. */
export const LOCK_FILE_NAME = '.terraform.lock.hcl';

/**
 * What a root says of its seeded lock file: the provider version and platforms it records, and
 * how a team re-locks for its own platforms or moves to AWS provider 6 (the constraint admits it).
 */
export const LOCK_FILE_NOTE: readonly string[] = [
  `${LOCK_FILE_NAME} is seeded with hashicorp/aws ${AWS_PROVIDER_VERSION}, hashes for ${Object.keys(AWS_PROVIDER_HASHES).sort().join(', ')} only, and then left to Terraform:`,
  'add your platforms with `terraform providers lock -platform=<os_arch> ...`; move to AWS provider 6 with `terraform init -upgrade`.',
];

/** The lock file as `terraform init` writes it, for the given hashes (by default, the recorded ones). */
export function providerLockFile(hashes: readonly string[] = Object.values(AWS_PROVIDER_HASHES)): string {
  return [
    '# This file is maintained automatically by "terraform init".',
    '# Manual edits may be lost in future updates.',
    '',
    `provider "${MIRRORED_PROVIDER}" {`,
    `  version     = "${AWS_PROVIDER_VERSION}"`,
    `  constraints = "${AWS_PROVIDER_CONSTRAINT}"`,
    '  hashes = [',
    ...[...hashes].sort().map((hash) => `    "${hash}",`),
    '  ]',
    '}',
    '',
  ].join('\n');
}
