import { policySize } from '../../src/checks/limits/policy-size';
import { parseSpec } from '../../src/spec/load-spec';
import { formatFieldPath, SpecError } from '../../src/spec/spec-error';
import { compliantProfile, findingsOf, FIXTURES, ofRule, policyWith, readObjectsPolicy } from './helpers';

/** The fields the loader rejects in a one-profile spec (empty when it loads). */
function rejectedFields(profile: Record<string, unknown>): string[] {
  try {
    parseSpec({ profiles: [profile] }, 'fixture.yaml', FIXTURES);
    return [];
  } catch (error) {
    if (!(error instanceof SpecError)) throw error;
    return error.problems.map((problem) => formatFieldPath(problem.path));
  }
}

/** A document padded with a Sid so that IAM counts exactly `size` characters. */
function documentOfSize(size: number, statement: Record<string, unknown>): Record<string, unknown> {
  const base = policySize(policyWith({ Sid: '', ...statement }));
  const document = policyWith({ Sid: 'A'.repeat(size - base), ...statement });
  expect(policySize(document)).toBe(size);
  return document;
}

const ALLOW_READ = { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::app-bucket/*' };
const TRUST_EC2 = { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' };

/** `count` distinct tags. */
function tags(count: number, prefix = 'Tag'): Record<string, string> {
  return Object.fromEntries(Array.from({ length: count }, (_, i) => [`${prefix}${i}`, 'value']));
}

describe('name and path limits (enforced by the spec schema)', () => {
  const profile = (role: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ role: { name: 'AppRole', ...role }, ...extra });

  it('accepts a role name of 64 characters', () => {
    expect(rejectedFields(profile({ name: 'R'.repeat(64) }))).toEqual([]);
  });

  it('fails if the role name exceeds 64 characters', () => {
    expect(rejectedFields(profile({ name: 'R'.repeat(65) }))).toEqual(['profiles[0].role.name']);
  });

  it('accepts a policy name of 128 characters and rejects 129', () => {
    const withPolicyName = (name: string) => profile({}, { policies: [{ name, document: readObjectsPolicy() }] });
    expect(rejectedFields(withPolicyName('P'.repeat(128)))).toEqual([]);
    expect(rejectedFields(withPolicyName('P'.repeat(129)))).toEqual(['profiles[0].policies[0].name']);
  });

  it('accepts an instance profile name of 128 characters and rejects 129', () => {
    expect(rejectedFields(profile({}, { instanceProfile: { name: 'I'.repeat(128) } }))).toEqual([]);
    expect(rejectedFields(profile({}, { instanceProfile: { name: 'I'.repeat(129) } }))).toEqual(['profiles[0].instanceProfile.name']);
  });

  it('accepts a path of 512 characters and rejects 513', () => {
    const path = (length: number) => `/${'p'.repeat(length - 2)}/`;
    expect(path(512)).toHaveLength(512);
    expect(rejectedFields(profile({ path: path(512) }))).toEqual([]);
    expect(rejectedFields(profile({ path: path(513) }))).toEqual(['profiles[0].role.path']);
    expect(rejectedFields(profile({}, { instanceProfile: { path: path(513) } }))).toEqual(['profiles[0].instanceProfile.path']);
  });

  it('fails if a path does not start and end with "/"', () => {
    expect(rejectedFields(profile({ path: '/app/' }))).toEqual([]);
    expect(rejectedFields(profile({ path: 'app/' }))).toEqual(['profiles[0].role.path']);
    expect(rejectedFields(profile({ path: '/app' }))).toEqual(['profiles[0].role.path']);
    expect(rejectedFields(profile({}, { policies: [{ name: 'P', path: 'x', document: readObjectsPolicy() }] }))).toEqual(['profiles[0].policies[0].path']);
  });
});

