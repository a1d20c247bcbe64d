/**
 * Reads a condition operator name the way IAM does: an optional set qualifier (`ForAllValues:`
 * or `ForAnyValue:`), a base operator from the catalog, and an optional `IfExists` suffix, all
 * case-sensitive (IAM refuses `stringEquals` with "Invalid Condition type"). `Null` takes no
 * `IfExists` (AWS: "You can add IfExists to the end of any condition operator name except the
 * Null condition"). The base operators come from the simulator's catalog, not from a list here.
 */
import { conditionOperators, type ConditionOperatorInfo } from '../../iam/simulator';
import { closest } from '../../text/closest';
import type { ConditionOperator, SetQualifier } from './parsed-policy';

const QUALIFIERS: readonly SetQualifier[] = ['ForAllValues', 'ForAnyValue'];
const IF_EXISTS = 'IfExists';

/** The operator, or why IAM refuses it. */
export type OperatorReading =
  { readonly operator: ConditionOperator; readonly problem?: undefined } | { readonly problem: string; readonly operator?: undefined };

/** Splits and looks up an operator name. */
export function readConditionOperator(text: string): OperatorReading {
  const parts = text.split(':');
  if (parts.length > 2) return { problem: `"${text}" has more than one ":"; write [ForAllValues:|ForAnyValue:]Operator[IfExists]` };
  const [qualifierText, baseText] = parts.length === 2 ? parts : [undefined, parts[0]];
  let qualifier: SetQualifier | undefined;
  if (qualifierText !== undefined) {
    qualifier = QUALIFIERS.find((name) => name === qualifierText);
    if (!qualifier) {
      const suggestion = closest(qualifierText, QUALIFIERS);
      return {
        problem: `"${qualifierText}:" is not a set qualifier${suggestion ? ` (did you mean "${suggestion}:"?)` : ''}; allowed: ForAllValues:, ForAnyValue: (case-sensitive)`,
      };
    }
  }
  const ifExists = baseText.endsWith(IF_EXISTS) && baseText !== IF_EXISTS;
  const baseName = ifExists ? baseText.slice(0, -IF_EXISTS.length) : baseText;
  const operators = conditionOperators();
  const base = operators.find((operator) => operator.name === baseName);
  if (!base) return { problem: unknownOperator(text, qualifierText, baseText, operators) };
  if (ifExists && base.family === 'Null')
    return {
      problem: `"${text}": Null takes no IfExists suffix (it already tests whether the key exists); write "${qualifierText ? `${qualifierText}:` : ''}Null"`,
    };
  return { operator: { text, qualifier, base, ifExists } };
}

function unknownOperator(text: string, qualifierText: string | undefined, baseText: string, operators: readonly ConditionOperatorInfo[]): string {
  const names = operators.flatMap(({ name, family }) => (family === 'Null' ? [name] : [name, `${name}${IF_EXISTS}`]));
  const sameButCase = names.find((name) => name.toLowerCase() === baseText.toLowerCase());
  const prefix = qualifierText === undefined ? '' : `${qualifierText}:`;
  if (sameButCase) return `"${text}": IAM condition operator names are case-sensitive; write "${prefix}${sameButCase}"`;
  const suggestion = closest(baseText, names);
  const known = operators.map(({ name }) => name).join(', ');
  return `unknown condition operator "${text}"${suggestion ? ` (did you mean "${prefix}${suggestion}"?)` : ''}; allowed: ${known}, each but Null optionally ending in IfExists`;
}
