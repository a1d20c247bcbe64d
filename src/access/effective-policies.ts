/**
 * The policies IAM evaluates for a stack's role, read from the stack as synthesized (or as
 * Terraform plans it): the customer-managed policies of the stack attached to the role, with
 * their documents; the role's inline policies; the other policies attached by ARN (AWS-managed ones from
 * the managed-policy data package); the permissions boundary; and the trust policy. A reference that
 * cannot be resolved, and a value known only after apply, is a problem, never a guess.
 */
import { locate } from '../checks/locate';
import type { PolicyDocument } from '../spec/model';
import type { IdentityChain } from '../stack-model/identity-chains';
import { isUnknown, type Planned, type PolicyResource, type RoleResource, type SpecPath, type StackModel, type UnknownValue } from '../stack-model/stack-model';
import { type AwsManagedPolicy, awsManagedPoliciesSource, findAwsManagedPolicies } from '../iam/aws-managed-policies';
import { parsePolicyReference } from './policy-reference';

/** A policy as the evaluator gets it: an id unique within one request, a name for people, the document. */
export interface LabeledPolicy {
  /** Unique among the policies of one request; what iam-simulate reports statements by. */
  readonly id: string;
  /** How reports name it: `S3WritePolicy`, `permissions boundary AmazonS3ReadOnlyAccess`, `trust policy`. */
  readonly label: string;
  readonly document: PolicyDocument;
}

/** Everything IAM evaluates for requests made with a role's credentials. */
export interface IdentityPolicies {
  /** The stack's customer-managed policies attached to the role, its inline policies, then the policies attached by ARN. */
  readonly identity: readonly LabeledPolicy[];
  readonly boundary?: LabeledPolicy;
  /** Why the identity side cannot be evaluated: a reference that cannot be resolved, and where it is. */
  readonly problems: readonly PolicyProblem[];
}

/** A policy that cannot be evaluated. */
export interface PolicyProblem {
  /** Where: the spec field it was built from (`["profiles", 0, "role", "managedPolicies", 1]`), else its Terraform address and argument. */
  readonly path: SpecPath;
  /** Starts with `cannot evaluate:`, e.g. `cannot evaluate: policy arn:aws:iam::111122223333:policy/Shared is not in this stack`. */
  readonly message: string;
}

/**
 * The role's trust policy as synthesized, and where it is written: the spec's `role.trustPolicy`,
 * the spec's `role` when the constructs' default trust was synthesized (named `default EC2
 * trust policy` then), or the role's `assume_role_policy` in hand-written Terraform.
 */
export type TrustPolicy =
  | { readonly path: SpecPath; readonly policy: LabeledPolicy; readonly problem?: undefined }
  | { readonly path: SpecPath; readonly problem: string; readonly policy?: undefined };

/** The trust policy of a role of the stack. */
export function trustPolicyOf(stack: StackModel, role: RoleResource): TrustPolicy {
  const origin = stack.origins.get(role.address);
  const isDefault = origin !== undefined && origin.arguments.assume_role_policy === undefined;
  const path = isDefault ? origin.path : locate(stack, role.address, 'assume_role_policy');
  const document = role.assumeRolePolicy;
  if (isUnknown(document)) return { path, problem: knownOnlyAfterApply(`the trust policy of ${role.address}`, document) };
  return { path, policy: { id: 'trust', label: isDefault ? 'default EC2 trust policy' : 'trust policy', document } };
}

/** The AWS-managed policy names the roles refer to, to load them in one pass. */
export function awsManagedPolicyNames(chains: readonly IdentityChain[]): string[] {
  const arns = chains.flatMap((chain) => [...chain.externalPolicies.map((external) => external.arn), chain.role.permissionsBoundary]);
  return arns.flatMap((arn) => {
    if (arn === undefined || isUnknown(arn)) return [];
    const reference = parsePolicyReference(arn);
    return reference.kind === 'aws-managed' ? [reference.name] : [];
  });
}

