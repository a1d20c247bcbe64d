/**
 * The expectations an imported profile is given so that its access table proves something: for
 * each bucket the policies let the role put to, get from, list or delete from, one `allow` in the
 * spec's S3 shorthand (`put s3://bucket/probe`), and one `deny` on a bucket no policy names, which
 * shows where the grant ends. Every proposal is one the verifier decides as proposed: an allow is
 * proposed only when a statement without conditions grants it and no Deny statement (of the
 * policies or the permissions boundary) could apply, and the boundary surely allows it; the deny
 * only when no Allow statement could apply to it, wildcards, NotResource and conditions counted
 * as applying. What cannot be said soundly is left out and listed with the reason.
 */
import { actionPatternCovers, hasWildcard, parseActionPattern } from '../iam/action-pattern';
import { splitArn } from '../iam/arn';
import { arnMatchesFormat } from '../iam/arn-pattern';
import { findAwsManagedPolicies } from '../iam/aws-managed-policies';
import type { PolicyDocument } from '../iam/policy-document';
import { hasPolicyVariable } from '../iam/policy-variable';
import { wildcardMatcher } from '../iam/wildcard-match';
import type { ExpectationSpec } from '../spec/spec-schema';
import { isPlainObject } from '../text/plain-object';
import { compareText } from '../text/compare-text';
import { S3_SHORTHAND_VERBS, type S3ShorthandVerb } from '../iam/s3-shorthand';

/** The most allow expectations proposed for one profile unless the caller says otherwise. */
export const PROPOSED_ALLOWS_LIMIT = 10;

/** The object key proposals use where a policy's key pattern has a wildcard (`bucket/*` → `bucket/probe`). */
export const PROBE_KEY = 'probe';

/** A policy the role's requests are decided by. */
export interface ProfilePolicy {
  /** Its name, as proposals' descriptions and skipped statements name it. */
  readonly name: string;
  /**
   * Its document: a customer-managed policy's default version, an inline policy's, a
   * customer-managed boundary's. Leave it out for an AWS-managed policy: it is read from the
   * data package by {@link arn}, as the verifier reads it (the export's copy may be another version).
   */
  readonly document?: PolicyDocument;
  /** `arn:aws:iam::aws:policy/<path><name>`: how an AWS-managed policy without a document is found. @default - none */
  readonly arn?: string;
}

/** What the proposals are made from: every policy the role's requests are decided by. */
export interface ProposalInput {
  /**
   * Every identity policy of the role: the customer-managed policies attached (their default
   * version's document), the AWS-managed ones (by ARN, no document) and the inline policies. A
   * policy whose document is neither given nor in the data package stops every proposal: the
   * verifier could decide none of them.
   */
  readonly policies: readonly ProfilePolicy[];
  /** The role's permissions boundary, by the same rules. @default - none */
  readonly permissionsBoundary?: ProfilePolicy;
  /** The partition the stack deploys to (`partitionOfRegion(region)`): the verifier builds S3 ARNs in it. @default 'aws' */
  readonly partition?: string;
  /** The most allow expectations to propose; the rest are counted in {@link ProposedExpectations.leftOut}. @default PROPOSED_ALLOWS_LIMIT */
  readonly limit?: number;
}

/** A statement, or one of its resources, that no proposal was made from, and why. */
export interface SkippedStatement {
  readonly policy: string;
  /** 0-based, as the verifier's table counts statements. */
  readonly statement: number;
  /** The resource pattern concerned; absent when the whole statement is. */
  readonly resource?: string;
  readonly reason: string;
}

/** The proposals for one profile. */
export interface ProposedExpectations {
  /** The allow expectations (by bucket, then put, get, list, delete), then the one deny. */
  readonly expectations: readonly ExpectationSpec[];
  /** How many allow expectations (bucket and verb) were left out past the limit. */
  readonly leftOut: number;
  /** Allow statements, or resources of them, that gave no proposal, in document order. */
  readonly skipped: readonly SkippedStatement[];
  /** Why nothing at all is proposed (a policy that cannot be read); absent otherwise. */
  readonly refusal?: string;
}

/** The S3 shorthand's verbs, in the order the syntax lists them, with the request each stands for. */
const S3_VERBS = S3_SHORTHAND_VERBS;
type S3Verb = S3ShorthandVerb;

/** A statement as read from a document: every list a list, the Effect checked. */
interface Statement {
  readonly policy: string;
  readonly index: number;
  readonly effect: 'Allow' | 'Deny';
  readonly action?: readonly string[];
  readonly notAction?: readonly string[];
  readonly resource?: readonly string[];
  readonly notResource?: readonly string[];
  readonly conditional: boolean;
}

