/**
 * Checks the resources of each statement: every entry is `*` or a well-formed ARN of the
 * stack's partition (an S3 bucket ARN with a bucket name S3 allows: `check-bucket-names.ts`), and
 * the statement's actions and ARNs fit together. An action applies to an ARN when the ARN can name
 * a resource of one of the action's resource types (iam-data's ARN formats); the classic
 * mistakes are `s3:ListBucket` on `arn:aws:s3:::bucket/*` (it needs the bucket ARN) and
 * `s3:PutObject` on `arn:aws:s3:::bucket` (it needs `arn:aws:s3:::bucket/*`).
 *
 * For each statement with specific ARNs (no `*`), each action that applies to none of them is
 * reported once, at the action, with an example ARN of the type it needs derived from the ARNs
 * given. Actions without resource types (`s3:ListAllMyBuckets`) need `"Resource": "*"`. When
 * every action applies to something, an ARN that no action applies to is reported at the ARN.
 */
import { CHECK_IDS } from '../check-ids';
import type { Finding } from '../finding';
import { expandActionPattern, parseActionPattern } from '../../iam/action-pattern';
import { arnFormatProblem, arnPartitionProblem, splitArn, type StackPartition } from '../../iam/arn';
import { arnMatchesFormat, fillArnFormat, placeholderValues } from '../../iam/arn-pattern';
import type { IamAction, IamCatalog, IamResourceType } from '../../iam/iam-catalog';
import { checkError } from '../make-finding';
import { checkBucketArnName } from './check-bucket-names';
import type { Located, ParsedPolicy, ParsedStatement } from './parsed-policy';

/**
 * What the resource checks know of the stack: its partition (with the region it comes from),
 * which every ARN must be in, and its account; all three fill example ARNs where the given ARNs do not say.
 */
export interface ArnExampleHints extends StackPartition {
  /** The spec's account id, when given. */
  readonly accountId?: string;
}

/** Findings for the resources of every statement of `policy`. */
export function checkPolicyResources(policy: ParsedPolicy, catalog: IamCatalog, hints: ArnExampleHints): Finding[] {
  return policy.statements.flatMap((statement) => checkStatementResources(statement, catalog, hints));
}

/** Findings for the resources of one statement. */
export function checkStatementResources(statement: ParsedStatement, catalog: IamCatalog, hints: ArnExampleHints): Finding[] {
  const { resources, actions } = statement;
  if (!resources) return [];
  const findings: Finding[] = [];
  const arns: Located<string>[] = [];
  for (const entry of resources.entries) {
    const problem = arnFormatProblem(entry.value);
    if (problem) {
      findings.push(checkError(CHECK_IDS.resourceArnFormat, entry.path, problem));
      continue;
    }
    const partition = arnPartitionProblem(
      entry.value,
      hints,
      (given) => `IAM refuses it (MalformedPolicyDocument: Partition "${given}" is not valid for resource ${JSON.stringify(entry.value)})`,
    );
    if (partition) findings.push(checkError(CHECK_IDS.arnPartition, entry.path, partition));
    findings.push(...checkBucketArnName(entry));
    arns.push(entry);
  }
  // NotAction / NotResource grant by exclusion, and an empty Action list grants nothing: there is nothing to pair up.
  if (resources.negated || !actions || actions.negated || actions.entries.length === 0) return findings;
  if (arns.length === 0 || arns.some((arn) => arn.value === '*')) return findings;

  const applies = applicability();
  const used = new Set<string>();
  let unresolved = false;
  let mismatches = 0;
  for (const entry of actions.entries) {
    const pattern = parseActionPattern(entry.value);
    const expansion = pattern && expandActionPattern(pattern, catalog);
    if (!expansion || expansion.kind !== 'actions' || expansion.actions.length === 0) {
      // `*`, wildcard services and unknown actions: nothing to check (unknown ones are reported elsewhere).
      unresolved = true;
      continue;
    }
    const matched = expansion.actions.map((action) => arns.filter((arn) => applies(action, arn.value)));
    matched.flat().forEach((arn) => used.add(arn.value));
    if (matched.some((list) => list.length)) continue;
    mismatches++;
    const message = expansion.wildcard
      ? `${JSON.stringify(entry.value)} matches ${expansion.actions.length} action${expansion.actions.length === 1 ? '' : 's'} of ${pattern.service}, none of which applies to a resource of this statement (given ${listArns(arns)})`
      : actionMismatchMessage(expansion.actions[0], arns, catalog, hints);
    findings.push(checkError(CHECK_IDS.resourceMismatch, entry.path, message));
  }
  if (unresolved || mismatches) return findings;
  for (const arn of arns) {
    if (used.has(arn.value)) continue;
    findings.push(
      checkError(
        CHECK_IDS.resourceMismatch,
        arn.path,
        strayArnMessage(
          arn.value,
          actions.entries.map((entry) => entry.value),
          catalog,
        ),
      ),
    );
  }
  return findings;
}

