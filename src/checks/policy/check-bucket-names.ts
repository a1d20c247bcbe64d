/**
 * Checks the bucket name in each S3 bucket or object ARN of a statement's `Resource` or
 * `NotResource` (`arn:aws:s3:::Acme-Data/*`) against S3's rule for bucket names, the same rule
 * the spec schema applies to a backend's `bucket` (`bucketNameProblem` in `spec/spec-schema.ts`).
 * IAM takes any text there, so a policy naming a bucket S3 cannot have is accepted and then
 * matches nothing: the grant silently does not work. A bucket part with a wildcard or a policy
 * variable names no one bucket and is left alone.
 */
import { splitArn } from '../../iam/arn';
import { hasPolicyVariable } from '../../iam/policy-variable';
import { bucketNameProblem } from '../../spec/spec-schema';
import { CHECK_IDS } from '../check-ids';
import type { Finding } from '../finding';
import { checkError } from '../make-finding';
import type { Located } from './parsed-policy';

/** An error when `arn` is an S3 bucket or object ARN whose literal bucket name S3 refuses. */
export function checkBucketArnName(arn: Located<string>): Finding[] {
  const bucket = literalBucketOf(arn.value);
  const problem = bucket === undefined ? undefined : bucketNameProblem(bucket);
  if (bucket === undefined || problem === undefined) return [];
  return [
    checkError(
      CHECK_IDS.resourceBucketName,
      arn.path,
      `${JSON.stringify(arn.value)} names the bucket "${bucket}", which S3 does not allow: ${problem} (the ARN would match no bucket)`,
    ),
  ];
}

/**
 * The bucket of an S3 bucket or object ARN (`arn:<partition>:s3:::<bucket>[/<key>]`: no region,
 * no account); `undefined` for other ARNs (access points, jobs…) and for a bucket part with a
 * wildcard or a policy variable.
 */
function literalBucketOf(arn: string): string | undefined {
  const parts = splitArn(arn);
  if (!parts || parts.service !== 's3' || parts.region !== '' || parts.account !== '') return undefined;
  const bucket = parts.resource.split('/')[0];
  return /[*?]/.test(bucket) || hasPolicyVariable(bucket) ? undefined : bucket;
}