/** One request the shorthand writes: `verb s3://bucket[/key]`, and the statement it comes from. */
interface Request {
  readonly verb: S3Verb;
  readonly bucket: string;
  /** Empty for `list`. */
  readonly key: string;
  readonly arn: string;
  readonly origin: { readonly statement: Statement; readonly resource: string };
}

/**
 * The expectations to propose for a profile whose role is governed by `input`'s policies: one
 * `allow` per bucket and S3 verb the policies surely grant (at most `limit`, the rest counted),
 * then one `deny` of the first proposal's verb on `<bucket>-not-granted` (or
 * `not-granted-<bucket>`), a bucket no Allow statement can apply to. Statements with NotAction,
 * NotResource or a Condition, resources that are `*`, a wildcard over buckets or a policy
 * variable, and other services give no allow; they still count against a deny.
 */
export function proposedExpectations(input: ProposalInput): ProposedExpectations {
  const partition = input.partition ?? 'aws';
  const identity = statementsOf(input.policies);
  if ('refusal' in identity) return refused(identity.refusal);
  const boundary = input.permissionsBoundary && statementsOf([input.permissionsBoundary]);
  if (boundary && 'refusal' in boundary) return refused(boundary.refusal);

  const skipped: SkippedStatement[] = [];
  const denies = [...identity.statements, ...(boundary?.statements ?? [])].filter((statement) => statement.effect === 'Deny');
  const granted = identity.statements.flatMap((statement) => grantedRequests(statement, partition, skipped));
  const proven = granted.filter((request) => {
    const doubt = doubtAbout(request, denies, boundary?.statements, input.permissionsBoundary?.name);
    if (doubt) skipped.push({ ...originOf(request), reason: `${requestText(request)}: ${doubt}` });
    return !doubt;
  });
  const chosen = onePerBucketAndVerb(proven);
  const kept = chosen.slice(0, Math.max(0, input.limit ?? PROPOSED_ALLOWS_LIMIT));
  const allows = identity.statements.filter((statement) => statement.effect === 'Allow');
  const deny = denyBeyondGrant(kept, allows, partition);
  return {
    expectations: [...kept.map(allowExpectation), ...(deny ? [deny] : [])],
    leftOut: chosen.length - kept.length,
    skipped,
  };
}

function refused(refusal: string): ProposedExpectations {
  return { expectations: [], leftOut: 0, skipped: [], refusal };
}

/** The statements of the policies, or why a policy cannot be read (then nothing can be proposed). */
function statementsOf(policies: readonly ProfilePolicy[]): { statements: Statement[] } | { refusal: string } {
  const packaged = findAwsManagedPolicies(policies.filter((policy) => !policy.document && policy.arn).map((policy) => nameOf(policy.arn!)));
  const statements: Statement[] = [];
  for (const policy of policies) {
    const document = policy.document ?? packagedDocument(policy.arn, packaged);
    if (!document) return { refusal: `the document of policy ${policy.name} is not known, so the verifier can decide nothing for this role` };
    const read = readStatements(policy.name, document);
    if (typeof read === 'string') return { refusal: `policy ${policy.name} ${read}` };
    statements.push(...read);
  }
  return { statements };
}

/** The last segment of a policy ARN: the name the data package keys policies by. */
function nameOf(arn: string): string {
  return arn.slice(arn.lastIndexOf('/') + 1);
}

/** The data package's document of an AWS-managed policy ARN (in any partition), when it has that policy at that path. */
function packagedDocument(arn: string | undefined, packaged: ReadonlyMap<string, { readonly arn: string; readonly document: PolicyDocument } | undefined>) {
  if (!arn || splitArn(arn)?.account !== 'aws') return undefined;
  const policy = packaged.get(nameOf(arn));
  return policy && policy.arn === arn.replace(/^arn:[^:]*:/, 'arn:aws:') ? policy.document : undefined;
}

/** The document's statements, or what keeps them from being read. */
function readStatements(policy: string, document: PolicyDocument): Statement[] | string {
  if (document.Statement === undefined) return 'has no Statement';
  const statements: Statement[] = [];
  for (const [index, raw] of [document.Statement].flat().entries()) {
    const statement = readStatement(policy, index, raw);
    if (typeof statement === 'string') return `statement ${index} ${statement}`;
    statements.push(statement);
  }
  return statements;
}

