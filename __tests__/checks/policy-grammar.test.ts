import type { Finding } from '../../src/checks/finding';
import { formatFieldPath } from '../../src/spec/spec-error';
import { compliantProfile, findingsOf, policyWith, profileWithStatement } from './helpers';

const TRUST = (statement: Record<string, unknown>) => ({
  ...compliantProfile(),
  role: { name: 'AppRole', trustPolicy: { Version: '2012-10-17', Statement: [TRUST_EC2, statement] } },
});
const TRUST_EC2 = { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' };

const READ = { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::app-bucket/*' };

/** Findings of a profile whose only policy is `document`, as `rule @ field: message`. */
async function documentFindings(document: Record<string, unknown>): Promise<string[]> {
  return render(await findingsOf({ ...compliantProfile(), policies: [{ name: 'AppPolicy', document }] }));
}

/** Findings of a profile whose only policy has one statement. */
async function statementFindings(statement: Record<string, unknown>): Promise<string[]> {
  return render(await findingsOf(profileWithStatement(statement)));
}

function render(findings: readonly Finding[]): string[] {
  return findings.map(
    (finding) => `${finding.level} ${finding.rule} @ ${formatFieldPath(finding.path).replace('profiles[0].policies[0].document', 'doc')}: ${finding.message}`,
  );
}

describe('policy grammar: Version', () => {
  it('accepts "2012-10-17"', async () => {
    expect(await documentFindings(policyWith(READ))).toEqual([]);
  });

  it('fails if Version is missing', async () => {
    expect(await documentFindings({ Statement: [READ] })).toEqual([
      'error IAM_POLICY_VERSION @ doc: "Version" is missing; add "Version": "2012-10-17" (without it IAM reads the policy as 2008-10-17, where policy variables such as ${aws:username} are plain text)',
    ]);
  });

  it('warns on the legacy "2008-10-17"', async () => {
    expect(await documentFindings({ Version: '2008-10-17', Statement: [READ] })).toEqual([
      'warning IAM_POLICY_VERSION @ doc.Version: "Version" is "2008-10-17", the legacy grammar without policy variables; use "2012-10-17"',
    ]);
  });

  it('fails on any other Version', async () => {
    expect(await documentFindings({ Version: '2012-10-18', Statement: [READ] })).toEqual([
      'error IAM_POLICY_VERSION @ doc.Version: "Version" is "2012-10-18"; allowed: "2012-10-17" (current) or "2008-10-17" (legacy)',
    ]);
  });
});

describe('policy grammar: Statement and elements', () => {
  it('accepts a single statement object, not only a list', async () => {
    expect(await documentFindings({ Version: '2012-10-17', Statement: READ })).toEqual([]);
  });

  it('fails if Statement is missing, of the wrong type, or empty', async () => {
    expect(await documentFindings({ Version: '2012-10-17' })).toEqual([
      'error IAM_POLICY_STATEMENT @ doc: "Statement" is missing; a policy needs a statement or a list of statements',
    ]);
    expect(await documentFindings({ Version: '2012-10-17', Statement: 'Allow' })).toEqual([
      'error IAM_POLICY_STATEMENT @ doc.Statement: "Statement" is "Allow"; it must be a statement (mapping) or a list of statements',
    ]);
    expect(await documentFindings({ Version: '2012-10-17', Statement: [] })).toEqual([
      'error IAM_POLICY_STATEMENT @ doc.Statement: "Statement" is an empty list; a policy needs at least one statement',
    ]);
  });

  it('fails if Effect is missing or not Allow/Deny', async () => {
    const { Effect: _, ...noEffect } = READ;
    expect(await statementFindings(noEffect)).toEqual(['error IAM_POLICY_EFFECT @ doc.Statement[0]: "Effect" is missing; allowed: "Allow" or "Deny"']);
    expect(await statementFindings({ ...READ, Effect: 'allow' })).toEqual([
      'error IAM_POLICY_EFFECT @ doc.Statement[0].Effect: "Effect" is "allow"; allowed: "Allow" or "Deny" (write "Allow")',
    ]);
  });

  it('fails on an unknown element, suggesting the closest one', async () => {
    expect(await statementFindings({ ...READ, Resources: 'x' })).toEqual([
      'error IAM_POLICY_ELEMENT @ doc.Statement[0].Resources: unknown element "Resources" in a statement (did you mean "Resource"?); allowed: Sid, Effect, Principal, NotPrincipal, Action, NotAction, Resource, NotResource, Condition',
    ]);
  });

  it('fails if a statement has both Action and NotAction, or neither', async () => {
    expect(await statementFindings({ ...READ, NotAction: 's3:DeleteObject' })).toEqual([
      'error IAM_POLICY_ELEMENT @ doc.Statement[0].NotAction: the statement has both "Action" and "NotAction"; give only one',
    ]);
    const { Action: _, ...noAction } = READ;
    expect(await statementFindings(noAction)).toEqual([
      'error IAM_POLICY_ELEMENT @ doc.Statement[0]: the statement has neither "Action" nor "NotAction"; give one of them',
    ]);
  });

  it('fails on a Principal in an identity-based policy and on a missing Resource', async () => {
    const { Resource: _, ...noResource } = READ;
    expect(await statementFindings({ ...noResource, Principal: '*' })).toEqual([
      'error IAM_POLICY_ELEMENT @ doc.Statement[0]: the statement has neither "Resource" nor "NotResource"; give one of them',
      'error IAM_POLICY_ELEMENT @ doc.Statement[0].Principal: "Principal" is not allowed in an identity-based policy (the principal is whoever the policy is attached to); remove it',
    ]);
  });

  it('fails on entries that are not strings, duplicate Sids and malformed Conditions', async () => {
    const findings = await documentFindings({
      Version: '2012-10-17',
      Statement: [
        { ...READ, Sid: 'Read', Action: ['s3:GetObject', 42] },
        { ...READ, Sid: 'Read', Condition: { StringEquals: 'x' } },
      ],
    });
    expect(findings).toEqual([
      'error IAM_POLICY_ELEMENT @ doc.Statement[0].Action[1]: "Action" entry is number 42; entries must be strings',
      'error IAM_POLICY_ELEMENT @ doc.Statement[1].Condition.StringEquals: "StringEquals" is "x"; an operator maps condition keys to values, e.g. {"StringEquals": {"aws:SourceAccount": "123456789012"}}',
      'error IAM_POLICY_ELEMENT @ doc.Statement[1].Sid: "Sid" "Read" is already used by an earlier statement; Sids are unique within a policy',
    ]);
  });
});

describe('policy meaning: actions (iam-data)', () => {
  it('accepts known actions in any letter case, and wildcards that match', async () => {
    expect(await statementFindings({ ...READ, Action: ['s3:getobject', 's3:Get*', 's3:GetObject?ersion'] })).toEqual([]);
  });

  it('fails on an unknown action with the closest one as suggestion', async () => {
    expect(await statementFindings({ ...READ, Action: ['s3:GetObject', 's3:PutObjet'] })).toEqual([
      'error IAM_UNKNOWN_ACTION @ doc.Statement[0].Action[1]: unknown action "s3:PutObjet": s3 has no action "PutObjet"; did you mean s3:PutObject?',
    ]);
  });

  it('fails on an unknown action far from any, without a suggestion', async () => {
    expect(await statementFindings({ ...READ, Action: 's3:Teleport' })).toEqual([
      'error IAM_UNKNOWN_ACTION @ doc.Statement[0].Action: unknown action "s3:Teleport": s3 has no action "Teleport"; see the actions of s3 in the AWS Service Authorization Reference',
    ]);
  });

  it('fails on an unknown service with the closest prefix as suggestion', async () => {
    expect(await statementFindings({ ...READ, Action: 's4:GetObject' })).toEqual([
      'error IAM_UNKNOWN_ACTION @ doc.Statement[0].Action: "s4:GetObject": IAM has no service "s4"; did you mean "s3" (s3:GetObject)?',
    ]);
  });

  it('fails if a wildcard matches no action', async () => {
    expect(await statementFindings({ ...READ, Action: ['s3:GetObject', 's3:Pot*'] })).toEqual([
      'error IAM_ACTION_MATCHES_NOTHING @ doc.Statement[0].Action[1]: "s3:Pot*" matches no action of s3; a wildcard must match at least one action',
    ]);
  });

  it('fails on an action that is not service:Action', async () => {
    expect(await statementFindings({ ...READ, Action: 's3GetObject' })).toEqual([
      'error IAM_ACTION_FORMAT @ doc.Statement[0].Action: "s3GetObject" is not an action; write service:Action (e.g. "s3:PutObject"), a pattern such as "s3:Put*", or "*"',
    ]);
  });
});

describe('policy grammar: Id, empty lists, principals', () => {
  /** Grammar findings of a trust policy with the EC2 statement and `statement`. */
  const trustFindings = async (statement: Record<string, unknown>) =>
    render((await findingsOf(TRUST(statement))).filter((finding) => finding.rule.startsWith('IAM_P'))).map((line) =>
      line.replace('profiles[0].role.trustPolicy', 'trust'),
    );

  it('accepts Id in a trust policy and warns on Id in an identity-based policy', async () => {
    expect(await documentFindings({ ...policyWith(READ), Id: 'ReadPolicy' })).toEqual([
      'warning IAM_POLICY_ELEMENT @ doc.Id: IAM\'s policy grammar allows "Id" in resource-based policies (such as trust policies) only, not in an identity-based policy; remove it',
    ]);
    const trust = { ...compliantProfile(), role: { name: 'AppRole', trustPolicy: { Version: '2012-10-17', Id: 'Trust', Statement: [TRUST_EC2] } } };
    expect(await findingsOf(trust)).toEqual([]);
  });

  it('fails on an empty Action list, as IAM does', async () => {
    expect(await statementFindings({ ...READ, Action: [] })).toEqual([
      'error IAM_POLICY_ELEMENT @ doc.Statement[0].Action: "Action" is an empty list; IAM refuses a statement without actions (MalformedPolicyDocument: Policy statement must contain actions): give at least one entry',
    ]);
  });

  it('accepts every principal form IAM accepts', async () => {
    const principal = {
      AWS: [
        '123456789012',
        'arn:aws:iam::123456789012:root',
        'arn:aws:iam::123456789012:role/path/Deployer',
        'arn:aws:sts::123456789012:assumed-role/Deployer/session',
        'arn:aws-cn:iam::123456789012:user/ci',
      ],
      Service: ['ecs-tasks.amazonaws.com', 'ec2.amazonaws.com.cn'],
      Federated: [
        'accounts.google.com',
        'arn:aws:iam::123456789012:saml-provider/Okta',
        'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com',
      ],
    };
    expect(await trustFindings({ Effect: 'Deny', Principal: principal, Action: 'sts:AssumeRole' })).toEqual([]);
  });

  it('fails on partial wildcards and malformed principals', async () => {
    const principal = { AWS: ['arn:aws:iam::123456789012:role/*', '12345'], Service: 'EC2.amazonaws.com', Federated: 'https://', CanonicalUser: 'abc' };
    expect(await trustFindings({ Effect: 'Deny', Principal: principal, Action: 'sts:AssumeRole' })).toEqual([
      'error IAM_PRINCIPAL_FORMAT @ trust.Statement[1].Principal.AWS[0]: AWS principal "arn:aws:iam::123456789012:role/*" has a wildcard; a wildcard cannot match part of a principal (only {"AWS": "*"} or "Principal": "*" mean everyone): name the principals',
      'error IAM_PRINCIPAL_FORMAT @ trust.Statement[1].Principal.AWS[1]: AWS principal "12345" is not "*", a 12-digit account id or an IAM/STS ARN such as arn:aws:iam::123456789012:role/Name',
      'error IAM_PRINCIPAL_FORMAT @ trust.Statement[1].Principal.CanonicalUser: CanonicalUser principal "abc" is not a canonical user id (64 hexadecimal digits)',
      'error IAM_PRINCIPAL_FORMAT @ trust.Statement[1].Principal.Federated: Federated principal "https://" is neither an identity provider domain (e.g. "accounts.google.com") nor a SAML or OIDC provider ARN (arn:aws:iam::123456789012:saml-provider/Name)',
      'error IAM_PRINCIPAL_FORMAT @ trust.Statement[1].Principal.Service: Service principal "EC2.amazonaws.com" is not a service principal name; write it in lower case, e.g. "ec2.amazonaws.com"',
    ]);
  });

  it('fails on NotPrincipal in a role trust policy', async () => {
    expect(await trustFindings({ Effect: 'Deny', NotPrincipal: { AWS: '123456789012' }, Action: 'sts:AssumeRole' })).toEqual([
      'error IAM_POLICY_ELEMENT @ trust.Statement[1].NotPrincipal: "NotPrincipal" is not allowed in a role trust policy; name who may assume the role in "Principal"',
    ]);
  });
});
