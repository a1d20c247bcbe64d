/**
 * Reads a policy document into typed statements ({@link ParsedPolicy}) and reports what breaks
 * the policy grammar: `Version`, `Statement`, `Effect`, the elements each kind of policy
 * allows, requires or forbids, principal forms and (through `parse-condition.ts`) `Condition`.
 * What the parts mean (actions, ARNs, condition keys) is checked elsewhere.
 */
import type { PolicyDocument } from '../../spec/model';
import { describeValue } from '../../spec/schema-kit';
import { closest } from '../../text/closest';
import { isPlainObject } from '../../text/plain-object';
import { CHECK_IDS } from '../check-ids';
import type { FieldPath } from '../../spec/field-path';
import type { Finding } from '../finding';
import { checkError, checkWarning } from '../make-finding';
import { parseCondition } from './parse-condition';
import { principalValueProblem } from './principal-format';
import type { Located, ParsedPolicy, ParsedStatement, PolicyKind, PrincipalEntry, StatementList, StatementPrincipal } from './parsed-policy';
import { IAM_POLICY_VERSION } from '../../iam-policy-version';

/** The parsed policy and the grammar problems found in it. */
export interface PolicyParseResult {
  readonly policy: ParsedPolicy;
  readonly findings: readonly Finding[];
}

