/**
 * The offline access verifier: decides every expectation of every profile, and the role's
 * trust, with iam-simulate, and says which statements decided each one.
 */
import type { LoadedSpec } from '../spec/model';
import { formatFieldPath } from '../spec/spec-error';
import { describeReasons } from './deciding';
import { ExpectedOutcome, PlannedCheck, PlannedProfile, planVerification } from './plan';
import { AccessDecision, simulate, SimulationOutcome } from './simulator';
import { targetOfSpec, VerifyTarget } from './target';

/** One decided check. */
export interface VerifyRow {
  /** An expectation of the spec, or one of the role's two trust checks. */
  readonly kind: 'expectation' | 'trust';
  /** The request as written: `put s3://bucket/key`, `s3:GetObject arn:…`, `sts:AssumeRole by ec2.amazonaws.com`. */
  readonly request: string;
  readonly expected: ExpectedOutcome;
  /** Absent when the request could not be evaluated (see {@link problem}). */
  readonly decision?: AccessDecision;
  /** The decision is the expected one. Never true when {@link problem} is set. */
  readonly met: boolean;
  /** The deciding statements, e.g. `S3WritePolicy statement 0`, `DenyTmp Sid NoTmp`, `no statement of S3WritePolicy allows it`. */
  readonly deciding: string;
  /** `profiles[0].expectations[1]`; for trust checks `profiles[0].role.trustPolicy` (or `profiles[0].role` with the default trust). */
  readonly fieldPath: string;
  /** The same as segments, for findings. */
  readonly path: ReadonlyArray<string | number>;
  /** The expectation's description. */
  readonly description?: string;
  /** Why the request could not be evaluated: `cannot evaluate: policy arn:… is not in this spec`. */
  readonly problem?: string;
  /** The problem is one of the profile's {@link ProfileVerification.problems} (an unresolvable policy), not the request's own. */
  readonly blockedByProfile?: boolean;
  /** Things to know about this result (ignored context keys, assumptions). */
  readonly notes: readonly string[];
}

/** The checks of one profile. */
export interface ProfileVerification {
  /** The instance profile name. */
  readonly profile: string;
  readonly role: string;
  /** The role ARN the requests were made as (in a placeholder account unless the spec names one). */
  readonly roleArn: string;
  /** `profiles[0]`. */
  readonly fieldPath: string;
  readonly path: ReadonlyArray<string | number>;
  /** Policy references that cannot be resolved, so that the profile's expectations cannot be evaluated. */
  readonly problems: ReadonlyArray<{ readonly path: ReadonlyArray<string | number>; readonly fieldPath: string; readonly message: string }>;
  /** The expectations in spec order, then the two trust checks. */
  readonly rows: readonly VerifyRow[];
}

/**
 * Verifies every profile of a loaded spec: each expectation, and that EC2 may assume the role
 * while another account may not. Requests are made as the role
 * `arn:<partition>:iam::<account>:role<path><name>`, with the spec's `accountId` or else the
 * placeholder 123456789012, and resources without an account are taken to be in that account.
 */
export async function verifyProfiles(loaded: LoadedSpec): Promise<ProfileVerification[]> {
  return verifyTarget(targetOfSpec(loaded));
}

/**
 * {@link verifyProfiles} for any target (a stack's profiles, say). Profiles are decided one
 * after the other: the simulator does not wait on anything, so starting them all at once
 * would only keep every simulation in memory at the same time.
 */
export async function verifyTarget(target: VerifyTarget): Promise<ProfileVerification[]> {
  const results: ProfileVerification[] = [];
  for (const planned of planVerification(target)) results.push(await decideProfile(planned));
  return results;
}

/** Decides the checks of a planned profile. */
export async function decideProfile(planned: PlannedProfile): Promise<ProfileVerification> {
  return {
    profile: planned.profile,
    role: planned.role,
    roleArn: planned.roleArn,
    fieldPath: formatFieldPath(planned.path),
    path: planned.path,
    problems: planned.problems.map((problem) => ({ ...problem, fieldPath: formatFieldPath(problem.path) })),
    rows: await Promise.all(planned.checks.map(decideCheck)),
  };
}

/** Decides one planned check. */
export async function decideCheck(check: PlannedCheck): Promise<VerifyRow> {
  const base = {
    kind: check.kind,
    request: check.request,
    expected: check.expected,
    fieldPath: formatFieldPath(check.path),
    path: check.path,
    description: check.description,
  };
  if (!check.query) {
    const problem = check.problem ?? 'cannot evaluate';
    return { ...base, met: false, deciding: '', problem, blockedByProfile: check.blockedByProfile, notes: check.notes };
  }
  const outcome = await (check.kind === 'trust' ? simulateTrust(check.query) : simulate(check.query));
  if (outcome.error !== undefined) return { ...base, met: false, deciding: '', problem: problemOf(outcome, check), notes: check.notes };
  const ignored = outcome.ignoredContextKeys.filter((key) => check.userContextKeys.includes(key));
  const notes = [...check.notes, ...ignored.map((key) => `context key ${key} does not apply to ${check.query!.action} and was ignored`)];
  return {
    ...base,
    decision: outcome.decision,
    met: (outcome.decision === 'allowed') === (check.expected === 'allow'),
    deciding: describeReasons(outcome.reasons, check.labels),
    notes,
  };
}

/** Trust decisions by everything but the role ARN, for trust policies that never look at it. */
const trustDecisions = new Map<string, Promise<SimulationOutcome>>();

/**
 * Decides a trust check, reusing the decision of an identical check on another role when the
 * trust policy cannot tell roles apart (no Resource element, no condition on the resource):
 * a fleet's roles mostly share one trust policy, so this halves a fleet's decisions.
 */
function simulateTrust(query: NonNullable<PlannedCheck['query']>): Promise<SimulationOutcome> {
  if (!query.resourcePolicy || looksAtResource(query.resourcePolicy.document)) return simulate(query);
  const key = JSON.stringify({ ...query, resource: undefined });
  let decision = trustDecisions.get(key);
  if (!decision) {
    decision = simulate(query);
    trustDecisions.set(key, decision);
  }
  return decision;
}

/** Whether a policy's statements name resources or have conditions on the resource (`aws:Resource…`, `iam:…`). */
function looksAtResource(document: unknown): boolean {
  const statements = (document as { Statement?: unknown })?.Statement;
  return [statements].flat().some((statement) => {
    if (!statement || typeof statement !== 'object') return true;
    if ('Resource' in statement || 'NotResource' in statement) return true;
    const conditions = Object.values((statement as { Condition?: Record<string, unknown> }).Condition ?? {});
    return conditions.some((byKey) =>
      Object.keys((byKey as Record<string, unknown>) ?? {}).some((key) => /^(aws:resource|iam:)/i.test(key)),
    );
  });
}

function problemOf(outcome: Extract<SimulationOutcome, { error: string }>, check: PlannedCheck): string {
  const label = (policyId: string) =>
    check.labels.byId.get(policyId) ?? (policyId === check.query?.resourcePolicy?.id ? check.labels.resource : undefined) ?? policyId;
  const details = outcome.policyErrors.map((error) => `${label(error.policyId)} ${error.path}: ${error.message}`);
  return `cannot evaluate: ${outcome.error}${details.length ? ` (${details.join('; ')})` : ''}`;
}
