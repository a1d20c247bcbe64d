/**
 * Reads a statement's `Condition` block the way IAM's grammar defines it: operators mapping
 * condition keys to a value or a list of values, each value a JSON scalar. Reports what IAM
 * refuses as errors (malformed blocks, unknown or miscased operators, `NullIfExists`, keys that
 * are not `prefix:name` or repeat in another case, non-scalar or mixed-type values, policy
 * variables where the operator takes none or with a broken syntax), and what IAM accepts but
 * cannot work as written as warnings (values not of the operator's form, empty blocks and
 * lists, wildcards under an `Equals` operator, several values for Bool, a set qualifier on Null).
 * What the keys mean (the catalog) is checked in `check-condition-keys.ts`.
 */
import { describeValue } from '../../spec/schema-kit';
import { isPlainObject } from '../../text/plain-object';
import { CHECK_IDS } from '../check-ids';
import type { FieldPath } from '../../spec/field-path';
import type { Finding } from '../finding';
import { conditionValueProblem } from '../../iam/condition-value-forms';
import { hasPolicyVariable, policyVariableProblem, withoutPolicyVariables } from '../../iam/policy-variable';
import { checkError, checkWarning } from '../make-finding';
import { readConditionOperator } from './condition-operator';
import type { ConditionOperator, Located, ParsedCondition } from './parsed-policy';
import type { ConditionScalar } from '../../iam/policy-document';

const EXAMPLE = '{"StringEquals": {"aws:SourceAccount": "123456789012"}}';

/**
 * Parses the `Condition` at `path`. `variables` tells whether policy variables are read as such
 * (Version 2012-10-17); otherwise `${…}` is plain text.
 */
export function parseCondition(condition: unknown, path: FieldPath, variables: boolean, findings: Finding[]): ParsedCondition[] {
  if (!isPlainObject(condition)) {
    findings.push(
      checkError(
        CHECK_IDS.policyElement,
        path,
        `"Condition" is ${describeValue(condition)}; it must map condition operators to mappings of keys and values, e.g. ${EXAMPLE}`,
      ),
    );
    return [];
  }
  if (Object.keys(condition).length === 0) {
    findings.push(checkWarning(CHECK_IDS.policyElement, path, '"Condition" is empty, so it restricts nothing; remove it or add conditions'));
  }
  return Object.entries(condition).flatMap(([text, block]) => {
    const operatorPath = [...path, text];
    const reading = readConditionOperator(text);
    if (reading.problem !== undefined) {
      findings.push(checkError(CHECK_IDS.conditionOperator, operatorPath, reading.problem));
    } else if (reading.operator.qualifier && reading.operator.base.family === 'Null') {
      findings.push(
        checkWarning(
          CHECK_IDS.conditionOperator,
          operatorPath,
          `"${text}": a set qualifier on Null makes the condition always ${reading.operator.qualifier === 'ForAllValues' ? 'true' : 'false'}; write "Null"`,
        ),
      );
    }
    if (!isPlainObject(block)) {
      findings.push(
        checkError(CHECK_IDS.policyElement, operatorPath, `"${text}" is ${describeValue(block)}; an operator maps condition keys to values, e.g. ${EXAMPLE}`),
      );
      return [];
    }
    if (Object.keys(block).length === 0) {
      findings.push(checkWarning(CHECK_IDS.policyElement, operatorPath, `"${text}" has no condition keys, so it restricts nothing; remove it or add keys`));
    }
    findings.push(...keysRepeatedInOtherCase(text, Object.keys(block), operatorPath));
    return Object.entries(block).flatMap(([key, value]) => {
      const keyPath = [...operatorPath, key];
      const keyProblem = keyFormatProblem(key);
      if (keyProblem) findings.push(checkError(CHECK_IDS.conditionKey, keyPath, keyProblem));
      const values = conditionValues(value, keyPath, findings);
      if (!reading.operator) return [];
      findings.push(...checkValues(reading.operator, key, values, keyPath, variables));
      return [{ operator: reading.operator, key, path: keyPath, values }];
    });
  });
}

/** `prefix:name`: the service prefix (or `aws`), a colon, and the key name. */
function keyFormatProblem(key: string): string | undefined {
  const colon = key.indexOf(':');
  if (colon > 0 && colon < key.length - 1) return undefined;
  return `condition key "${key}" is not prefix:name; write a service prefix (or "aws"), ":" and the key, e.g. "aws:SourceAccount" or "s3:prefix"`;
}