/** Whether an action applies to a policy ARN, memoized per ARN and resource type. */
function applicability(): (action: IamAction, arn: string) => boolean {
  const memo = new Map<string, boolean>();
  const matches = (arn: string, type: IamResourceType) => {
    const key = `${arn}\u0000${type.arnFormat}`;
    let result = memo.get(key);
    if (result === undefined) {
      result = arnMatchesFormat(arn, type.arnFormat);
      memo.set(key, result);
    }
    return result;
  };
  return (action, arn) => action.resourceTypes.some(({ type }) => matches(arn, type));
}

function actionMismatchMessage(action: IamAction, arns: readonly Located<string>[], catalog: IamCatalog, hints: ArnExampleHints): string {
  const name = `${action.service}:${action.name}`;
  if (action.resourceTypes.length === 0) {
    return `${name} cannot be restricted to resources: it applies only with "Resource": "*" (given ${listArns(arns)}); put it in a statement of its own with "Resource": "*"`;
  }
  const { type, example } = exampleArn(action, arns, catalog, hints);
  return `${name} applies to no resource of this statement; it needs ${article(type.name)} ${type.name} ARN like ${example} (given ${listArns(arns)})`;
}

/**
 * The resource type of `action` best illustrated from the given ARNs, and an example ARN of it:
 * placeholders take their values from a given ARN of another type of the same service (the
 * bucket name of `arn:aws:s3:::bucket/*`), then from the stack (partition, region, account).
 */
function exampleArn(
  action: IamAction,
  arns: readonly Located<string>[],
  catalog: IamCatalog,
  hints: ArnExampleHints,
): { type: IamResourceType; example: string } {
  const serviceTypes = catalog.service(action.service)?.resourceTypes ?? [];
  const sources = arns.map(({ value }) => {
    const parts = splitArn(value);
    const literal = (text: string | undefined) => (text && !/[*?]|\$\{/.test(text) ? text : undefined);
    const stack: Record<string, string | undefined> = {
      Partition: literal(parts?.partition) ?? hints.partition,
      Region: literal(parts?.region) ?? hints.region,
      Account: literal(parts?.account) ?? hints.accountId,
    };
    // The most specific type the ARN fits (most literal text) gives the placeholder values.
    const fits = serviceTypes
      .map((type) => ({ literal: type.arnFormat.replace(/\$\{[^}]*\}/g, '').length, values: placeholderValues(value, type.arnFormat) }))
      .filter((fit) => fit.values !== undefined)
      .sort((a, b) => b.literal - a.literal);
    return { stack, bound: fits[0]?.values ?? new Map<string, string>() };
  });
  const ranked = [...action.resourceTypes]
    .sort((a, b) => Number(b.required) - Number(a.required))
    .flatMap(({ type }) =>
      sources.map(({ stack, bound }) => {
        const fromArn = fillArnFormat(type.arnFormat, (name) => (name in stack ? undefined : bound.get(name)));
        const usedArn = fromArn.text !== type.arnFormat;
        const filled = fillArnFormat(fromArn.text, (name) => stack[name] ?? (usedArn && name !== 'Account' ? '*' : undefined));
        return { type, example: filled.text, unfilled: filled.unfilled, usedArn };
      }),
    );
  // Best: built from a given ARN, then the fewest placeholders left; the sort is stable.
  ranked.sort((a, b) => Number(b.usedArn) - Number(a.usedArn) || a.unfilled - b.unfilled);
  return ranked[0] ?? { type: action.resourceTypes[0].type, example: action.resourceTypes[0].type.arnFormat };
}

function strayArnMessage(arn: string, actions: readonly string[], catalog: IamCatalog): string {
  const described = actions.slice(0, 3).map((text) => {
    const pattern = parseActionPattern(text);
    const expansion = pattern && expandActionPattern(pattern, catalog);
    if (!expansion || expansion.kind !== 'actions' || expansion.wildcard || !expansion.actions[0]) return text;
    const types = expansion.actions[0].resourceTypes.map(({ type }) => type.name);
    return `${text} takes ${types.length ? types.join(' or ') : 'only "*"'}`;
  });
  const more = actions.length > 3 ? `, and ${actions.length - 3} more` : '';
  return `${JSON.stringify(arn)} is not a resource of any action of this statement (${described.join('; ')}${more}); remove it or give it the action it is meant for`;
}

function listArns(arns: readonly Located<string>[]): string {
  const shown = arns.slice(0, 3).map((arn) => JSON.stringify(arn.value));
  return shown.join(', ') + (arns.length > 3 ? ` and ${arns.length - 3} more` : '');
}

function article(word: string): string {
  return /^[aeiou]/i.test(word) ? 'an' : 'a';
}
