/**
 * Turns stacks into checks: each expectation of an instance profile and the two trust checks of
 * the role it carries become a request with every policy that applies to it, read from the
 * stack, ready to simulate (or the reason it cannot be). Planning does no simulation, so a plan
 * can be decided many times (the benchmark does).
 */
import { locate } from '../checks/locate';
import { isUnknown, type SpecPath, type StackModel } from '../stack-model/stack-model';
import { findAwsManagedPolicies } from '../iam/aws-managed-policies';
import type { PolicyLabels } from './deciding';
import { awsManagedPolicyNames, type IdentityPolicies, identityPoliciesOf, type PolicyProblem, type TrustPolicy, trustPolicyOf } from './effective-policies';
import type { ProfileToVerify, StackToVerify } from './expectations';
import type { ProfileExpectations } from '../spec/expectations-file';
import { accountOf, type RoleIdentity, roleIdentity, roleSessionContext } from './principal';
import { type AccessRequestInput, describeRequest, toIamRequest } from './request';
import type { AccessQuery } from '../iam/simulator';
import { profilesOfStack, type StackProfile } from './stack-profiles';
import { forServicePrincipalSimulation, trustChecks } from './trust';
import type { ItemValues } from './query-shape';

/** What an expectation demands. */
export type ExpectedOutcome = 'allow' | 'deny';

