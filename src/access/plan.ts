/**
 * Turns profiles into checks: each expectation and the two trust checks of each role become a
 * request with every policy that applies to it, ready to simulate (or the reason it cannot be).
 * Planning does no simulation, so a plan can be decided many times (the benchmark does).
 */
import type { ResolvedProfileSpec } from '../spec/model';
import { partitionOfRegion } from '../partition';
import type { PolicyLabels } from './deciding';
import {
  awsManagedPolicyNames,
  declaredPolicies,
  PolicyProblem,
  PolicyScope,
  ProfilePolicies,
  profilePolicies,
  trustPolicyOf,
} from './effective-policies';
import { findAwsManagedPolicies } from './aws-managed-policies';
import { PLACEHOLDER_ACCOUNT_ID, RoleIdentity, roleIdentity, roleSessionContext } from './principal';
import { AccessRequestInput, describeRequest, toIamRequest } from './request';
import type { AccessQuery } from './simulator';
import type { VerifyTarget } from './target';
import { forServicePrincipalSimulation, trustChecks } from './trust';

/** What an expectation demands. */
export type ExpectedOutcome = 'allow' | 'deny';

/** One check, ready to simulate. */
export interface PlannedCheck {
  /** An expectation of the spec, or one of the role's two trust checks. */
  readonly kind: 'expectation' | 'trust';
  /** The request as written (`put s3://bucket/key`), or `sts:AssumeRole by <principal>`. */
  readonly request: string;
  readonly expected: ExpectedOutcome;
  /** Where in the spec: the expectation, or the role's trust policy (the role when it has the default one). */
  readonly path: ReadonlyArray<string | number>;
  readonly description?: string;
  /** Absent exactly when {@link problem} is set. */
  readonly query?: AccessQuery;
  /** Why the request cannot be evaluated, starting with `cannot evaluate:`. */
  readonly problem?: string;
  /** The problem is one of the profile's {@link PlannedProfile.problems}, not the request's own. */
  readonly blockedByProfile?: boolean;
  readonly labels: PolicyLabels;
  /** Context keys the user gave (reported when the simulator ignores them). */
  readonly userContextKeys: readonly string[];
  readonly notes: readonly string[];
}

/** The checks of one profile. */
export interface PlannedProfile {
  /** The instance profile name. */
  readonly profile: string;
  readonly role: string;
  /** The role's ARN in the (possibly placeholder) account. */
  readonly roleArn: string;
  readonly path: ReadonlyArray<string | number>;
  /** Policy references that cannot be resolved; the profile's expectations cannot be evaluated then (its trust checks can). */
  readonly problems: readonly PolicyProblem[];
  readonly checks: readonly PlannedCheck[];
}

/**
 * Plans every profile of a target. The identity policies of profiles with expectations are
 * gathered, their AWS-managed policies loaded in one pass; the trust checks need only the trust policy.
 */
export function planVerification(target: VerifyTarget, now: Date = new Date()): PlannedProfile[] {
  const scope = scopeOf(target);
  findAwsManagedPolicies(awsManagedPolicyNames(target.profiles.filter((profile) => profile.expectations.length)));
  return target.profiles.map((profile) => planProfile(profile, target, scope, now));
}

/** Plans one request of one profile, as an expectation of the given outcome (for the jest matchers). */
export function planRequest(
  target: VerifyTarget,
  profile: ResolvedProfileSpec,
  request: AccessRequestInput,
  expected: ExpectedOutcome,
  now: Date = new Date(),
): PlannedCheck {
  return expectationCheck(roleSession(profile, target, scopeOf(target), now), request, expected, profile.fieldPath, undefined);
}

function scopeOf(target: VerifyTarget): PolicyScope {
  return { partition: partitionOfRegion(target.region), accountId: target.accountId, declaredPolicies: declaredPolicies(target.profiles) };
}

interface RoleSession {
  readonly role: RoleIdentity;
  readonly policies: ProfilePolicies;
  readonly context: Readonly<Record<string, string>>;
}

/**
 * The role of a profile, its policies, and the context of requests made with its credentials.
 * Without `identity`, only the trust policy is gathered (nothing else is read).
 */
