/**
 * The S3 shorthand of expectations (`put s3://bucket/key`): its verbs, in the order the syntax
 * lists them, each with the IAM action it stands for and what it acts on. The spec's rule, the
 * access proofs' requests and the import's proposed expectations read this one table.
 */

/** Each verb, the action it requests, and whether it acts on an object (`bucket/key`) or on the bucket. */
export const S3_SHORTHAND_VERBS = [
  { verb: 'put', action: 's3:PutObject', on: 'object' },
  { verb: 'get', action: 's3:GetObject', on: 'object' },
  { verb: 'list', action: 's3:ListBucket', on: 'bucket' },
  { verb: 'delete', action: 's3:DeleteObject', on: 'object' },
] as const;

/** One of {@link S3_SHORTHAND_VERBS}. */
export type S3ShorthandVerb = (typeof S3_SHORTHAND_VERBS)[number];

/** The verbs as a regular expression's alternation: `put|get|list|delete`. */
export const S3_SHORTHAND_VERB_PATTERN = S3_SHORTHAND_VERBS.map(({ verb }) => verb).join('|');
