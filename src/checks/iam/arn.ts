/**
 * Resource ARNs as policies write them: `arn:partition:service:region:account-id:resource`,
 * possibly with `*` / `?` wildcards and policy variables such as `${aws:username}`.
 */

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

/** The partitions AWS has. */
export const PARTITIONS = ['aws', 'aws-cn', 'aws-us-gov', 'aws-iso', 'aws-iso-b', 'aws-iso-e', 'aws-iso-f', 'aws-eusc'] as const;

const ARN_SHAPE = 'arn:partition:service:region:account-id:resource';

/** Splits an ARN into its parts; `undefined` when it is not `arn:` followed by five more parts. */
export function splitArn(text: string): ArnParts | undefined {
  const parts = text.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  const [, partition, service, region, account, ...resource] = parts;
  return { partition, service, region, account, resource: resource.join(':') };
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
    const count = text.split(':').length;
    return `${shown} has ${count} of the 6 colon-separated parts of an ARN (${ARN_SHAPE})`;
  }
  if (!isPattern(arn.partition) && !(PARTITIONS as readonly string[]).includes(arn.partition)) {
    return `${shown} has partition "${arn.partition}"; partitions are ${PARTITIONS.join(', ')}`;
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