function readStatement(policy: string, index: number, raw: unknown): Statement | string {
  if (!isPlainObject(raw) || (raw.Effect !== 'Allow' && raw.Effect !== 'Deny')) return 'is not an object with Effect Allow or Deny';
  const action = stringList(raw.Action);
  const notAction = stringList(raw.NotAction);
  const resource = stringList(raw.Resource);
  const notResource = stringList(raw.NotResource);
  if (action === null || notAction === null || resource === null || notResource === null) return 'has an element that is not a string or a list of strings';
  if (!action === !notAction || !resource === !notResource) return 'needs one of Action and NotAction and one of Resource and NotResource';
  return { policy, index, effect: raw.Effect, action, notAction, resource, notResource, conditional: raw.Condition !== undefined };
}

/** A string or a list of strings as a list; `undefined` when absent, `null` when it is anything else. */
function stringList(value: unknown): string[] | undefined | null {
  if (value === undefined) return undefined;
  const list = [value].flat();
  return list.every((item) => typeof item === 'string') ? list : null;
}

/**
 * The requests an Allow statement surely grants, one per S3 resource pattern and verb: the
 * resource is the pattern with its wildcards filled (`*` → {@link PROBE_KEY}, `?` → `x`), so it
 * matches the pattern it comes from, letter case and all. What gives none is noted in `skipped`.
 */
function grantedRequests(statement: Statement, partition: string, skipped: SkippedStatement[]): Request[] {
  if (statement.effect !== 'Allow') return [];
  const skip = (reason: string, resource?: string) => {
    skipped.push({ policy: statement.policy, statement: statement.index, ...(resource === undefined ? {} : { resource }), reason });
    return [];
  };
  if (statement.notAction) return skip('uses NotAction: what it allows is not listed');
  if (statement.notResource) return skip('uses NotResource: what it allows is not listed');
  if (statement.conditional) return skip('has a Condition, which the proposals do not guess a request context for');
  const verbs = S3_VERBS.filter(({ action }) => statement.action!.some((pattern) => surelyCovers(pattern, action)));
  if (!verbs.length) return skip(`allows none of ${S3_VERBS.map(({ action }) => action).join(', ')}, the actions the expectation shorthand writes`);
  return statement.resource!.flatMap((resource) => {
    const location = s3Location(resource, partition);
    if (typeof location === 'string') return skip(location, resource);
    const requests = verbs
      .filter(({ on }) => (on === 'bucket') === (location.key === undefined))
      .map((verb) => request(verb, location.bucket, location.key ?? '', partition, { statement, resource }));
    return requests.length ? requests : skip(`allows no verb of the shorthand on this ${location.key === undefined ? 'bucket' : 'object'} ARN`, resource);
  });
}

/** The bucket and filled key (`undefined` for a bucket ARN) of an S3 resource pattern, or why it names no one bucket. */
function s3Location(resource: string, partition: string): { bucket: string; key?: string } | string {
  if (resource === '*') return 'is "*": every resource, no bucket of its own';
  const arn = splitArn(resource);
  if (!arn || arn.service !== 's3' || arn.region !== '' || arn.account !== '') return 'is not an S3 bucket or object ARN (arn:<partition>:s3:::bucket[/key])';
  if (arn.partition !== partition) return `is in partition ${arn.partition}, not the stack's ${partition}`;
  if (hasPolicyVariable(arn.resource)) return 'holds a policy variable, whose value the proposals do not know';
  const slash = arn.resource.indexOf('/');
  const bucket = slash < 0 ? arn.resource : arn.resource.slice(0, slash);
  if (!bucket || /\s/.test(arn.resource)) return 'names no bucket the shorthand can write';
  if (hasWildcard(bucket)) return 'is a wildcard over buckets';
  if (slash < 0) return { bucket };
  const key = arn.resource
    .slice(slash + 1)
    .replace(/\*/g, PROBE_KEY)
    .replace(/\?/g, 'x');
  return key ? { bucket, key } : 'names no object key';
}

function request(verb: S3Verb, bucket: string, key: string, partition: string, origin: Request['origin']): Request {
  const arn = `arn:${partition}:s3:::${bucket}${verb.on === 'object' ? `/${key}` : ''}`;
  return { verb, bucket, key: verb.on === 'object' ? key : '', arn, origin };
}

