/**
 * IAM's size quotas for policy documents, counted as IAM counts them: the JSON text without
 * whitespace. A customer-managed policy holds at most 6,144 characters; a role's trust policy
 * 2,048 by default (the quota can be raised to 4,096).
 */
import type { PolicyDocument } from '../../spec/model';
import { CHECK_IDS } from '../check-ids';
import type { FieldPath } from '../field-path';
import type { Finding } from '../finding';
import { checkError } from '../make-finding';

/** Characters of a customer-managed policy document, whitespace not counted. */
export const MANAGED_POLICY_MAX_CHARACTERS = 6144;

/** Characters of a role trust policy (the default quota), whitespace not counted. */
export const TRUST_POLICY_MAX_CHARACTERS = 2048;

/** The size IAM measures: the document as JSON, whitespace characters not counted. */
export function policySize(document: PolicyDocument): number {
  return JSON.stringify(document).replace(/\s/g, '').length;
}

/** An error when a customer-managed policy document is over 6,144 characters. */
export function checkManagedPolicySize(document: PolicyDocument, path: FieldPath): Finding[] {
  const size = policySize(document);
  if (size <= MANAGED_POLICY_MAX_CHARACTERS) return [];
  return [
    checkError(
      CHECK_IDS.policySize,
      path,
      `the policy document is ${count(size)} characters (whitespace not counted); a managed policy holds at most ${count(MANAGED_POLICY_MAX_CHARACTERS)}: split it into several policies or use wildcards`,
    ),
  ];
}

/** An error when a trust policy is over 2,048 characters. */
export function checkTrustPolicySize(document: PolicyDocument, path: FieldPath): Finding[] {
  const size = policySize(document);
  if (size <= TRUST_POLICY_MAX_CHARACTERS) return [];
  return [
    checkError(
      CHECK_IDS.trustPolicySize,
      path,
      `the trust policy is ${count(size)} characters (whitespace not counted); IAM allows ${count(TRUST_POLICY_MAX_CHARACTERS)} by default (the quota can be raised to 4,096 in Service Quotas)`,
    ),
  ];
}

function count(value: number): string {
  return value.toLocaleString('en-US');
}
