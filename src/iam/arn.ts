/**
 * Resource ARNs as policies write them: `arn:partition:service:region:account-id:resource`,
 * possibly with `*` / `?` wildcards and policy variables such as `${aws:username}`. The
 * partitions are those of the AWS SDK's partition data (`src/facts/aws-regions.ts`).
 */
import { awsPartitions } from '../facts/aws-regions';
import { wildcardMatcher } from './wildcard-match';

/** The six parts of an ARN. */
export interface ArnParts {
  /** `aws`, `aws-cn`, `aws-us-gov`… */
  readonly partition: string;
  /** The service namespace, e.g. `s3`. */
  readonly service: string;
  /** Empty for global resources. */
  readonly region: string;
  /** Account id; empty for some resources (S3 buckets), `aws` for AWS-managed ones. */
  readonly account: string;
  /** Everything after the fifth colon, e.g. `bucket/key` or `role/path/name`. */
  readonly resource: string;
}

const ARN_SHAPE = 'arn:partition:service:region:account-id:resource';

/**
 * Splits an ARN into its parts; `undefined` when it is not `arn:` followed by five more parts.
 * A colon inside a policy variable (`${aws:username}`) does not separate parts.
 */
export function splitArn(text: string): ArnParts | undefined {
  const parts = splitOutsideVariables(text);
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  const [, partition, service, region, account, ...resource] = parts;
  return { partition, service, region, account, resource: resource.join(':') };
}

/** The text split at each colon that is not inside a policy variable. */
function splitOutsideVariables(text: string): string[] {
  if (!text.includes('${')) return text.split(':');
  const parts: string[] = [];
  const lastBrace = text.lastIndexOf('}');
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    // An unclosed `${` is literal text (reported by the policy variable checks).
    const end = i < lastBrace && text.startsWith('${', i) ? text.indexOf('}', i + 2) : -1;
    if (end !== -1) i = end;
    else if (text[i] === ':') {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

/** Whether a part is not literal: it holds a wildcard or a policy variable. */
function isPattern(part: string): boolean {
  return /[*?]|\$\{/.test(part);
}

/**
 * What is wrong with a policy's resource string, or `undefined` when it is `*` or a
 * well-formed ARN. The message quotes the value and says what is allowed.
 */
export function arnFormatProblem(text: string): string | undefined {
  if (text === '*') return undefined;
  const shown = JSON.stringify(text);
  if (/\s/.test(text)) return `${shown} holds whitespace; a resource is "*" or an ARN ${ARN_SHAPE}`;
  if (!text.startsWith('arn:')) return `${shown} is not an ARN; a resource is "*" or an ARN ${ARN_SHAPE}`;
  const arn = splitArn(text);
  if (!arn) {
    const count = splitOutsideVariables(text).length;
    return `${shown} has ${count} of the 6 colon-separated parts of an ARN (${ARN_SHAPE})`;
  }
  const partitions = awsPartitions().map((partition) => partition.id);
  if (!isPattern(arn.partition) && !partitions.includes(arn.partition)) {
    return `${shown} has partition "${arn.partition}"; partitions are ${partitions.join(', ')}`;
  }
  if (!isPattern(arn.service) && !/^[a-z0-9][a-z0-9-]*$/.test(arn.service)) {
    return arn.service
      ? `${shown} has service "${arn.service}"; a service is lower-case letters, digits and dashes, e.g. "s3"`
      : `${shown} has no service (the third part), e.g. arn:aws:s3:::my-bucket`;
  }
  if (arn.region && !isPattern(arn.region) && !/^[a-z]{2}(-[a-z]+)+-\d+$/.test(arn.region)) {
    return `${shown} has region "${arn.region}"; a region looks like "us-east-1", or is empty for global resources`;
  }
  if (arn.account && !isPattern(arn.account) && !/^(\d{12}|aws)$/.test(arn.account)) {
    return `${shown} has account "${arn.account}"; an account is 12 digits ("aws" for AWS-managed resources), or empty`;
  }
  if (!arn.resource) return `${shown} has no resource part (the sixth part), e.g. arn:aws:s3:::my-bucket`;
  return undefined;
}

/** The partition an ARN is checked against: the stack's, with the region it comes from. */
export interface StackPartition {
  /** `aws`, `aws-cn`, `aws-us-gov`, … */
  readonly partition: string;
  /** The stack's region, which decides its partition. */
  readonly region: string;
}

/**
 * Why IAM refuses the partition of an ARN in a stack of `stack.partition`, or `undefined` when
 * it takes it (or the text is not an ARN). IAM takes ARNs of the account's own partition only
 * (`MalformedPolicyDocument: Partition "aws" is not valid for resource "arn:aws:s3:::bucket"`
 * in aws-cn) and the wildcard `*`. These rules follow from that:
 * - a policy variable is not replaced in the partition, IAM reads it as written
 *   (`Partition "${ARN_PARTITION}" is not valid`), so it is refused;
 * - a wildcard pattern is taken when it matches the stack's partition (`arn:*:`, `arn:aws*:` in
 *   aws-cn), and refused when it cannot (`arn:aws-us-*:` in aws-cn), since it names nothing.
 * `refusal` says how IAM refuses a partition (given) where the ARN is, in IAM's words.
 */
export function arnPartitionProblem(text: string, stack: StackPartition, refusal: (partition: string) => string): string | undefined {
  const arn = splitArn(text);
  if (!arn || arn.partition === stack.partition) return undefined;
  const { partition } = arn;
  const shown = JSON.stringify(text);
  const fixed = JSON.stringify(['arn', stack.partition, arn.service, arn.region, arn.account, arn.resource].join(':'));
  const deploys = `the stack deploys to ${stack.region}, in partition ${stack.partition}`;
  if (partition.includes('${')) {
    return `${shown} has the policy variable "${partition}" as its partition, which IAM does not replace there but reads as a partition name; ${deploys}; ${refusal(partition)}: write ${fixed}`;
  }
  if (/[*?]/.test(partition)) {
    return wildcardMatcher(partition)(stack.partition)
      ? undefined
      : `${shown} has the partition pattern "${partition}", which does not match ${stack.partition}; ${deploys}, so it names nothing there: write ${fixed}`;
  }
  return `${shown} is in partition ${partition}, but ${deploys}; ${refusal(partition)}: write ${fixed}`;
}
