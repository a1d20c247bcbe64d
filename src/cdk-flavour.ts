/**
 * The one place where cdktf 0.21 and CDK Terrain (cdktn 0.24) differ for this project:
 *
 * - cdktn checks features against the Terraform versions a project targets (the
 *   `targetVersions` context), and S3 native locking needs Terraform >= 1.10: every stack
 *   declares the Terraform it needs (cdktf ignores the context);
 * - each records its own version in Terraform JSON (`//.metadata.version`); resources, and the
 *   HCL rendered from them, are the same.
 */
import type { IConstruct } from 'constructs';
import { MIN_TERRAFORM_VERSION } from './terraform-requirements';

/** The context key cdktn reads the targeted Terraform versions from. */
const TARGET_VERSIONS_CONTEXT = 'targetVersions';

/** Declares on a new stack (before it has children) the Terraform versions its output needs. */
export function declareTargetVersions(stack: IConstruct): void {
  stack.node.setContext(TARGET_VERSIONS_CONTEXT, { terraform: `>=${MIN_TERRAFORM_VERSION}` });
}

interface RecordedVersion {
  '//'?: { metadata?: { version?: string } };
}

/** Terraform JSON as text, without the version of the CDK that wrote it. */
export function withoutCdkVersion(json: string): string {
  const config = JSON.parse(json) as RecordedVersion;
  if (config['//']?.metadata) delete config['//'].metadata.version;
  return JSON.stringify(config);
}

/** Two Terraform JSON texts differ in nothing but the recorded CDK version. */
export function sameApartFromCdkVersion(a: string, b: string): boolean {
  try {
    return withoutCdkVersion(a) === withoutCdkVersion(b);
  } catch {
    return false; // not JSON (a hand edit): they differ
  }
}