describe('policy document size', () => {
  it('does not count whitespace, inside strings included', () => {
    expect(policySize({ Condition: { StringLike: { 'aws:UserAgent': 'my agent 1.0' } } })).toBe(
      JSON.stringify({ Condition: { StringLike: { 'aws:UserAgent': 'myagent1.0' } } }).length,
    );
    expect(policySize({ Version: '2012-10-17' })).toBe('{"Version":"2012-10-17"}'.length);
  });

  it('accepts a managed policy of 6,144 characters', async () => {
    const findings = await findingsOf({ ...compliantProfile(), policies: [{ name: 'Big', document: documentOfSize(6144, ALLOW_READ) }] });
    expect(ofRule(findings, 'IAM_POLICY_SIZE')).toEqual([]);
  });

  it('fails if a managed policy exceeds 6,144 characters', async () => {
    const findings = await findingsOf({ ...compliantProfile(), policies: [{ name: 'Big', document: documentOfSize(6145, ALLOW_READ) }] });
    expect(ofRule(findings, 'IAM_POLICY_SIZE')).toEqual([
      expect.objectContaining({
        level: 'error',
        path: ['profiles', 0, 'policies', 0, 'document'],
        message: expect.stringMatching(/is 6,145 characters \(whitespace not counted\); a managed policy holds at most 6,144/),
      }),
    ]);
  });

  it('accepts a trust policy of 2,048 characters', async () => {
    const findings = await findingsOf({ ...compliantProfile(), role: { name: 'AppRole', trustPolicy: documentOfSize(2048, TRUST_EC2) } });
    expect(ofRule(findings, 'IAM_TRUST_POLICY_SIZE')).toEqual([]);
  });

  it('fails if a trust policy exceeds 2,048 characters', async () => {
    const findings = await findingsOf({ ...compliantProfile(), role: { name: 'AppRole', trustPolicy: documentOfSize(2049, TRUST_EC2) } });
    expect(ofRule(findings, 'IAM_TRUST_POLICY_SIZE')).toEqual([
      expect.objectContaining({ level: 'error', path: ['profiles', 0, 'role', 'trustPolicy'], message: expect.stringMatching(/2,049 characters.*2,048/) }),
    ]);
  });
});

describe('managed policies attached to a role', () => {
  /** One customer-managed policy plus `count - 1` named ones. */
  const profileWithPolicies = (count: number) => ({
    ...compliantProfile(),
    role: { name: 'AppRole', managedPolicies: Array.from({ length: count - 1 }, (_, i) => `ManagedPolicy${i}`) },
  });
  const levels = async (count: number) => ofRule(await findingsOf(profileWithPolicies(count)), 'IAM_ROLE_POLICY_COUNT').map((finding) => finding.level);

  it('accepts 10 (the default quota)', async () => {
    expect(await levels(10)).toEqual([]);
  });

  it('warns at 11: the quota must be raised', async () => {
    expect(await levels(11)).toEqual(['warning']);
  });

  it('warns at 20 (the most the quota can be raised to)', async () => {
    expect(await levels(20)).toEqual(['warning']);
  });

  it('fails at 21', async () => {
    const [finding] = ofRule(await findingsOf(profileWithPolicies(21)), 'IAM_ROLE_POLICY_COUNT');
    expect(finding).toMatchObject({ level: 'error', path: ['profiles', 0, 'role'] });
    expect(finding.message).toBe(
      'role "AppRole" gets 21 managed policies (1 created with it, 20 attached by ARN); IAM attaches at most 20 to a role: merge some policies',
    );
  });
});

describe('tags per resource', () => {
  const tagFindings = async (profile: Record<string, unknown>, top: Record<string, unknown> = {}) =>
    ofRule(await findingsOf(profile, top), 'TAG_COUNT').map((finding) => formatFieldPath(finding.path));

  it('accepts 50 tags on the role and on the instance profile', async () => {
    expect(
      await tagFindings({ ...compliantProfile(), role: { name: 'AppRole', tags: tags(50) }, instanceProfile: { name: 'AppProfile', tags: tags(50) } }),
    ).toEqual([]);
  });

  it('fails at 51 tags on the role and on the instance profile', async () => {
    expect(
      await tagFindings({ ...compliantProfile(), role: { name: 'AppRole', tags: tags(51) }, instanceProfile: { name: 'AppProfile', tags: tags(51) } }),
    ).toEqual(['profiles[0].instanceProfile.tags', 'profiles[0].role.tags']);
  });

  it('counts the instance Name tag: 49 tags pass, 50 fail', async () => {
    const instance = (count: number) => ({ ...compliantProfile(), instance: { ami: 'ami-0123456789abcdef0', monitoring: true, tags: tags(count) } });
    expect(await tagFindings(instance(49))).toEqual([]);
    expect(await tagFindings(instance(50))).toEqual(['profiles[0].instance.tags']);
  });

  it('counts the provider default tags', async () => {
    const profile = { ...compliantProfile(), role: { name: 'AppRole', tags: tags(11) } };
    expect(await tagFindings(profile, { defaultTags: tags(39, 'Default') })).toEqual([]);
    expect(await tagFindings(profile, { defaultTags: tags(40, 'Default') })).toEqual(['profiles[0].role.tags']);
  });
});
