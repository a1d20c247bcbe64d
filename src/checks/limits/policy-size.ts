/**
 * IAM's size quotas for policy documents, counted as IAM counts them: the JSON text without
 * whitespace. A customer-managed policy holds at most 6,144 characters; a role's inline policies
 * 10,240 together (so one of them at most that); a role's trust policy 2,048 by default (the
 * quota can be raised to 4,096).
 *
 * They are the first check a document gets, before it is parsed: a document over its quota is
 * refused with that one finding, and nothing else reads it. The grammar and the catalog checks
 * (ARN formats, wildcard actions) take time with the length of each string, and a document of
 * megabytes is refused by IAM whatever else is wrong with it. A document within its quota can
 * still hold one long string, if most of it is whitespace (which IAM does not count); such a
 * string is refused too, so no string longer than its policy's quota reaches the pattern matchers.
 */
import type { PolicyDocument } from '../../spec/model';
import { CHECK_IDS } from '../check-ids';
import type { FieldPath } from '../../spec/field-path';
import type { Finding } from '../finding';
import { checkError } from '../make-finding';
import type { PolicyKind } from '../policy/parsed-policy';

/** Characters of a customer-managed policy document, whitespace not counted. */
export const MANAGED_POLICY_MAX_CHARACTERS = 6144;

/** Characters of a role's inline policies together, whitespace not counted. */
export const INLINE_POLICIES_MAX_CHARACTERS = 10240;

/** Characters of a role trust policy (the default quota), whitespace not counted. */
export const TRUST_POLICY_MAX_CHARACTERS = 2048;

/** Characters of a role trust policy with the quota raised as far as it goes. */
const TRUST_POLICY_RAISED_MAX_CHARACTERS = 4096;

/** Which size quota a document has: a managed policy's (`identity`), a role's inline policy's, or a trust policy's. */
export type SizeQuota = PolicyKind | 'inline';

/** The quota of each kind of policy, and how a finding about it reads. */
const QUOTAS: Readonly<Record<SizeQuota, { readonly rule: string; readonly max: number; readonly what: string; readonly allowed: string }>> = {
  identity: {
    rule: CHECK_IDS.policySize,
    max: MANAGED_POLICY_MAX_CHARACTERS,
    what: 'the policy document',
    allowed: `a managed policy holds at most ${count(MANAGED_POLICY_MAX_CHARACTERS)}: split it into several policies or use wildcards`,
  },
  inline: {
    rule: CHECK_IDS.policySize,
    max: INLINE_POLICIES_MAX_CHARACTERS,
    what: 'the inline policy document',
    allowed: `a role's inline policies hold at most ${count(INLINE_POLICIES_MAX_CHARACTERS)} together: move some into a customer-managed policy`,
  },
  trust: {
    rule: CHECK_IDS.trustPolicySize,
    max: TRUST_POLICY_MAX_CHARACTERS,
    what: 'the trust policy',
    allowed: `IAM allows ${count(TRUST_POLICY_MAX_CHARACTERS)} by default (the quota can be raised to ${count(TRUST_POLICY_RAISED_MAX_CHARACTERS)} in Service Quotas)`,
  },
};

/** The size IAM measures: the document as JSON, whitespace characters not counted. */
export function policySize(document: PolicyDocument): number {
  return sizeOfJson(JSON.stringify(document));
}

function sizeOfJson(json: string): number {
  return json.replace(/\s/g, '').length;
}

/**
 * An error when the document at `path` is over the size quota of its kind (6,144 characters
 * for a customer-managed policy, 10,240 for an inline policy, 2,048 for a trust policy), or
 * holds a string (a key or a value) longer than that quota; none when it may be read further.
 */
export function checkPolicySize(document: PolicyDocument, path: FieldPath, kind: SizeQuota): Finding[] {
  const { rule, max, what, allowed } = QUOTAS[kind];
  const json = JSON.stringify(document);
  const size = sizeOfJson(json);
  if (size > max) return [checkError(rule, path, `${what} is ${count(size)} characters (whitespace not counted); ${allowed}`)];
  // No key or value is longer than the whole text.
  if (json.length <= max) return [];
  const long = firstStringLongerThan(document, max, path);
  if (!long) return [];
  const spaces = long.text.length - long.text.replace(/\s/g, '').length;
  return [
    checkError(
      rule,
      long.path,
      `a string of ${count(long.text.length)} characters (${count(spaces)} of them whitespace) is longer than ${what} may be (${count(max)} characters, whitespace not counted), ` +
        'and no string that long is read: remove the whitespace',
    ),
  ];
}

/** An error at the role (`path`) when its inline policies' documents are over IAM's 10,240 characters together; each alone is measured by {@link checkPolicySize}. */
export function checkInlinePoliciesTotal(documents: readonly PolicyDocument[], path: FieldPath): Finding[] {
  const total = documents.reduce((sum, document) => sum + policySize(document), 0);
  if (documents.length < 2 || total <= INLINE_POLICIES_MAX_CHARACTERS) return [];
  return [
    checkError(
      CHECK_IDS.policySize,
      path,
      `the role's ${documents.length} inline policies are ${count(total)} characters together (whitespace not counted); ${QUOTAS.inline.allowed}`,
    ),
  ];
}

/** The first key or string value longer than `max` characters, with its path. */
function firstStringLongerThan(value: unknown, max: number, path: FieldPath): { text: string; path: FieldPath } | undefined {
  if (typeof value === 'string') return value.length > max ? { text: value, path } : undefined;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      const found = firstStringLongerThan(value[index], max, [...path, index]);
      if (found) return found;
    }
    return undefined;
  }
  if (value === null || typeof value !== 'object') return undefined;
  for (const [key, item] of Object.entries(value)) {
    if (key.length > max) return { text: key, path: [...path, key] };
    const found = firstStringLongerThan(item, max, [...path, key]);
    if (found) return found;
  }
  return undefined;
}

function count(value: number): string {
  return value.toLocaleString('en-US');
}