const LEGACY_VERSION = '2008-10-17';
const DOCUMENT_KEYS = ['Version', 'Id', 'Statement'];
const STATEMENT_KEYS = ['Sid', 'Effect', 'Principal', 'NotPrincipal', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition'];
const PRINCIPAL_TYPES = ['AWS', 'Service', 'Federated', 'CanonicalUser'];
const KIND_TEXT: Record<PolicyKind, string> = { identity: 'an identity-based policy', trust: 'a trust policy' };

/** Parses the policy document at `path`; `kind` decides which elements are required or forbidden. */
export function parsePolicy(document: PolicyDocument, path: FieldPath, kind: PolicyKind): PolicyParseResult {
  const findings: Finding[] = [];
  for (const key of Object.keys(document)) {
    if (!DOCUMENT_KEYS.includes(key)) findings.push(unknownElement(key, [...path, key], DOCUMENT_KEYS, 'a policy document'));
  }
  findings.push(...checkVersion(document, path));
  if (document.Id !== undefined && typeof document.Id !== 'string') {
    findings.push(checkError(CHECK_IDS.policyElement, [...path, 'Id'], `"Id" is ${describeValue(document.Id)}; it must be a string`));
  } else if (document.Id !== undefined && kind === 'identity') {
    findings.push(
      checkWarning(
        CHECK_IDS.policyElement,
        [...path, 'Id'],
        'IAM\'s policy grammar allows "Id" in resource-based policies (such as trust policies) only, not in an identity-based policy; remove it',
      ),
    );
  }
  const variables = document.Version === IAM_POLICY_VERSION;
  const statements = statementsOf(document, path, findings).flatMap(({ value, path: statementPath }) => {
    const statement = parseStatement(value, statementPath, kind, variables, findings);
    return statement ? [statement] : [];
  });
  findings.push(...duplicateSids(statements));
  return { policy: { kind, path, document, statements }, findings };
}

function checkVersion(document: PolicyDocument, path: FieldPath): Finding[] {
  const version = document.Version;
  if (version === undefined) {
    return [
      checkError(
        CHECK_IDS.policyVersion,
        path,
        `"Version" is missing; add "Version": "${IAM_POLICY_VERSION}" (without it IAM reads the policy as ${LEGACY_VERSION}, where policy variables such as \${aws:username} are plain text)`,
      ),
    ];
  }
  if (version === IAM_POLICY_VERSION) return [];
  if (version === LEGACY_VERSION) {
    return [
      checkWarning(
        CHECK_IDS.policyVersion,
        [...path, 'Version'],
        `"Version" is "${LEGACY_VERSION}", the legacy grammar without policy variables; use "${IAM_POLICY_VERSION}"`,
      ),
    ];
  }
  const allowed = `allowed: "${IAM_POLICY_VERSION}" (current) or "${LEGACY_VERSION}" (legacy)`;
  if (Object.prototype.toString.call(version) === '[object Date]') {
    // YAML 1.1 (`%YAML 1.1`) and the `!!timestamp` tag read an unquoted 2012-10-17 as a date; IAM wants the text.
    return [
      checkError(
        CHECK_IDS.policyVersion,
        [...path, 'Version'],
        `"Version" was read as a date/timestamp, not text: YAML reads an unquoted date such as 2012-10-17 as a timestamp; quote it, as in Version: "${IAM_POLICY_VERSION}" (${allowed})`,
      ),
    ];
  }
  return [checkError(CHECK_IDS.policyVersion, [...path, 'Version'], `"Version" is ${describeValue(version)}; ${allowed}`)];
}

/** The statements of a document: `Statement` as one object or a list of them. */
function statementsOf(document: PolicyDocument, path: FieldPath, findings: Finding[]): Located<Record<string, unknown>>[] {
  const statement = document.Statement;
  const statementPath = [...path, 'Statement'];
  if (statement === undefined) {
    findings.push(checkError(CHECK_IDS.policyStatement, path, '"Statement" is missing; a policy needs a statement or a list of statements'));
    return [];
  }
  if (isPlainObject(statement)) return [{ value: statement, path: statementPath }];
  if (!Array.isArray(statement)) {
    findings.push(
      checkError(
        CHECK_IDS.policyStatement,
        statementPath,
        `"Statement" is ${describeValue(statement)}; it must be a statement (mapping) or a list of statements`,
      ),
    );
    return [];
  }
  if (statement.length === 0) {
    findings.push(checkError(CHECK_IDS.policyStatement, statementPath, '"Statement" is an empty list; a policy needs at least one statement'));
  }
  return statement.flatMap((item: unknown, index) => {
    if (isPlainObject(item)) return [{ value: item, path: [...statementPath, index] }];
    findings.push(checkError(CHECK_IDS.policyStatement, [...statementPath, index], `statement is ${describeValue(item)}; each statement must be a mapping`));
    return [];
  });
}

function parseStatement(
  statement: Record<string, unknown>,
  path: FieldPath,
  kind: PolicyKind,
  variables: boolean,
  findings: Finding[],
): ParsedStatement | undefined {
  for (const key of Object.keys(statement)) {
    if (!STATEMENT_KEYS.includes(key)) findings.push(unknownElement(key, [...path, key], STATEMENT_KEYS, 'a statement'));
  }
  const sid = parseSid(statement.Sid, [...path, 'Sid'], findings);
  const effect = parseEffect(statement, path, findings);
  const actions = pairedList(statement, path, 'Action', 'NotAction', 'required', kind, findings);
  const resources = pairedList(statement, path, 'Resource', 'NotResource', kind === 'identity' ? 'required' : 'forbidden', kind, findings);
  const principal = parsePrincipalElement(statement, path, kind, findings);
  const condition = statement.Condition;
  const conditions = condition === undefined ? [] : parseCondition(condition, [...path, 'Condition'], variables, findings);
  return { path, sid, effect, actions, resources, principal, hasCondition: condition !== undefined, conditions };
}

function parseSid(sid: unknown, path: FieldPath, findings: Finding[]): string | undefined {
  if (sid === undefined) return undefined;
  if (typeof sid !== 'string' || !/^[A-Za-z0-9]*$/.test(sid)) {
    findings.push(checkError(CHECK_IDS.policyElement, path, `"Sid" is ${describeValue(sid)}; a Sid holds ASCII letters and digits only`));
    return undefined;
  }
  return sid;
}

function parseEffect(statement: Record<string, unknown>, path: FieldPath, findings: Finding[]): 'Allow' | 'Deny' | undefined {
  const effect = statement.Effect;
  if (effect === 'Allow' || effect === 'Deny') return effect;
  if (effect === undefined) {
    findings.push(checkError(CHECK_IDS.policyEffect, path, '"Effect" is missing; allowed: "Allow" or "Deny"'));
    return undefined;
  }
  const hint =
    typeof effect === 'string' && ['allow', 'deny'].includes(effect.toLowerCase())
      ? ` (write "${effect[0].toUpperCase()}${effect.slice(1).toLowerCase()}")`
      : '';
  findings.push(checkError(CHECK_IDS.policyEffect, [...path, 'Effect'], `"Effect" is ${describeValue(effect)}; allowed: "Allow" or "Deny"${hint}`));
  return undefined;
}

/**
 * Reads `Action`/`NotAction` or `Resource`/`NotResource`: exactly one of the pair when
 * required, neither when forbidden.
 */
function pairedList(
  statement: Record<string, unknown>,
  path: FieldPath,
  key: string,
  notKey: string,
  presence: 'required' | 'forbidden',
  kind: PolicyKind,
  findings: Finding[],
): StatementList | undefined {
  const given = [key, notKey].filter((name) => statement[name] !== undefined);
  if (presence === 'forbidden') {
    for (const name of given) {
      findings.push(checkError(CHECK_IDS.policyElement, [...path, name], `"${name}" is not allowed in ${KIND_TEXT[kind]}; remove it`));
    }
    return undefined;
  }
  if (given.length === 0) {
    findings.push(checkError(CHECK_IDS.policyElement, path, `the statement has neither "${key}" nor "${notKey}"; give one of them`));
    return undefined;
  }
  if (given.length === 2) {
    findings.push(checkError(CHECK_IDS.policyElement, [...path, notKey], `the statement has both "${key}" and "${notKey}"; give only one`));
  }
  const name = given[0];
  const entries = stringList(statement[name], [...path, name], name, findings);
  return entries && { key: name, negated: name === notKey, path: [...path, name], entries };
}

/**
 * How IAM refuses an element given as an empty list (`MalformedPolicyDocument`): a statement
 * must name at least one action, one resource, and each principal type at least one principal.
 */
function emptyListRefusal(name: string): string {
  if (name === 'Action' || name === 'NotAction')
    return 'IAM refuses a statement without actions (MalformedPolicyDocument: Policy statement must contain actions)';
  if (name === 'Resource' || name === 'NotResource')
    return 'IAM refuses a statement without resources (MalformedPolicyDocument: Policy statement must contain resources)';
  return 'IAM refuses a principal element without principals (MalformedPolicyDocument: Invalid principal in policy)';
}

/** A string or a non-empty list of strings, each entry located; an empty list is an error, as in IAM. */
function stringList(value: unknown, path: FieldPath, name: string, findings: Finding[]): Located<string>[] | undefined {
  if (typeof value === 'string') return [{ value, path }];
  if (!Array.isArray(value)) {
    findings.push(checkError(CHECK_IDS.policyElement, path, `"${name}" is ${describeValue(value)}; it must be a string or a list of strings`));
    return undefined;
  }
  if (value.length === 0)
    findings.push(checkError(CHECK_IDS.policyElement, path, `"${name}" is an empty list; ${emptyListRefusal(name)}: give at least one entry`));
  return value.flatMap((item: unknown, index) => {
    if (typeof item === 'string') return [{ value: item, path: [...path, index] }];
    findings.push(checkError(CHECK_IDS.policyElement, [...path, index], `"${name}" entry is ${describeValue(item)}; entries must be strings`));
    return [];
  });
}

function parsePrincipalElement(statement: Record<string, unknown>, path: FieldPath, kind: PolicyKind, findings: Finding[]): StatementPrincipal | undefined {
  const given = (['Principal', 'NotPrincipal'] as const).filter((name) => statement[name] !== undefined);
  if (kind === 'identity') {
    for (const name of given) {
      findings.push(
        checkError(
          CHECK_IDS.policyElement,
          [...path, name],
          `"${name}" is not allowed in an identity-based policy (the principal is whoever the policy is attached to); remove it`,
        ),
      );
    }
    return undefined;
  }
  if (given.length === 0) {
    findings.push(
      checkError(
        CHECK_IDS.policyElement,
        path,
        'the statement has no "Principal"; a trust policy names who may assume the role, e.g. {"Service": "ec2.amazonaws.com"}',
      ),
    );
    return undefined;
  }
  if (given.length === 2) {
    findings.push(checkError(CHECK_IDS.policyElement, [...path, 'NotPrincipal'], 'the statement has both "Principal" and "NotPrincipal"; give only one'));
  } else if (given[0] === 'NotPrincipal') {
    findings.push(
      checkError(
        CHECK_IDS.policyElement,
        [...path, 'NotPrincipal'],
        '"NotPrincipal" is not allowed in a role trust policy; name who may assume the role in "Principal"',
      ),
    );
  }
  const key = given[0];
  return parsePrincipal(statement[key], [...path, key], key, findings);
}

function parsePrincipal(value: unknown, path: FieldPath, key: 'Principal' | 'NotPrincipal', findings: Finding[]): StatementPrincipal | undefined {
  if (value === '*') return { key, path, anyone: true, entries: [] };
  if (!isPlainObject(value)) {
    findings.push(
      checkError(CHECK_IDS.policyElement, path, `"${key}" is ${describeValue(value)}; it must be "*" or a mapping such as {"Service": "ec2.amazonaws.com"}`),
    );
    return undefined;
  }
  const entries: PrincipalEntry[] = [];
  if (Object.keys(value).length === 0) {
    findings.push(
      checkError(
        CHECK_IDS.policyElement,
        path,
        `"${key}" is an empty mapping; ${emptyListRefusal(key)}: name who may assume the role, e.g. {"Service": "ec2.amazonaws.com"}`,
      ),
    );
  }
  for (const [type, principals] of Object.entries(value)) {
    if (!PRINCIPAL_TYPES.includes(type)) {
      findings.push(unknownElement(type, [...path, type], PRINCIPAL_TYPES, `"${key}"`));
      continue;
    }
    const list = stringList(principals, [...path, type], `${key}.${type}`, findings) ?? [];
    for (const entry of list) {
      const problem = principalValueProblem(type, entry.value);
      if (problem) findings.push(checkError(CHECK_IDS.principalFormat, entry.path, problem));
    }
    entries.push(...list.map((entry) => ({ ...entry, type })));
  }
  return { key, path, anyone: false, entries };
}

function duplicateSids(statements: readonly ParsedStatement[]): Finding[] {
  const first = new Map<string, ParsedStatement>();
  const findings: Finding[] = [];
  for (const statement of statements) {
    if (!statement.sid) continue;
    const earlier = first.get(statement.sid);
    if (earlier) {
      findings.push(
        checkError(
          CHECK_IDS.policyElement,
          [...statement.path, 'Sid'],
          `"Sid" "${statement.sid}" is already used by an earlier statement; Sids are unique within a policy`,
        ),
      );
    } else first.set(statement.sid, statement);
  }
  return findings;
}

function unknownElement(key: string, path: FieldPath, allowed: readonly string[], where: string): Finding {
  const suggestion = closest(key, allowed);
  return checkError(
    CHECK_IDS.policyElement,
    path,
    `unknown element "${key}" in ${where}${suggestion ? ` (did you mean "${suggestion}"?)` : ''}; allowed: ${allowed.join(', ')}`,
  );
}