/** The identity policies and boundary of a role. Loads the AWS-managed policies it refers to (cached per process). */
export function identityPoliciesOf(stack: StackModel, chain: IdentityChain): IdentityPolicies {
  const awsManaged = findAwsManagedPolicies(awsManagedPolicyNames([chain]));
  const problems: PolicyProblem[] = [];
  const identity: LabeledPolicy[] = [];
  const labels = new Set<string>();
  const add = (id: string, name: string, given: string, document: PolicyDocument) => {
    const label = labels.has(name) ? given : name;
    labels.add(label);
    identity.push({ id, label, document });
  };

  chain.policies.forEach(({ policy }, i) => {
    const name = isUnknown(policy.name) ? policy.address : policy.name;
    if (isUnknown(policy.document)) {
      problems.push({ path: locate(stack, policy.address, 'policy'), message: knownOnlyAfterApply(`the document of ${policy.address}`, policy.document) });
    } else add(`policy${i}`, name, policy.address, policy.document);
  });
  chain.inlinePolicies.forEach((inline, i) => {
    const name = isUnknown(inline.name) ? inline.address : `inline policy ${inline.name}`;
    if (isUnknown(inline.document)) {
      problems.push({ path: locate(stack, inline.address, 'policy'), message: knownOnlyAfterApply(`the document of ${inline.address}`, inline.document) });
    } else add(`inline${i}`, name, inline.address, inline.document);
  });
  chain.externalPolicies.forEach((external, i) => {
    const { from } = external;
    const [path, what] =
      from.type === 'aws_iam_role_policy_attachment'
        ? [locate(stack, from.address, 'policy_arn'), `the policy ARN of ${from.address}`]
        : [locate(stack, from.address, 'managed_policy_arns', external.index ?? 0), `managed_policy_arns[${external.index ?? 0}] of ${from.address}`];
    const resolved = resolvePolicyArn(stack, external.arn, what, awsManaged);
    if ('problem' in resolved) problems.push({ path, message: resolved.problem });
    else add(`managed${i}`, resolved.name, resolved.given, resolved.document);
  });

  let boundary: LabeledPolicy | undefined;
  const { role } = chain;
  if (role.permissionsBoundary !== undefined) {
    const own = chain.boundaryPolicy;
    const resolved = own
      ? resolvedStackPolicy(own)
      : resolvePolicyArn(stack, role.permissionsBoundary, `the permissions boundary of ${role.address}`, awsManaged, 'boundary');
    if ('problem' in resolved) problems.push({ path: locate(stack, role.address, 'permissions_boundary'), message: resolved.problem });
    else boundary = { id: 'boundary', label: `permissions boundary ${resolved.name}`, document: resolved.document };
  }
  return { identity, boundary, problems };
}

/** `cannot evaluate: <what> is known only after apply`, naming the reference it comes from when there is one. */
export function knownOnlyAfterApply(what: string, value: UnknownValue): string {
  const from = value.reference ? ` (it is ${value.reference.address}.${value.reference.attribute})` : '';
  return `cannot evaluate: ${what} is known only after apply${from}`;
}

type Resolution = { readonly name: string; readonly given: string; readonly document: PolicyDocument } | { readonly problem: string };

/** A policy attached by ARN that is no policy of the stack: AWS-managed, or a problem. */
/** How to let the proofs read a customer-managed policy the stack does not create. */
const CUSTOMER_POLICY_HINT = {
  boundary: '; give its document beside its ARN (role.permissionsBoundaryDocument: file://boundary.json, or the document inline) so that the proofs apply it',
  attachment: '',
} as const;

function resolvePolicyArn(
  stack: StackModel,
  arn: Planned<string>,
  what: string,
  awsManaged: ReadonlyMap<string, AwsManagedPolicy | undefined>,
  purpose: keyof typeof CUSTOMER_POLICY_HINT = 'attachment',
): Resolution {
  if (isUnknown(arn)) return { problem: knownOnlyAfterApply(what, arn) };
  const reference = parsePolicyReference(arn);
  switch (reference.kind) {
    case 'invalid':
      return { problem: `cannot evaluate: "${reference.given}" is neither an AWS-managed policy name nor a policy ARN` };
    case 'customer': {
      const known = stack.knownPolicies?.get(arn);
      if (known) return { name: reference.given.slice(reference.given.lastIndexOf('/') + 1), given: reference.given, document: known };
      return { problem: `cannot evaluate: policy ${reference.given} is not in this stack${CUSTOMER_POLICY_HINT[purpose]}` };
    }
    case 'aws-managed': {
      const { partition } = stack.provider;
      if (reference.partition !== undefined && reference.partition !== partition) {
        return { problem: `cannot evaluate: policy ${reference.given} is in partition ${reference.partition}, but the stack deploys to ${partition}` };
      }
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
      return { name: policy.name, given: reference.given, document: policy.document };
    }
  }
}

function resolvedStackPolicy(policy: PolicyResource): Resolution {
  const name = isUnknown(policy.name) ? policy.address : policy.name;
  if (isUnknown(policy.document)) return { problem: knownOnlyAfterApply(`the document of ${policy.address}`, policy.document) };
  return { name, given: policy.address, document: policy.document };
}
