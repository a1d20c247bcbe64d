/**
 * A policy document of an export, in either form it comes in: a URL-encoded JSON string (RFC
 * 3986), as the IAM API returns it, or the JSON object the AWS CLI decodes it into. Anything
 * that is not a JSON object once decoded is an error naming the policy (or role) and version.
 */
import type { PolicyDocument } from '../iam/policy-document';
import { parseJsonText } from '../spec/parse-text';
import { isPlainObject } from '../text/plain-object';
import { failAt } from './export-file';
import { describeValue, type ExportObject } from './export-fields';

/** Field `key` of `object` as a policy document; `owner` names it in messages (`policy S3WritePolicy version v2`, `role S3WriteRole trust policy`). */
export function policyDocumentField(object: ExportObject, key: string, owner: string): PolicyDocument {
  const value = object.value[key];
  const invalid = (why: string): never =>
    failAt(
      object.source,
      [...object.path, key],
      `${owner}: the document is not valid policy JSON (${why}); pass the export as ${object.source.command} wrote it`,
    );
  if (isPlainObject(value)) return value;
  if (typeof value !== 'string') return invalid(`expected a JSON object or URL-encoded JSON text, found ${describeValue(value)}`);
  let text = value;
  // JSON text starts with `{`; URL-encoded JSON starts with `%7B` (or whitespace, encoded).
  if (!value.trimStart().startsWith('{')) {
    try {
      text = decodeURIComponent(value);
    } catch {
      return invalid('it is neither JSON nor URL-encoded: a % is not followed by two hexadecimal digits of UTF-8');
    }
  }
  const parsed = parseJsonText(text);
  if (!parsed.ok) return invalid(parsed.problems[0].message);
  if (!isPlainObject(parsed.value)) return invalid(`expected a JSON object, found ${describeValue(parsed.value)}`);
  return parsed.value;
}
