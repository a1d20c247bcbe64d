/**
 * Condition keys against the IAM catalog (iam-data). IAM accepts any well-formed key, so these
 * are warnings, as IAM Access Analyzer gives them: a key the catalog does not know (with the
 * closest known key), an operator that does not compare the key's type ("Type mismatch"; ARN
 * keys also take the String operators), a multivalued (`ArrayOf…`) key without
 * `ForAllValues:`/`ForAnyValue:` ("Missing qualifier"), and `ForAllValues:` on a single-valued
 * key, which also matches requests without the key.
 */
import { closest } from '../../text/closest';
import { CHECK_IDS } from '../check-ids';
import type { Finding } from '../finding';
import type { IamCatalog, IamConditionKey } from '../../iam/iam-catalog';
import { checkWarning } from '../make-finding';
import type { ParsedCondition, ParsedPolicy } from './parsed-policy';

const MULTIVALUED = 'ArrayOf';

/** Every condition key the policies use (what the catalog has to load). */
export function conditionKeysOf(policies: readonly ParsedPolicy[]): Set<string> {
  return new Set(policies.flatMap((policy) => policy.statements.flatMap((statement) => statement.conditions.map((condition) => condition.key))));
}

/** Warnings for the condition keys of a policy. */
export function checkConditionKeys(policy: ParsedPolicy, catalog: IamCatalog): Finding[] {
  return policy.statements.flatMap((statement) => statement.conditions.flatMap((condition) => checkConditionKey(condition, catalog)));
}

function checkConditionKey(condition: ParsedCondition, catalog: IamCatalog): Finding[] {
  const { key, path } = condition;
  if (!key.includes(':')) return [];
  const known = catalog.conditionKey(key);
  if (!known) return [checkWarning(CHECK_IDS.conditionKey, path, unknownKeyMessage(key, catalog.conditionKeyNames(key)))];
  const problem = typeProblem(condition, known);
  return problem ? [checkWarning(CHECK_IDS.conditionKey, path, problem)] : [];
}

function unknownKeyMessage(key: string, names: readonly string[]): string {
  // Pattern keys (aws:ResourceTag/${TagKey}) are compared on the part before their "/".
  const [head, ...tail] = key.split('/');
  const heads = names.map((name) => name.split('/')[0]);
  const match = closest(head, tail.length ? heads : names);
  const suggestion = match && (tail.length ? `${match}/${tail.join('/')}` : match);
  const where = names.length ? '' : `; the catalog has no condition keys with the prefix "${key.split(':')[0]}"`;
  return `unknown condition key "${key}"${suggestion ? ` (did you mean "${suggestion}"?)` : ''}${where}; IAM accepts it, but no request carries it, so the condition never matches as meant`;
}

function typeProblem({ operator, key }: ParsedCondition, known: IamConditionKey): string | undefined {
  const family = operator.base.family;
  if (!family || family === 'Null') return undefined;
  const multivalued = known.type.startsWith(MULTIVALUED);
  const type = multivalued ? known.type.slice(MULTIVALUED.length) : known.type;
  if (family !== type && !(type === 'ARN' && family === 'String')) {
    return `${operator.text} compares ${family} values, but "${key}" is of type ${known.type}; use the ${type} operators${type === 'ARN' ? ' (or the String ones)' : ''}`;
  }
  if (multivalued && !operator.qualifier) {
    return `"${key}" is multivalued (${known.type}); write ForAnyValue:${operator.text} (any value matches) or ForAllValues:${operator.text} (every value matches)`;
  }
  if (!multivalued && operator.qualifier === 'ForAllValues') {
    return `"${key}" is single-valued; ForAllValues: also matches requests without the key, which is rarely meant: drop the qualifier`;
  }
  return undefined;
}
