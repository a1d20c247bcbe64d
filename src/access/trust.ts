/**
 * The trust side of a profile: EC2 must be able to assume the role (or the instance gets no
 * credentials) and an unrelated account must not. Both are evaluated against the role's trust
 * policy as the resource policy of `sts:AssumeRole` on the role, which iam-simulate supports
 * (service principals included).
 */
import type { PolicyDocument } from '../spec/model';
import { ec2PrincipalUnder } from '../iam/ec2-principal';
import { otherAccount, RoleIdentity } from './principal';
import { IAM_POLICY_VERSION } from '../iam-policy-version';

/** One `sts:AssumeRole` the trust policy must allow or refuse. */
export interface TrustCheck {
  /** As reports show it: `sts:AssumeRole by ec2.amazonaws.com`. */
  readonly request: string;
  readonly expected: 'allow' | 'deny';
  /** The calling principal: a service principal or an account root ARN. */
  readonly principal: string;
  readonly context: Readonly<Record<string, string>>;
  /**
   * The caller's own identity policy. The other account is assumed to allow itself
   * `sts:AssumeRole` on everything, so that only the trust policy can refuse it.
   */
  readonly callerPolicy?: PolicyDocument;
}

/** Allows `sts:AssumeRole` on every role: the worst case for the other account's own policies. */
const ASSUME_ANY_ROLE: PolicyDocument = {
  Version: IAM_POLICY_VERSION,
  Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }],
};

/** The two trust checks of a role: EC2 (`ec2.<the partition's DNS suffix>`) may assume it, another account's root may not. */
export function trustChecks(role: RoleIdentity): TrustCheck[] {
  const ec2 = ec2PrincipalUnder(role.dnsSuffix);
  const outsider = `arn:${role.partition}:iam::${otherAccount(role.account)}:root`;
  return [
    {
      request: `sts:AssumeRole by ${ec2}`,
      expected: 'allow',
      principal: ec2,
      // EC2 assumes the role on behalf of the account that owns the instance: the role's own.
      context: {
        'aws:PrincipalServiceName': ec2,
        'aws:PrincipalIsAWSService': 'true',
        'aws:SourceAccount': role.account,
        'aws:SecureTransport': 'true',
      },
    },
    {
      request: `sts:AssumeRole by ${outsider}`,
      expected: 'deny',
      principal: outsider,
      context: {
        'aws:PrincipalArn': outsider,
        'aws:PrincipalAccount': otherAccount(role.account),
        'aws:PrincipalIsAWSService': 'false',
        'aws:SecureTransport': 'true',
      },
      callerPolicy: ASSUME_ANY_ROLE,
    },
  ];
}

/** The service principal suffix iam-simulate recognizes. */
const SIMULATOR_SERVICE_SUFFIX = 'amazonaws.com';

/**
 * iam-simulate recognizes service principals only under `amazonaws.com`. In other partitions
 * (`amazonaws.com.cn`, …) the partition's suffix is replaced by it in the request principal and
 * in the `Principal.Service` entries of the trust policy alike, so matching is unchanged; entries
 * already under `amazonaws.com` (which no service of that partition is) are renamed out of the
 * way, so that `ec2.amazonaws.com` still does not trust `ec2.amazonaws.com.cn`.
 * `suffix` is the partition's DNS suffix. Returns what to simulate, and a note when anything was replaced.
 */
export function forServicePrincipalSimulation(
  principal: string,
  trust: PolicyDocument,
  suffix: string,
): { principal: string; trust: PolicyDocument; note?: string } {
  if (suffix === SIMULATOR_SERVICE_SUFFIX || !principal.endsWith(`.${suffix}`)) return { principal, trust };
  const rename = (value: unknown): unknown => {
    if (typeof value !== 'string') return value;
    if (value.endsWith(`.${suffix}`)) return `${value.slice(0, -suffix.length)}${SIMULATOR_SERVICE_SUFFIX}`;
    if (value.endsWith(`.${SIMULATOR_SERVICE_SUFFIX}`))
      return `${value.slice(0, -SIMULATOR_SERVICE_SUFFIX.length)}outside-${suffix}.${SIMULATOR_SERVICE_SUFFIX}`;
    return value;
  };
  const statements = Array.isArray(trust.Statement) ? trust.Statement : [trust.Statement];
  const renamed = statements.map((statement: unknown) => {
    if (!isRecord(statement)) return statement;
    const copy: Record<string, unknown> = { ...statement };
    for (const field of ['Principal', 'NotPrincipal']) {
      const value = copy[field];
      if (isRecord(value) && value.Service !== undefined) {
        copy[field] = { ...value, Service: Array.isArray(value.Service) ? value.Service.map(rename) : rename(value.Service) };
      }
    }
    return copy;
  });
  return {
    principal: String(rename(principal)),
    trust: { ...trust, Statement: Array.isArray(trust.Statement) ? renamed : renamed[0] },
    note: `iam-simulate knows service principals under ${SIMULATOR_SERVICE_SUFFIX} only: .${suffix} was evaluated as .${SIMULATOR_SERVICE_SUFFIX}`,
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