/** One check, ready to simulate. */
export interface PlannedCheck {
  /** An expectation of the spec, or one of the role's two trust checks. */
  readonly kind: 'expectation' | 'trust';
  /** The request as written (`put s3://bucket/key`), or `sts:AssumeRole by <principal>`. */
  readonly request: string;
  readonly expected: ExpectedOutcome;
  /** Where: the expectation, or the role's trust policy (the spec's role when it has the default one). */
  readonly path: SpecPath;
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

/** The checks of one instance profile of one stack. */
export interface PlannedProfile {
  /** The stack's {@link StackModel.source}: its name, or the plan file. */
  readonly stack: string;
  /** The instance profile name. */
  readonly profile: string;
  /** The role's name; empty when the instance profile is not in the stack or carries no role of it. */
  readonly role: string;
  /** The role's ARN in the stack's (possibly placeholder) account; empty when there is no role to check. */
  readonly roleArn: string;
  readonly path: SpecPath;
  /** What keeps the profile's expectations from being evaluated (its trust checks may still be). */
  readonly problems: readonly PolicyProblem[];
  /** Assumptions that hold for every check of the profile (a placeholder account). */
  readonly notes: readonly string[];
  readonly checks: readonly PlannedCheck[];
  /** The values of the fleet item the profile is made from, when it is one (see `query-shape.ts`). */
  readonly itemValues?: ItemValues;
}

/**
 * Plans every instance profile of each stack: those the expectations name, in their order, then
 * the stack's other instance profiles that carry a role (their trust checks only). The
 * AWS-managed policies of all roles with expectations are loaded in one pass; the trust checks
 * need only the trust policy.
 */
export function planVerification(stacks: readonly StackToVerify[], now: Date = new Date()): PlannedProfile[] {
  const work = stacks.map(({ stack, expectations }) => {
    const profiles = profilesOfStack(stack);
    return { stack, expectations, profiles, byName: profilesByName(profiles) };
  });
  const withExpectations = work.flatMap(({ expectations, byName }) =>
    expectations.flatMap((expected) => {
      const chain = expected.expectations.length ? byName.get(expected.instanceProfile)?.chain : undefined;
      return chain ? [chain] : [];
    }),
  );
  findAwsManagedPolicies(awsManagedPolicyNames(withExpectations));
  return work.flatMap(({ stack, expectations, profiles, byName }) => {
    const named = new Set<StackProfile>();
    const planned = expectations.map((expected) => {
      const profile = byName.get(expected.instanceProfile);
      if (!profile) {
        const message = `cannot evaluate: ${stack.source} has no instance profile named "${expected.instanceProfile}"; its instance profiles: ${listed(profiles.map((candidate) => candidate.name))}`;
        return unverifiable(stack, expected, message);
      }
      named.add(profile);
      return planProfile(profile, expected, now);
    });
    const others = profiles
      .filter((profile) => profile.chain && !named.has(profile))
      .map((profile) => planProfile(profile, { instanceProfile: profile.name, path: profile.path, expectations: [] }, now));
    return [...planned, ...others];
  });
}

/** Plans one request as the role of an instance profile, as an expectation of the given outcome (for the jest matchers). */
export function planRequest(profile: StackProfile, request: AccessRequestInput, expected: ExpectedOutcome, now: Date = new Date()): PlannedCheck {
  const session = roleSession(profile, true, now);
  if ('problem' in session) return blockedCheck(request, expected, profile.path, undefined, session.problem.message);
  return expectationCheck(session, request, expected, profile.path, undefined);
}

/** The instance profiles by name, the first of each name (names known only after apply match nothing). */
function profilesByName(profiles: readonly StackProfile[]): ReadonlyMap<string, StackProfile> {
  const byName = new Map<string, StackProfile>();
  for (const profile of profiles) if (!isUnknown(profile.instanceProfile.name) && !byName.has(profile.name)) byName.set(profile.name, profile);
  return byName;
}

interface RoleSession {
  readonly role: RoleIdentity;
  readonly policies: IdentityPolicies;
  readonly trust: TrustPolicy;
  readonly context: Readonly<Record<string, string>>;
}

/**
 * The role an instance profile carries, its policies, and the context of requests made with its
 * credentials; or why there is no role to check. Without `identity`, only the trust policy is
 * read (the identity policies are not resolved).
 */
function roleSession(profile: StackProfile, identity: boolean, now: Date): RoleSession | { readonly problem: PolicyProblem } {
  const { stack, chain } = profile;
  if (!chain) {
    return { problem: { path: profile.path, message: `cannot evaluate: instance profile ${profile.name} carries no role of ${stack.source}` } };
  }
  const role = roleIdentity(chain.role, stack.provider);
  if ('problem' in role) return { problem: { path: locate(stack, chain.role.address, 'name'), message: role.problem } };
  return {
    role,
    policies: identity ? identityPoliciesOf(stack, chain) : { identity: [], problems: [] },
    trust: trustPolicyOf(stack, chain.role),
    context: roleSessionContext(role, chain.role.tagsAll, profile.instance, now),
  };
}

function planProfile(profile: StackProfile, expected: ProfileToVerify, now: Date): PlannedProfile {
  const session = roleSession(profile, expected.expectations.length > 0, now);
  if ('problem' in session) return unverifiable(profile.stack, expected, session.problem.message, session.problem.path);
  const checks = expectationChecks(expected, (input, outcome, path, description) => expectationCheck(session, input, outcome, path, description));
  checks.push(...trustChecksOf(session));
  const note = accountOf(profile.stack.provider).note;
  return {
    stack: profile.stack.source,
    profile: expected.instanceProfile,
    role: profile.chain!.role.name as string,
    roleArn: session.role.arn,
    path: expected.path,
    problems: session.policies.problems,
    notes: note ? [note] : [],
    checks,
    itemValues: expected.itemValues,
  };
}

/** An instance profile whose expectations cannot be evaluated at all: each is blocked by `message`. */
function unverifiable(stack: StackModel, expected: ProfileExpectations, message: string, path: SpecPath = expected.path): PlannedProfile {
  return {
    stack: stack.source,
    profile: expected.instanceProfile,
    role: '',
    roleArn: '',
    path: expected.path,
    problems: [{ path, message }],
    notes: [],
    checks: expectationChecks(expected, (input, outcome, at, description) => blockedCheck(input, outcome, at, description, message)),
  };
}

type CheckBuilder = (input: AccessRequestInput, expected: ExpectedOutcome, path: SpecPath, description: string | undefined) => PlannedCheck;

/** One check per `allow` and `deny` of each expectation, in order, at `<profile>.expectations[i]`. */
function expectationChecks(expected: ProfileExpectations, build: CheckBuilder): PlannedCheck[] {
  return expected.expectations.flatMap((expectation, i) =>
    (['allow', 'deny'] as const).flatMap((outcome) => {
      const request = expectation[outcome];
      return request === undefined ? [] : [build(request, outcome, [...expected.path, 'expectations', i], expectation.description)];
    }),
  );
}

function blockedCheck(input: AccessRequestInput, expected: ExpectedOutcome, path: SpecPath, description: string | undefined, problem: string): PlannedCheck {
  return {
    kind: 'expectation',
    request: describeRequest(input),
    expected,
    path,
    description,
    problem,
    blockedByProfile: true,
    labels: { byId: new Map() },
    userContextKeys: [],
    notes: [],
  };
}

function expectationCheck(
  { role, policies, context }: RoleSession,
  input: AccessRequestInput,
  expected: ExpectedOutcome,
  path: SpecPath,
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
      : [
          `${request.resource} is in account ${resourceAccount}, not the role's: its resource policy is not in this stack, so the request is evaluated without it`,
        ];
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

function trustChecksOf({ role, trust }: RoleSession): PlannedCheck[] {
  const labels: PolicyLabels = { byId: new Map(), resource: trust.policy?.label };
  return trustChecks(role).map((check): PlannedCheck => {
    const base = { kind: 'trust' as const, request: check.request, expected: check.expected, path: trust.path, labels, userContextKeys: [] };
    if (trust.problem !== undefined) return { ...base, problem: trust.problem, notes: [] };
    const simulated = forServicePrincipalSimulation(check.principal, trust.policy.document, role.dnsSuffix);
    return {
      ...base,
      query: {
        principal: simulated.principal,
        action: 'sts:AssumeRole',
        resource: role.arn,
        resourceAccount: role.account,
        context: check.context,
        identityPolicies: check.callerPolicy ? [{ id: 'caller', document: check.callerPolicy }] : [],
        resourcePolicy: { id: trust.policy.id, document: simulated.trust },
      },
      notes: simulated.note ? [simulated.note] : [],
    };
  });
}

/** `A, B, C`, `none`, or the first ten and `… and 5 more`. */
function listed(names: readonly string[]): string {
  if (!names.length) return 'none';
  return names.length > 10 ? `${names.slice(0, 10).join(', ')} … and ${names.length - 10} more` : names.join(', ');
}

/** The account field of an ARN (`arn:partition:service:region:account:…`), if it has one. */
function accountOfArn(resource: string): string | undefined {
  if (!resource.startsWith('arn:')) return undefined;
  const account = resource.split(':')[4];
  return account ? account : undefined;
}
