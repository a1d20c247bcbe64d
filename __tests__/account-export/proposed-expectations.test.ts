/**
 * The expectations `import` proposes from a profile's policies: what is proposed for each policy
 * shape, and that every proposal holds when the real verifier decides it on a spec that carries
 * it (the spec's own policies, AWS-managed documents from the data package, the boundary).
 */
import * as fc from 'fast-check';
import * as path from 'path';
import { readAuthorizationDetails } from '../../src/account-export/authorization-details';
import type { ExportPolicy, ExportRole } from '../../src/account-export/authorization-model';
import { readAssociations, readInstances } from '../../src/account-export/ec2-outputs';
import { joinAccountExport } from '../../src/account-export/join-export';
import {
  PROPOSED_ALLOWS_LIMIT,
  type ProfilePolicy,
  type ProposalInput,
  type ProposedExpectations,
  proposedExpectations,
} from '../../src/account-export/proposed-expectations';
import { specFromExport } from '../../src/account-export/spec-from-export';
import { toIamRequest } from '../../src/access/request';
import type { ProfileVerification } from '../../src/access/verify';
import type { PolicyDocument } from '../../src/iam/policy-document';
import { SEED_POLICY_DOCUMENT } from '../../src/spec/default-spec';
import { parseSpec } from '../../src/spec/load-spec';
import type { ExpectationSpec } from '../../src/spec/spec-schema';
import { specWith, verifySpec } from '../access/helpers';

/** A role's policies as a test writes them: the spec's fields, and the proposal input made from them. */
interface RoleSetup {
  readonly policies?: ReadonlyArray<{ readonly name: string; readonly document: PolicyDocument }>;
  /** AWS-managed policies by name (`managedPolicies`). */
  readonly managedPolicies?: readonly string[];
  readonly inlinePolicies?: ReadonlyArray<{ readonly name: string; readonly document: PolicyDocument }>;
  /** An AWS-managed boundary's name, or a customer-managed one's ARN with its document. */
  readonly boundary?: string | { readonly arn: string; readonly document: PolicyDocument };
  readonly region?: string;
}

const awsManagedArn = (name: string) => `arn:aws:iam::aws:policy/${name}`;

function inputOf(setup: RoleSetup, extra: Partial<ProposalInput> = {}): ProposalInput {
  const { boundary } = setup;
  return {
    policies: [
      ...(setup.policies ?? []),
      ...(setup.inlinePolicies ?? []),
      ...(setup.managedPolicies ?? []).map((name): ProfilePolicy => ({ name, arn: awsManagedArn(name) })),
    ],
    ...(boundary === undefined
      ? {}
      : { permissionsBoundary: typeof boundary === 'string' ? { name: boundary, arn: awsManagedArn(boundary) } : { name: 'Boundary', ...boundary } }),
    ...extra,
  };
}

/** The verifier's rows for the expectations on the default spec's profile, its policies replaced by the setup's. */
async function verified(setup: RoleSetup, expectations: readonly ExpectationSpec[]): Promise<ProfileVerification[]> {
  const loaded = specWith((spec) => {
    if (setup.region) spec.region = setup.region;
    const profile = spec.profiles[0];
    profile.policies = setup.policies ?? [];
    profile.role.managedPolicies = setup.managedPolicies ?? [];
    profile.role.inlinePolicies = setup.inlinePolicies ?? [];
    const { boundary } = setup;
    if (typeof boundary === 'string') profile.role.permissionsBoundary = boundary;
    else if (boundary) Object.assign(profile.role, { permissionsBoundary: boundary.arn, permissionsBoundaryDocument: boundary.document });
    profile.expectations = expectations;
  });
  return verifySpec(loaded);
}

/** Every expectation row met, none left undecided, one row per expectation. */
function expectAllHold(results: readonly ProfileVerification[], expectations: readonly ExpectationSpec[]): void {
  const rows = results.flatMap((result) => result.rows).filter((row) => row.kind === 'expectation');
  const failing = rows.filter((row) => !row.met || row.problem !== undefined).map((row) => `${row.expected} ${row.request}: ${row.problem ?? row.decision}`);
  expect(failing).toEqual([]);
  expect(rows.map((row) => `${row.expected} ${row.request}`)).toEqual(expectations.map(shown));
}

/** `allow put s3://…` / `deny put s3://…`. */
function shown(expectation: ExpectationSpec): string {
  return expectation.allow !== undefined ? `allow ${expectation.allow}` : `deny ${expectation.deny}`;
}

