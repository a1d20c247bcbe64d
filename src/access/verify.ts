/**
 * The offline access verifier: decides every expectation of every instance profile of a stack,
 * and the trust of the role it carries, with iam-simulate, reading the stack as it deploys
 * (synthesized, or as Terraform plans it), and says which statements decided each one.
 */
import type { LoadedSpec } from '../spec/model';
import { formatFieldPath } from '../spec/spec-error';
import type { SpecPath, StackModel } from '../stack-model/stack-model';
import { describeReasons } from './deciding';
import { type StackToVerify, stacksToVerify } from './expectations';
import type { ProfileExpectations } from '../spec/expectations-file';
import { ExpectedOutcome, PlannedCheck, PlannedProfile, planVerification } from './plan';
import type { AccessDecision, SimulationOutcome } from '../iam/simulator';
import { type ProfileDecisions, SharedDecisions } from './shared-decisions';

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
  /**
   * `profiles[0].expectations[1]`; for trust checks `profiles[0].role.trustPolicy` (`profiles[0].role`
   * with the default trust), or in hand-written Terraform `aws_iam_role.r.assume_role_policy`.
   */
  readonly fieldPath: string;
  /** The same as segments, for findings. */
  readonly path: SpecPath;
  /** The expectation's description. */
  readonly description?: string;
  /** Why the request could not be evaluated: `cannot evaluate: policy arn:… is not in this stack`. */
  readonly problem?: string;
  /** The problem is one of the profile's {@link ProfileVerification.problems} (an unresolvable policy), not the request's own. */
  readonly blockedByProfile?: boolean;
  /** Things to know about this result (ignored context keys, assumptions). */
  readonly notes: readonly string[];
}

/** The checks of one instance profile of one stack. */
export interface ProfileVerification {
  /** The stack the profile was read from (its name, or the plan file). */
  readonly stack: string;
  /** The instance profile name. */
  readonly profile: string;
  /** The role's name; empty when there is no role to check (see {@link problems}). */
  readonly role: string;
  /** The role ARN the requests were made as (in a placeholder account unless the stack names one); empty when there is no role. */
  readonly roleArn: string;
  /** `profiles[0]`, or the instance profile's Terraform address. */
  readonly fieldPath: string;
  readonly path: SpecPath;
  /** What keeps expectations from being evaluated: a policy that cannot be resolved, a value known only after apply, a missing instance profile. */
  readonly problems: ReadonlyArray<{ readonly path: SpecPath; readonly fieldPath: string; readonly message: string }>;
  /** Assumptions that hold for every row (the role is in a placeholder account). */
  readonly notes: readonly string[];
  /** The expectations in order, then the two trust checks. */
  readonly rows: readonly VerifyRow[];
}

/**
 * Verifies a stack: each expectation of the instance profiles named in `expectations`, and for
 * every instance profile that carries a role of the stack, that EC2 (`ec2.<the partition's DNS
 * suffix>`) may assume the role while another account may not. Requests are made as the role
 * `arn:<partition>:iam::<account>:role<path><name>`, with the provider's single allowed account or
 * else the placeholder 123456789012, in the instance's region (its own in an AWS provider 6.x
 * plan, else the provider's); resources without an account are taken to be in that account. Expectations naming an instance profile the stack lacks are rows
 * that cannot be evaluated.
 */
export async function verifyStack(stack: StackModel, expectations: readonly ProfileExpectations[]): Promise<ProfileVerification[]> {
  return verifyStacks([{ stack, expectations }]);
}

/** How a verification run decides. */
export interface VerifyOptions {
  /** The run's shared decisions; pass the same to several calls to share across them. @default - a new one */
  readonly decisions?: SharedDecisions;
  /** The time of the checks (`aws:CurrentTime`): one per run, so that stacks' queries can share. @default - now */
  readonly now?: Date;
}

