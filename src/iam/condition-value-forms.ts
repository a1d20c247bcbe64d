/**
 * The value forms each condition operator family compares, as the IAM condition operator
 * reference describes them: numbers (integer or decimal) for Numeric, W3C ISO 8601 dates or
 * epoch seconds for Date, `true`/`false` for Bool and Null, base64 for BinaryEquals, IPv4/IPv6
 * addresses or CIDR ranges for IpAddress, ARNs for the Arn operators; String takes any scalar.
 */
import * as net from 'net';
import type { ConditionOperatorFamily } from './simulator';
import type { ConditionScalar } from './policy-document';
import { splitArn } from './arn';

interface ValueForm {
  /** What is allowed, for messages. */
  readonly allowed: string;
  readonly accepts: (value: ConditionScalar) => boolean;
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
const EPOCH = /^\d+$/;
/** The W3C profile of ISO 8601: YYYY, YYYY-MM, YYYY-MM-DD, then optionally Thh:mm[:ss[.s…]] and a zone. */
const W3C_DATE = /^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?)?)?$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

const FORMS: Readonly<Record<Exclude<ConditionOperatorFamily, 'String'>, ValueForm>> = {
  Numeric: { allowed: 'an integer or decimal number, e.g. 10 or "10"', accepts: (value) => typeof value === 'number' || NUMBER.test(String(value)) },
  Date: {
    allowed: 'a W3C ISO 8601 date such as "2026-01-31" or "2026-01-31T12:00:00Z", or epoch seconds',
    accepts: (value) =>
      typeof value === 'number'
        ? Number.isInteger(value)
        : typeof value === 'string' && (EPOCH.test(value) || (W3C_DATE.test(value) && !isNaN(Date.parse(value)))),
  },
  Bool: { allowed: '"true" or "false"', accepts: isBoolean },
  Null: { allowed: '"true" (the key is absent) or "false" (it is present)', accepts: isBoolean },
  Binary: { allowed: 'a base64-encoded value, e.g. "QmluYXJ5VmFsdWU="', accepts: (value) => typeof value === 'string' && value !== '' && BASE64.test(value) },
  IPAddress: { allowed: 'an IPv4 or IPv6 address or CIDR range, e.g. "203.0.113.0/24" or "2001:db8::/32"', accepts: isIpRange },
  ARN: {
    allowed: 'an ARN (arn:partition:service:region:account:resource, wildcards allowed) or "*"',
    accepts: (value) => typeof value === 'string' && (value === '*' || splitArn(value) !== undefined),
  },
};

/** What a value of this family must look like, or `undefined` when the family takes any scalar. */
export function conditionValueProblem(family: ConditionOperatorFamily, value: ConditionScalar): string | undefined {
  if (family === 'String') return undefined;
  const form = FORMS[family];
  return form.accepts(value) ? undefined : form.allowed;
}

function isBoolean(value: ConditionScalar): boolean {
  return typeof value === 'boolean' || (typeof value === 'string' && ['true', 'false'].includes(value.toLowerCase()));
}

function isIpRange(value: ConditionScalar): boolean {
  if (typeof value !== 'string') return false;
  const [address, prefix, ...rest] = value.split('/');
  const version = net.isIP(address);
  if (version === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128);
}