/** Proposes for the setup, checks every proposal with the verifier, and returns the proposals. */
async function provenProposals(setup: RoleSetup, extra: Partial<ProposalInput> = {}): Promise<ProposedExpectations> {
  const proposed = proposedExpectations(inputOf(setup, extra));
  if (proposed.expectations.length) expectAllHold(await verified(setup, proposed.expectations), proposed.expectations);
  return proposed;
}

const allow = (Action: string | string[], Resource: string | string[], more: Record<string, unknown> = {}) => ({ Effect: 'Allow', Action, Resource, ...more });
const deny = (Action: string | string[], Resource: string | string[], more: Record<string, unknown> = {}) => ({ Effect: 'Deny', Action, Resource, ...more });
const policy = (name: string, ...Statement: object[]) => ({ name, document: { Version: '2012-10-17', Statement } });

describe('proposedExpectations', () => {
  it("proposes the walkthrough's put and list on its bucket, and a put to a bucket it does not name", async () => {
    const proposed = await provenProposals({ policies: [{ name: 'S3WritePolicy', document: SEED_POLICY_DOCUMENT }] });
    expect(proposed).toEqual({
      expectations: [
        {
          allow: 'put s3://instance-profile-test1/probe',
          description: 'S3WritePolicy statement 0 allows s3:PutObject on arn:aws:s3:::instance-profile-test1/*',
        },
        { allow: 'list s3://instance-profile-test1', description: 'S3WritePolicy statement 0 allows s3:ListBucket on arn:aws:s3:::instance-profile-test1' },
        {
          deny: 'put s3://instance-profile-test1-not-granted/probe',
          description: 'no policy allows s3:PutObject on instance-profile-test1-not-granted, a bucket no policy names',
        },
      ],
      leftOut: 0,
      skipped: [],
    });
  });

  it('is checked by a verification that fails on a proposal the policies do not bear out', async () => {
    const setup = { policies: [{ name: 'S3WritePolicy', document: SEED_POLICY_DOCUMENT }] };
    const untrue = [{ deny: 'put s3://instance-profile-test1/probe' }, { allow: 'get s3://instance-profile-test1/probe' }];
    const results = await verified(setup, untrue);
    expect(() => expectAllHold(results, untrue)).toThrow(
      /deny put s3:\/\/instance-profile-test1\/probe: allowed[\s\S]*allow get s3:\/\/instance-profile-test1\/probe: implicitly denied/,
    );
  });

  it('uses the shorthand exactly as the verifier reads it: each verb is the action it proposes for', () => {
    const proposed = proposedExpectations(inputOf({ policies: [policy('All', allow('s3:*', ['arn:aws:s3:::b', 'arn:aws:s3:::b/*']))] }));
    const actions = proposed.expectations.map((expectation) => toIamRequest((expectation.allow ?? expectation.deny)!, 'aws').request?.action);
    expect(actions).toEqual(['s3:PutObject', 's3:GetObject', 's3:ListBucket', 's3:DeleteObject', 's3:PutObject']);
    expect(proposed.expectations.map((expectation) => expectation.description)).toEqual([
      'All statement 0 allows s3:PutObject on arn:aws:s3:::b/*',
      'All statement 0 allows s3:GetObject on arn:aws:s3:::b/*',
      'All statement 0 allows s3:ListBucket on arn:aws:s3:::b',
      'All statement 0 allows s3:DeleteObject on arn:aws:s3:::b/*',
      'no policy allows s3:PutObject on b-not-granted, a bucket no policy names',
    ]);
  });

  describe("on the walkthrough account's export", () => {
    const fixture = (name: string) => path.join(__dirname, '../fixtures/account-export/account', name);
    const details = readAuthorizationDetails([fixture('authorization-details.json')]);
    const join = joinAccountExport(
      details,
      readInstances(fixture('describe-instances.json')),
      readAssociations(fixture('describe-iam-instance-profile-associations.json')),
    );
    const policies = new Map(details.policies.map((exported) => [exported.arn, exported]));
    const roleOf = (name: string) => details.roles.find((role) => role.name === name)!;

    /** The proposal input of an exported role: customer-managed documents from the export, AWS-managed ones by ARN. */
    function exportedInput(role: ExportRole): ProposalInput {
      const known = (arn: string, name: string): ProfilePolicy => {
        const exported: ExportPolicy | undefined = policies.get(arn);
        return exported && !exported.awsManaged ? { name, document: exported.document } : { name, arn };
      };
      return {
        policies: [...role.attachedPolicies.map(({ arn, name }) => known(arn, name)), ...role.inlinePolicies],
        ...(role.permissionsBoundaryArn ? { permissionsBoundary: known(role.permissionsBoundaryArn, 'boundary') } : {}),
      };
    }

    it("proposes from S3WritePolicy's default version (v2: put and list), nothing for WebServerRole, which grants no S3", () => {
      const s3Write = proposedExpectations(exportedInput(roleOf('S3WriteRole')));
      expect(s3Write.expectations.map(shown)).toEqual([
        'allow put s3://instance-profile-test1/probe',
        'allow list s3://instance-profile-test1',
        'deny put s3://instance-profile-test1-not-granted/probe',
      ]);
      const webServer = proposedExpectations(exportedInput(roleOf('WebServerRole')));
      expect(webServer.expectations).toEqual([]);
      expect(webServer.skipped.map(({ policy: name, statement, reason }) => `${name} ${statement}: ${reason.split(',')[0]}`)).toEqual([
        'AmazonSSMManagedInstanceCore 0: allows none of s3:PutObject',
        'AmazonSSMManagedInstanceCore 1: allows none of s3:PutObject',
        'AmazonSSMManagedInstanceCore 2: allows none of s3:PutObject',
        'WebServerLogs 0: allows none of s3:PutObject',
      ]);
    });

    it('every proposal holds in the spec the import writes of that export', async () => {
      const imported = specFromExport({ details, instances: readInstances(fixture('describe-instances.json')), join, documents: 'inline' });
      const profiles = imported.spec.profiles as Array<Record<string, any>>;
      const proposals = profiles.map((profile) => proposedExpectations(exportedInput(roleOf(profile.role.name))).expectations);
      profiles.forEach((profile, i) => (profile.expectations = proposals[i]));
      const results = await verifySpec(parseSpec({ version: 1, ...imported.spec }, 'imported.yaml', __dirname));
      expectAllHold(results, proposals.flat());
      expect(proposals.flat()).toHaveLength(3);
    });
  });

  it('proposes nothing from a wildcard over buckets, and names the deny so that the wildcard cannot match it', async () => {
    const setup = {
      policies: [policy('TeamBuckets', allow(['s3:PutObject', 's3:GetObject'], 'arn:aws:s3:::team-*/*'), allow('s3:PutObject', 'arn:aws:s3:::team-reports/*'))],
    };
    const proposed = await provenProposals(setup);
    expect(proposed.expectations.map(shown)).toEqual(['allow put s3://team-reports/probe', 'deny put s3://not-granted-team-reports/probe']);
    expect(proposed.skipped).toEqual([{ policy: 'TeamBuckets', statement: 0, resource: 'arn:aws:s3:::team-*/*', reason: 'is a wildcard over buckets' }]);
  });

  it('proposes no deny when an Allow statement could apply to every bucket (Resource "*", arn:aws:s3:::*)', async () => {
    for (const everything of ['*', 'arn:aws:s3:::*', 'arn:aws:s3:::*/*']) {
      const proposed = await provenProposals({ policies: [policy('Wide', allow('s3:PutObject', 'arn:aws:s3:::mine/*'), allow('s3:PutObject', everything))] });
      expect(proposed.expectations.map(shown)).toEqual(['allow put s3://mine/probe']);
      expect(proposed.skipped).toEqual([expect.objectContaining({ statement: 1, resource: everything })]);
    }
  });

  it('takes no allow from NotResource, and counts it against the deny', async () => {
    const proposed = await provenProposals({
      policies: [
        policy('Except', allow('s3:PutObject', 'arn:aws:s3:::drop-box/*'), { Effect: 'Allow', Action: 's3:PutObject', NotResource: 'arn:aws:s3:::secrets/*' }),
      ],
    });
    expect(proposed.expectations.map(shown)).toEqual(['allow put s3://drop-box/probe']);
    expect(proposed.skipped).toEqual([{ policy: 'Except', statement: 1, reason: 'uses NotResource: what it allows is not listed' }]);
  });

  it('takes no allow from NotAction', async () => {
    const proposed = await provenProposals({ policies: [policy('AllBut', { Effect: 'Allow', NotAction: 'iam:*', Resource: 'arn:aws:s3:::logs/*' })] });
    expect(proposed.expectations).toEqual([]);
    expect(proposed.skipped).toEqual([{ policy: 'AllBut', statement: 0, reason: 'uses NotAction: what it allows is not listed' }]);
  });

  it('takes no allow from a statement with a Condition, and counts it against the deny', async () => {
    const fromOffice = { Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } } };
    const proposed = await provenProposals({
      policies: [policy('Office', allow('s3:GetObject', 'arn:aws:s3:::plain-bucket/*'), allow('s3:PutObject', 'arn:aws:s3:::plain-bucket/*', fromOffice))],
    });
    expect(proposed.expectations.map(shown)).toEqual(['allow get s3://plain-bucket/probe', 'deny get s3://plain-bucket-not-granted/probe']);
    expect(proposed.skipped).toEqual([{ policy: 'Office', statement: 1, reason: 'has a Condition, which the proposals do not guess a request context for' }]);

    const anywhereFromOffice = await provenProposals({
      policies: [policy('Office', allow('s3:GetObject', 'arn:aws:s3:::plain-bucket/*'), allow('s3:GetObject', '*', fromOffice))],
    });
    expect(anywhereFromOffice.expectations.map(shown)).toEqual(['allow get s3://plain-bucket/probe']);
  });

  it('proposes each verb once per bucket for two buckets, by bucket name', async () => {
    const proposed = await provenProposals({
      policies: [
        policy('Upload', allow('s3:PutObject', 'arn:aws:s3:::uploads/*')),
        policy(
          'Archive',
          allow(['s3:GetObject', 's3:ListBucket'], ['arn:aws:s3:::archive', 'arn:aws:s3:::archive/*']),
          allow('s3:GetObject', 'arn:aws:s3:::archive/2024/*'),
        ),
      ],
    });
    expect(proposed.expectations.map(shown)).toEqual([
      'allow get s3://archive/probe',
      'allow list s3://archive',
      'allow put s3://uploads/probe',
      'deny get s3://archive-not-granted/probe',
    ]);
  });

  it('proposes put, get, list and delete for s3:* on one bucket', async () => {
    const proposed = await provenProposals({ policies: [policy('Owner', allow('s3:*', ['arn:aws:s3:::owned', 'arn:aws:s3:::owned/*']))] });
    expect(proposed.expectations.map(shown)).toEqual([
      'allow put s3://owned/probe',
      'allow get s3://owned/probe',
      'allow list s3://owned',
      'allow delete s3://owned/probe',
      'deny put s3://owned-not-granted/probe',
    ]);
  });

  it('keeps out what a Deny statement carves out: a prefix, an action', async () => {
    const proposed = await provenProposals({
      policies: [
        policy(
          'Shared',
          allow('s3:*', ['arn:aws:s3:::shared', 'arn:aws:s3:::shared/*']),
          allow('s3:PutObject', 'arn:aws:s3:::shared/private/*'),
          deny('s3:*', 'arn:aws:s3:::shared/private/*'),
          deny('s3:DeleteObject', 'arn:aws:s3:::shared/*'),
        ),
      ],
    });
    // The Deny on the prefix keeps shared/private/probe out (and would keep it out were it the only put granted).
    expect(proposed.expectations.map(shown)).toEqual([
      'allow put s3://shared/probe',
      'allow get s3://shared/probe',
      'allow list s3://shared',
      'deny put s3://shared-not-granted/probe',
    ]);
    expect(proposed.skipped.map(({ statement, reason }) => `${statement}: ${reason}`)).toEqual([
      '0: delete s3://shared/probe: statement 3 of Shared may deny it',
      '1: put s3://shared/private/probe: statement 2 of Shared may deny it',
    ]);
  });

  it('counts a conditional Deny as applying', async () => {
    const proposed = await provenProposals({
      policies: [policy('Tls', allow('s3:PutObject', 'arn:aws:s3:::b/*'), deny('s3:*', '*', { Condition: { Bool: { 'aws:SecureTransport': 'false' } } }))],
    });
    expect(proposed.expectations.map(shown)).toEqual([]);
  });

  it('keeps the key a policy names, its letter case, and fills its wildcards', async () => {
    const proposed = await provenProposals({ policies: [policy('Logs', allow('s3:PutObject', 'arn:aws:s3:::app-logs/Web/??/*.log'))] });
    expect(proposed.expectations.map(shown)).toEqual(['allow put s3://app-logs/Web/xx/probe.log', 'deny put s3://app-logs-not-granted/Web/xx/probe.log']);
  });

  it('proposes nothing from a resource with a policy variable, or from another service', async () => {
    const proposed = await provenProposals({
      policies: [policy('Mine', allow('s3:PutObject', 'arn:aws:s3:::home/${aws:username}/*'), allow('logs:PutLogEvents', 'arn:aws:logs:*:*:*'))],
    });
    expect(proposed.expectations).toEqual([]);
    expect(proposed.skipped.map(({ statement, reason }) => `${statement}: ${reason}`)).toEqual([
      '0: holds a policy variable, whose value the proposals do not know',
      '1: allows none of s3:PutObject, s3:GetObject, s3:ListBucket, s3:DeleteObject, the actions the expectation shorthand writes',
    ]);
  });

  it('reads AWS-managed policies from the data package: AmazonS3ReadOnlyAccess leaves the put deny standing, AmazonS3FullAccess does not', async () => {
    const own = policy('Upload', allow('s3:PutObject', 'arn:aws:s3:::uploads/*'));
    const readOnly = await provenProposals({ policies: [own], managedPolicies: ['AmazonS3ReadOnlyAccess'] });
    expect(readOnly.expectations.map(shown)).toEqual(['allow put s3://uploads/probe', 'deny put s3://uploads-not-granted/probe']);
    const full = await provenProposals({ policies: [own], managedPolicies: ['AmazonS3FullAccess'] });
    expect(full.expectations.map(shown)).toEqual(['allow put s3://uploads/probe']);
  });

  it('includes inline policies', async () => {
    const proposed = await provenProposals({ inlinePolicies: [policy('Inline', allow('s3:GetObject', 'arn:aws:s3:::config/*'))] });
    expect(proposed.expectations.map(shown)).toEqual(['allow get s3://config/probe', 'deny get s3://config-not-granted/probe']);
  });

  it('proposes an allow only where the permissions boundary surely allows it too', async () => {
    const proposed = await provenProposals({
      policies: [policy('Two', allow('s3:PutObject', ['arn:aws:s3:::inside/*', 'arn:aws:s3:::outside/*']))],
      boundary: { arn: 'arn:aws:iam::123456789012:policy/Boundary', document: policy('Boundary', allow('s3:*', 'arn:aws:s3:::inside/*')).document },
    });
    expect(proposed.expectations.map(shown)).toEqual(['allow put s3://inside/probe', 'deny put s3://inside-not-granted/probe']);
    expect(proposed.skipped).toEqual([
      {
        policy: 'Two',
        statement: 0,
        resource: 'arn:aws:s3:::outside/*',
        reason: 'put s3://outside/probe: no statement of the permissions boundary Boundary surely allows it',
      },
    ]);
    const awsBoundary = await provenProposals({ policies: [policy('Two', allow('s3:*', 'arn:aws:s3:::inside/*'))], boundary: 'AmazonS3ReadOnlyAccess' });
    expect(awsBoundary.expectations.map(shown)).toEqual(['allow get s3://inside/probe', 'deny get s3://inside-not-granted/probe']);
  });

  it('refuses to propose anything when a policy cannot be read: a document not known, not a policy', () => {
    const unknown = proposedExpectations({
      policies: [policy('Upload', allow('s3:PutObject', 'arn:aws:s3:::uploads/*')), { name: 'Shared', arn: 'arn:aws:iam::111122223333:policy/Shared' }],
    });
    expect(unknown).toEqual({
      expectations: [],
      leftOut: 0,
      skipped: [],
      refusal: 'the document of policy Shared is not known, so the verifier can decide nothing for this role',
    });
    const wrongPath = proposedExpectations({ policies: [{ name: 'Moved', arn: 'arn:aws:iam::aws:policy/service-role/AmazonS3ReadOnlyAccess' }] });
    expect(wrongPath.refusal).toBe('the document of policy Moved is not known, so the verifier can decide nothing for this role');
    const boundary = proposedExpectations({
      policies: [policy('Upload', allow('s3:PutObject', 'arn:aws:s3:::uploads/*'))],
      permissionsBoundary: { name: 'Elsewhere', arn: 'arn:aws:iam::111122223333:policy/Elsewhere' },
    });
    expect(boundary.refusal).toMatch(/^the document of policy Elsewhere is not known/);
    const bad = proposedExpectations({ policies: [{ name: 'Bad', document: { Statement: [{ Effect: 'Allow', Action: 's3:PutObject' }] } }] });
    expect(bad.refusal).toBe('policy Bad statement 0 needs one of Action and NotAction and one of Resource and NotResource');
  });

  it('proposes at most the limit of allows, by bucket, and counts the rest', async () => {
    const buckets = Array.from({ length: 12 }, (_, i) => `bucket-${String(i).padStart(2, '0')}`);
    const setup = {
      policies: [
        policy(
          'Many',
          allow(
            's3:PutObject',
            buckets.map((bucket) => `arn:aws:s3:::${bucket}/*`),
          ),
        ),
      ],
    };
    const proposed = await provenProposals(setup);
    expect(proposed.expectations.map(shown)).toEqual([
      ...buckets.slice(0, PROPOSED_ALLOWS_LIMIT).map((bucket) => `allow put s3://${bucket}/probe`),
      'deny put s3://bucket-00-not-granted/probe',
    ]);
    expect(proposed.leftOut).toBe(2);
    expect((await provenProposals(setup, { limit: 3 })).leftOut).toBe(9);
  });

  it("builds the requests in the stack's partition and skips ARNs of another", async () => {
    const setup = {
      region: 'cn-north-1',
      policies: [policy('China', allow('s3:PutObject', ['arn:aws-cn:s3:::cn-bucket/*', 'arn:aws:s3:::global-bucket/*']))],
    };
    const proposed = await provenProposals(setup, { partition: 'aws-cn' });
    expect(proposed.expectations.map(shown)).toEqual(['allow put s3://cn-bucket/probe', 'deny put s3://cn-bucket-not-granted/probe']);
    expect(proposed.skipped).toEqual([
      { policy: 'China', statement: 0, resource: 'arn:aws:s3:::global-bucket/*', reason: "is in partition aws, not the stack's aws-cn" },
    ]);
  });

  describe('on generated policies (fixed seed)', () => {
    const actions = ['s3:PutObject', 's3:GetObject', 's3:ListBucket', 's3:DeleteObject', 's3:*', 's3:*Object', 's3:Get*', '*', 'logs:PutLogEvents'];
    const resources = [
      '*',
      'arn:aws:s3:::data',
      'arn:aws:s3:::data/*',
      'arn:aws:s3:::data/in/*',
      'arn:aws:s3:::data/Mixed/?/*',
      'arn:aws:s3:::logs',
      'arn:aws:s3:::logs/*',
      'arn:aws:s3:::data*',
      'arn:aws:s3:::*-not-granted/*',
      'arn:aws:s3:::not-granted-*',
      'arn:aws:s3:::home/${aws:username}/*',
    ];
    const list = (items: readonly string[]) => fc.uniqueArray(fc.constantFrom(...items), { minLength: 1, maxLength: 3 });
    const statement = fc.record(
      {
        Effect: fc.constantFrom('Allow', 'Allow', 'Deny'),
        actions: list(actions),
        resources: list(resources),
        not: fc.constantFrom(undefined, undefined, undefined, 'NotAction', 'NotResource'),
        Condition: fc.constantFrom(undefined, undefined, { Bool: { 'aws:SecureTransport': 'true' } }),
      },
      { requiredKeys: ['Effect', 'actions', 'resources', 'not'] },
    );
    const document = fc.array(statement, { minLength: 1, maxLength: 4 }).map((statements) => ({
      Version: '2012-10-17',
      Statement: statements.map(({ Effect, actions: action, resources: resource, not, Condition }) => ({
        Effect,
        [not === 'NotAction' ? 'NotAction' : 'Action']: action,
        [not === 'NotResource' ? 'NotResource' : 'Resource']: resource,
        ...(Condition ? { Condition } : {}),
      })),
    }));
    const setups = fc.sample(fc.record({ own: fc.array(document, { minLength: 1, maxLength: 2 }), boundary: fc.option(document, { nil: undefined }) }), {
      seed: 31,
      numRuns: 60,
    });

    it('every proposal holds, whatever the statements', async () => {
      let proposals = 0;
      for (const { own, boundary } of setups) {
        const setup: RoleSetup = {
          policies: own.map((doc, i) => ({ name: `Generated${i}`, document: doc })),
          ...(boundary ? { boundary: { arn: 'arn:aws:iam::123456789012:policy/Boundary', document: boundary } } : {}),
        };
        proposals += (await provenProposals(setup)).expectations.length;
      }
      // The generated policies are not all refusals: enough allows and denies are proposed to prove something.
      expect(proposals).toBeGreaterThan(30);
    });
  });
});