/** Why a granted request might still be denied: a Deny statement that could apply, or a boundary that does not surely allow it. */
function doubtAbout(request: Request, denies: readonly Statement[], boundary: readonly Statement[] | undefined, boundaryName = ''): string | undefined {
  const deny = denies.find((statement) => mayApply(statement, request));
  if (deny) return `statement ${deny.index} of ${deny.policy} may deny it`;
  if (boundary && !boundary.some((statement) => statement.effect === 'Allow' && surelyApplies(statement, request))) {
    return `no statement of the permissions boundary ${boundaryName} surely allows it`;
  }
  return undefined;
}

/**
 * Whether a statement could apply to the request: its actions could cover it (an action string
 * that cannot be read counts as covering), and a Resource pattern could match it (wildcards and
 * policy variables as any text, letter case ignored) or no NotResource pattern surely does.
 * Conditions are taken to hold.
 */
function mayApply(statement: Statement, request: Request): boolean {
  const { action } = request.verb;
  const actionMay = statement.action
    ? statement.action.some((pattern) => !parseActionPattern(pattern) || surelyCovers(pattern, action))
    : !statement.notAction!.some((pattern) => surelyCovers(pattern, action));
  const resourceMay = statement.resource
    ? statement.resource.some((pattern) => arnMatchesFormat(pattern, request.arn))
    : !statement.notResource!.some((pattern) => surelyMatches(pattern, request.arn));
  return actionMay && resourceMay;
}

/** Whether a statement applies to the request whatever the context: no Condition, an Action and a Resource that surely cover it. */
function surelyApplies(statement: Statement, request: Request): boolean {
  return (
    !statement.conditional &&
    (statement.action ?? []).some((pattern) => surelyCovers(pattern, request.verb.action)) &&
    (statement.resource ?? []).some((pattern) => surelyMatches(pattern, request.arn))
  );
}

/** Whether an action pattern covers the action (IAM compares actions ignoring case). */
function surelyCovers(pattern: string, action: string): boolean {
  const parsed = parseActionPattern(pattern);
  return parsed !== undefined && actionPatternCovers(parsed, action);
}

/**
 * Whether a resource pattern matches the ARN for certain: no policy variable, and equal to it
 * or, where neither has a capital letter (so that case cannot matter), matching its wildcards.
 */
function surelyMatches(pattern: string, arn: string): boolean {
  if (hasPolicyVariable(pattern)) return false;
  return pattern === arn || (pattern === pattern.toLowerCase() && arn === arn.toLowerCase() && wildcardMatcher(pattern)(arn));
}

/** The first request of each bucket and verb, by bucket, verb (the syntax's order), key (the shortest, as the broadest grant gives) and document order. */
function onePerBucketAndVerb(requests: readonly Request[]): Request[] {
  const ordered = requests
    .map((request, order) => ({ request, order }))
    .sort(
      (a, b) =>
        compareText(a.request.bucket, b.request.bucket) ||
        S3_VERBS.indexOf(a.request.verb) - S3_VERBS.indexOf(b.request.verb) ||
        a.request.key.length - b.request.key.length ||
        compareText(a.request.key, b.request.key) ||
        a.order - b.order,
    )
    .map(({ request }) => request);
  return ordered.filter((request, i) => i === 0 || request.bucket !== ordered[i - 1].bucket || request.verb !== ordered[i - 1].verb);
}

/**
 * The deny that shows where the grant ends: a kept request's verb and key on a bucket named
 * after its bucket that no Allow statement can apply to, so the role is denied it implicitly.
 */
function denyBeyondGrant(kept: readonly Request[], allows: readonly Statement[], partition: string): ExpectationSpec | undefined {
  for (const granted of kept) {
    for (const bucket of [`${granted.bucket}-not-granted`, `not-granted-${granted.bucket}`]) {
      const probe = request(granted.verb, bucket, granted.key, partition, granted.origin);
      if (!allows.some((statement) => mayApply(statement, probe))) {
        return { deny: requestText(probe), description: `no policy allows ${granted.verb.action} on ${bucket}, a bucket no policy names` };
      }
    }
  }
  return undefined;
}

function allowExpectation(request: Request): ExpectationSpec {
  const { statement, resource } = request.origin;
  return { allow: requestText(request), description: `${statement.policy} statement ${statement.index} allows ${request.verb.action} on ${resource}` };
}

/** The request in the spec's shorthand: `put s3://bucket/key`, `list s3://bucket`. */
function requestText(request: Request): string {
  return `${request.verb.verb} s3://${request.bucket}${request.key ? `/${request.key}` : ''}`;
}

function originOf(request: Request): Pick<SkippedStatement, 'policy' | 'statement' | 'resource'> {
  return { policy: request.origin.statement.policy, statement: request.origin.statement.index, resource: request.origin.resource };
}
