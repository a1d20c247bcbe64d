/**
 * The least-privilege statements of the S3 grants: which actions on which resources a role
 * needs to write, read or delete objects in one bucket, optionally under one key prefix.
 */

/** An S3 bucket: its name, or anything with the bucket's ARN (an `S3Bucket` of the AWS provider). */
export type BucketReference = string | { readonly arn: string };

/** Scope of an S3 grant. */
export interface S3GrantOptions {
  /** Only keys under this prefix, e.g. `"uploads/"`; listing is limited to it too. @default - every key of the bucket */
  readonly keyPrefix?: string;
}

/** One IAM policy statement, as a grant adds it. */
export interface GrantStatement {
  readonly Effect: 'Allow';
  readonly Action: string | readonly string[];
  readonly Resource: string | readonly string[];
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, string | readonly string[]>>>>;
}

/** What each S3 grant allows on the objects; every grant may also list the keys it covers. */
export const S3_GRANT_OBJECT_ACTIONS = {
  /** The walkthrough's write access: upload objects. */
  write: ['s3:PutObject'],
  read: ['s3:GetObject'],
  delete: ['s3:DeleteObject'],
} as const;

/** The action that lists a bucket's keys, granted on the bucket itself. */
export const S3_LIST_ACTION = 's3:ListBucket';

/** Which S3 grant. */
export type S3GrantKind = keyof typeof S3_GRANT_OBJECT_ACTIONS;

/**
 * The statements of an S3 grant on the bucket whose ARN is `bucketArn`: the object actions on
 * `<bucket>/<prefix>*`, and (except for delete) `s3:ListBucket` on the bucket, limited to the
 * prefix by an `s3:prefix` condition when there is one.
 */
export function s3GrantStatements(kind: S3GrantKind, bucketArn: string, options: S3GrantOptions = {}): GrantStatement[] {
  const prefix = options.keyPrefix ?? '';
  const objects: GrantStatement = { Effect: 'Allow', Action: [...S3_GRANT_OBJECT_ACTIONS[kind]], Resource: `${bucketArn}/${prefix}*` };
  if (kind === 'delete') return [objects];
  const list: GrantStatement = {
    Effect: 'Allow',
    Action: S3_LIST_ACTION,
    Resource: bucketArn,
    ...(prefix ? { Condition: { StringLike: { 's3:prefix': [`${prefix}*`] } } } : {}),
  };
  return [objects, list];
}

/** The ARN of a bucket given by name (built for the partition) or by a resource with an ARN. */
export function bucketArn(bucket: BucketReference, partition: string): string {
  return typeof bucket === 'string' ? `arn:${partition}:s3:::${bucket}` : bucket.arn;
}