/**
 * {@link verifyStack} for several stacks, in order. Profiles are decided one after the other:
 * the simulator does not wait on anything, so starting them all at once would only keep every
 * simulation in memory at the same time. Queries of one shape share a decision (`shared-decisions.ts`).
 */
export async function verifyStacks(stacks: readonly StackToVerify[], options: VerifyOptions = {}): Promise<ProfileVerification[]> {
  const decisions = options.decisions ?? new SharedDecisions();
  const results: ProfileVerification[] = [];
  for (const planned of planVerification(stacks, options.now)) results.push(await decideProfile(planned, decisions));
  return results;
}

/**
 * Verifies every stack of a loaded spec (one per environment and shard), each with the
 * expectations of the profiles it holds. Pass the stack models when they were synthesized
 * already (each named after its stack); otherwise they are synthesized here.
 */
export async function verifyProfiles(loaded: LoadedSpec, stacks: readonly StackModel[], options: VerifyOptions = {}): Promise<ProfileVerification[]> {
  return verifyStacks(stacksToVerify(loaded, stacks), options);
}

/** Decides the checks of a planned profile, sharing decisions with the other profiles of `decisions`' run. */
export async function decideProfile(planned: PlannedProfile, decisions: SharedDecisions = new SharedDecisions()): Promise<ProfileVerification> {
  const profileDecisions = decisions.forProfile(planned.itemValues);
  return {
    stack: planned.stack,
    profile: planned.profile,
    role: planned.role,
    roleArn: planned.roleArn,
    fieldPath: formatFieldPath(planned.path),
    path: planned.path,
    problems: planned.problems.map((problem) => ({ ...problem, fieldPath: formatFieldPath(problem.path) })),
    notes: planned.notes,
    rows: await Promise.all(planned.checks.map((check) => decideCheck(check, profileDecisions))),
  };
}

/** Decides one planned check (alone, unless `decisions` are its profile's in a run). */
export async function decideCheck(check: PlannedCheck, decisions: ProfileDecisions = new SharedDecisions().forProfile()): Promise<VerifyRow> {
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
  const outcome = await (check.kind === 'trust' ? simulateTrust(check.query, decisions) : decisions.decide(check.query));
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

/**
 * Decides a trust check, sharing the decision of an identical check on another role when the
 * trust policy cannot tell roles apart (no Resource element, no condition on the resource):
 * a spec's roles mostly share one trust policy, so this halves its decisions. Other trust
 * checks share by shape, as expectations do.
 */
function simulateTrust(query: NonNullable<PlannedCheck['query']>, decisions: ProfileDecisions): Promise<SimulationOutcome> {
  if (!query.resourcePolicy || looksAtResource(query.resourcePolicy.document)) return decisions.decide(query);
  return decisions.decideAs(query, `any role: ${JSON.stringify({ ...query, resource: undefined })}`);
}

/** Whether a policy's statements name resources or have conditions on the resource (`aws:Resource…`, `iam:…`). */
function looksAtResource(document: unknown): boolean {
  const statements = (document as { Statement?: unknown })?.Statement;
  return [statements].flat().some((statement) => {
    if (!statement || typeof statement !== 'object') return true;
    if ('Resource' in statement || 'NotResource' in statement) return true;
    const conditions = Object.values((statement as { Condition?: Record<string, unknown> }).Condition ?? {});
    return conditions.some((byKey) => Object.keys((byKey as Record<string, unknown>) ?? {}).some((key) => /^(aws:resource|iam:)/i.test(key)));
  });
}

function problemOf(outcome: Extract<SimulationOutcome, { error: string }>, check: PlannedCheck): string {
  const label = (policyId: string) =>
    check.labels.byId.get(policyId) ?? (policyId === check.query?.resourcePolicy?.id ? check.labels.resource : undefined) ?? policyId;
  const details = outcome.policyErrors.map((error) => `${label(error.policyId)} ${error.path}: ${error.message}`);
  return `cannot evaluate: ${outcome.error}${details.length ? ` (${details.join('; ')})` : ''}`;
}