/** IAM compares key names ignoring case, so two spellings of one key in a block are one key given twice. */
function keysRepeatedInOtherCase(operator: string, keys: readonly string[], path: FieldPath): Finding[] {
  const first = new Map<string, string>();
  const findings: Finding[] = [];
  for (const key of keys) {
    const earlier = first.get(key.toLowerCase());
    if (earlier === undefined) first.set(key.toLowerCase(), key);
    else
      findings.push(
        checkError(
          CHECK_IDS.conditionKey,
          [...path, key],
          `condition key "${key}" repeats "${earlier}" of "${operator}" in another case; IAM reads key names ignoring case, so give the key once`,
        ),
      );
  }
  return findings;
}

/** The scalar values of a key: one scalar, or a list of scalars of one JSON type. */
function conditionValues(value: unknown, path: FieldPath, findings: Finding[]): Located<ConditionScalar>[] {
  if (isScalar(value)) return [{ value, path }];
  if (!Array.isArray(value)) {
    findings.push(
      checkError(CHECK_IDS.conditionValue, path, `the value is ${describeValue(value)}; a condition value is a string, number or boolean, or a list of them`),
    );
    return [];
  }
  if (value.length === 0) {
    findings.push(
      checkWarning(
        CHECK_IDS.conditionValue,
        path,
        'the value is an empty list, so the key matches nothing (with ForAllValues or IfExists: only requests without the key); give values, or use Null to test for absence',
      ),
    );
  }
  const values = value.flatMap((item: unknown, index): Located<ConditionScalar>[] => {
    if (isScalar(item)) return [{ value: item, path: [...path, index] }];
    findings.push(
      checkError(CHECK_IDS.conditionValue, [...path, index], `the value is ${describeValue(item)}; list entries must be strings, numbers or booleans`),
    );
    return [];
  });
  const types = [...new Set(values.map((entry) => typeof entry.value))];
  if (types.length > 1) {
    findings.push(checkError(CHECK_IDS.conditionValue, path, `the values mix JSON types (${types.join(', ')}); give them all as one type, e.g. all strings`));
  }
  return values;
}

function isScalar(value: unknown): value is ConditionScalar {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

/** The checks of each value against its operator: variables, form, wildcards; and the count for Bool. */
function checkValues(operator: ConditionOperator, key: string, values: readonly Located<ConditionScalar>[], keyPath: FieldPath, variables: boolean): Finding[] {
  const { base } = operator;
  const findings: Finding[] = [];
  if (base.family === 'Bool' && values.length > 1) {
    findings.push(
      checkWarning(CHECK_IDS.conditionValue, keyPath, `"${key}" has ${values.length} values; Bool compares a single "true" or "false", so give one`),
    );
  }
  for (const { value, path } of values) {
    const text = String(value);
    if (variables && typeof value === 'string' && hasPolicyVariable(value)) {
      const syntax = policyVariableProblem(value);
      if (syntax) {
        findings.push(checkError(CHECK_IDS.conditionValue, path, `${describeValue(value)}: ${syntax}`));
        continue;
      }
      if (!base.allowsVariables) {
        findings.push(
          checkError(
            CHECK_IDS.conditionValue,
            path,
            `${describeValue(value)} holds a policy variable, but ${base.name} takes none; policy variables work with the String and ARN operators`,
          ),
        );
        continue;
      }
    }
    const literal = variables ? withoutPolicyVariables(text) : text;
    const form = base.family && !(variables && hasPolicyVariable(text)) ? conditionValueProblem(base.family, value) : undefined;
    if (form) {
      findings.push(checkWarning(CHECK_IDS.conditionValue, path, `${describeValue(value)} is not a value ${operator.text} can compare; it takes ${form}`));
    } else if (base.family === 'String' && !base.allowsWildcards && /[*?]/.test(literal)) {
      findings.push(
        checkWarning(
          CHECK_IDS.conditionValue,
          path,
          `${describeValue(value)} has "*" or "?", which ${base.name} compares literally; use ${base.name.replace(/Equals(IgnoreCase)?$/, 'Like')} for a wildcard match, or \${*} / \${?} for a literal character`,
        ),
      );
    }
  }
  return findings;
}