function roleSession(profile: ResolvedProfileSpec, target: VerifyTarget, scope: PolicyScope, now: Date, identity = true): RoleSession {
  const role = roleIdentity(profile, scope.partition, target.accountId ?? PLACEHOLDER_ACCOUNT_ID, target.region);
  const policies: ProfilePolicies = identity
    ? profilePolicies(profile, scope)
    : { identity: [], trust: trustPolicyOf(profile, scope.partition), problems: [] };
  return { role, policies, context: roleSessionContext(profile, role, now) };
}

function planProfile(profile: ResolvedProfileSpec, target: VerifyTarget, scope: PolicyScope, now: Date): PlannedProfile {
  const session = roleSession(profile, target, scope, now, profile.expectations.length > 0);
  const checks: PlannedCheck[] = [];
  profile.expectations.forEach((expectation, i) => {
    for (const expected of ['allow', 'deny'] as const) {
      const request = expectation[expected];
      if (request !== undefined) {
        checks.push(expectationCheck(session, request, expected, [...profile.fieldPath, 'expectations', i], expectation.description));
      }
    }
  });
  const trustPath = profile.role.trustPolicy ? [...profile.fieldPath, 'role', 'trustPolicy'] : [...profile.fieldPath, 'role'];
  checks.push(...trustChecksOf(session, trustPath));
  return {
    profile: profile.instanceProfile.name,
    role: profile.role.name,
    roleArn: session.role.arn,
    path: profile.fieldPath,
    problems: session.policies.problems,
    checks,
  };
}

function expectationCheck(
  { role, policies, context }: RoleSession,
  input: AccessRequestInput,
  expected: ExpectedOutcome,
  path: ReadonlyArray<string | number>,
  description: string | undefined,
): PlannedCheck {
  const labels: PolicyLabels = {
    byId: new Map([...policies.identity, ...(policies.boundary ? [policies.boundary] : [])].map((policy) => [policy.id, policy.label])),
    identity: policies.identity.map((policy) => policy.label),
    boundary: policies.boundary?.label,
  };
  const base = { kind: 'expectation' as const, request: describeRequest(input), expected, path, description, labels };
  const mapping = toIamRequest(input, role.partition);
  if (mapping.problem !== undefined) return { ...base, problem: `cannot evaluate: ${mapping.problem}`, userContextKeys: [], notes: [] };
  if (policies.problems.length) {
    const [first, ...more] = policies.problems;
    const problem = `${first.message}${more.length ? ` (and ${more.length} more polic${more.length === 1 ? 'y' : 'ies'})` : ''}`;
    return { ...base, problem, blockedByProfile: true, userContextKeys: [], notes: [] };
  }
  const { request } = mapping;
  const resourceAccount = accountOfArn(request.resource) ?? role.account;
  const notes =
    resourceAccount === role.account
      ? []
      : [`${request.resource} is in account ${resourceAccount}, not the role's: its resource policy is not in this spec, so the request is evaluated without it`];
  return {
    ...base,
    query: {
      principal: role.arn,
      action: request.action,
      resource: request.resource,
      resourceAccount,
      context: { ...context, 'aws:ResourceAccount': resourceAccount, ...request.context },
      identityPolicies: policies.identity,
      boundary: policies.boundary,
    },
    userContextKeys: Object.keys(request.context),
    notes,
  };
}

function trustChecksOf({ role, policies }: RoleSession, path: ReadonlyArray<string | number>): PlannedCheck[] {
  const labels: PolicyLabels = { byId: new Map(), resource: policies.trust.label };
  return trustChecks(role).map((check) => {
    const simulated = forServicePrincipalSimulation(check.principal, policies.trust.document, role.partition);
    return {
      kind: 'trust',
      request: check.request,
      expected: check.expected,
      path,
      labels,
      query: {
        principal: simulated.principal,
        action: 'sts:AssumeRole',
        resource: role.arn,
        resourceAccount: role.account,
        context: check.context,
        identityPolicies: check.callerPolicy ? [{ id: 'caller', document: check.callerPolicy }] : [],
        resourcePolicy: { id: policies.trust.id, document: simulated.trust },
      },
      userContextKeys: [],
      notes: simulated.note ? [simulated.note] : [],
    };
  });
}

/** The account field of an ARN (`arn:partition:service:region:account:…`), if it has one. */
function accountOfArn(resource: string): string | undefined {
  if (!resource.startsWith('arn:')) return undefined;
  const account = resource.split(':')[4];
  return account ? account : undefined;
}
