import * as path from 'path';
import { LOCK_FILE_NAME } from '../terraform/provider-lock';

/**
 * Files a run writes only where none is yet, and then leaves to their owner: a root's
 * `.terraform.lock.hcl`, which Terraform itself maintains (`terraform providers lock` adds the
 * hashes of more platforms). They are not listed among the generated files, so later runs carry
 * them over as they are, and drift checks only that they exist.
 */
export function isSeededFile(file: string): boolean {
  return path.posix.basename(file) === LOCK_FILE_NAME;
}
