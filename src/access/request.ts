/**
 * Expectation requests as users write them, and the IAM requests they stand for. The S3
 * shorthand follows the AWS CLI commands of the walkthrough: `put s3://bucket/key` is what
 * `aws s3 cp file s3://bucket/key` asks IAM for, `list s3://bucket` what `aws s3 ls` asks for.
 */
import { S3_SHORTHAND_VERBS, type S3ShorthandVerb } from '../iam/s3-shorthand';

/** A request: S3 shorthand (`put|get|list|delete s3://bucket[/key]`) or an IAM action on a resource ARN. */
export type AccessRequestInput =
  | string
  | {
      /** IAM action, e.g. `s3:GetObject`. */
      readonly action: string;
      /** Resource ARN, or `*` for actions that take none. */
      readonly resource: string;
      /** Request context keys, e.g. `{ "aws:SourceIp": "203.0.113.7" }`. */
      readonly context?: Readonly<Record<string, string>>;
    };

/** One IAM request: action, resource and the context keys the user gave. */
export interface IamRequest {
  readonly action: string;
  readonly resource: string;
  readonly context: Readonly<Record<string, string>>;
}

/** A request mapped to IAM, or why it cannot be. */
export type RequestMapping = { readonly request: IamRequest; readonly problem?: undefined } | { readonly problem: string; readonly request?: undefined };

const VERBS: ReadonlyMap<string, S3ShorthandVerb> = new Map(S3_SHORTHAND_VERBS.map((entry) => [entry.verb, entry]));

/** The request as the user wrote it: the shorthand itself, or `action resource` with any context. */
export function describeRequest(input: AccessRequestInput): string {
  if (typeof input === 'string') return input;
  const context = Object.entries(input.context ?? {});
  const shownContext = context.length ? ` [${context.map(([key, value]) => `${key}=${value}`).join(', ')}]` : '';
  return `${input.action} ${input.resource}${shownContext}`;
}

/**
 * The IAM request of an expectation request. S3 ARNs are built for `partition`:
 * `put|get|delete s3://b/k` act on `arn:<partition>:s3:::b/k`; `list s3://b[/prefix]` is
 * `s3:ListBucket` on `arn:<partition>:s3:::b`, with `s3:prefix` when a prefix is given.
 */
export function toIamRequest(input: AccessRequestInput, partition: string): RequestMapping {
  if (typeof input !== 'string') return { request: { action: input.action, resource: input.resource, context: { ...input.context } } };
  const shorthand = parseS3Shorthand(input);
  if (!shorthand) {
    return { problem: `"${input}" is not an S3 request like "put s3://bucket/key", "get s3://bucket/key", "list s3://bucket" or "delete s3://bucket/key"` };
  }
  const { verb, bucket, key } = shorthand;
  const bucketArn = `arn:${partition}:s3:::${bucket}`;
  const { action, on } = VERBS.get(verb)!;
  if (on === 'bucket') {
    return { request: { action, resource: bucketArn, context: key ? { 's3:prefix': key } : {} } };
  }
  if (!key) return { problem: `"${input}" names no object: ${verb} acts on an object, write ${verb} s3://${bucket}/<key>` };
  return { request: { action, resource: `${bucketArn}/${key}`, context: {} } };
}

interface S3Shorthand {
  readonly verb: string;
  readonly bucket: string;
  /** The object key or list prefix; empty when none is given. */
  readonly key: string;
}

function parseS3Shorthand(text: string): S3Shorthand | undefined {
  const space = text.indexOf(' ');
  if (space < 0) return undefined;
  const verb = text.slice(0, space);
  const url = text.slice(space + 1);
  if (!VERBS.has(verb) || !url.startsWith('s3://')) return undefined;
  const location = url.slice('s3://'.length);
  const slash = location.indexOf('/');
  const bucket = slash < 0 ? location : location.slice(0, slash);
  const key = slash < 0 ? '' : location.slice(slash + 1);
  if (!bucket || /\s/.test(location)) return undefined;
  return { verb, bucket, key };
}
