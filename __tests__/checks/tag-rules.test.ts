import { formatFieldPath } from '../../src/spec/spec-error';
import { compliantProfile, findingsOf, specOf } from './helpers';

type Tags = Record<string, string>;

/** TAG_FORMAT / TAG_CASE_DUPLICATE findings as `level rule @ field: message`. */
async function tagFindings(tags: { role?: Tags; instanceProfile?: Tags; instance?: Tags } = {}, top: Record<string, unknown> = {}): Promise<string[]> {
  const profile = {
    ...compliantProfile(),
    role: { name: 'AppRole', tags: tags.role ?? {} },
    instanceProfile: { name: 'AppProfile', tags: tags.instanceProfile ?? {} },
    instance: { ami: 'ami-0123456789abcdef0', monitoring: true, tags: tags.instance ?? {} },
  };
  const findings = await findingsOf(profile, top);
  return findings
    .filter((finding) => finding.rule.startsWith('TAG_'))
    .map((finding) => `${finding.level} ${finding.rule} @ ${formatFieldPath(finding.path)}: ${finding.message}`);
}

describe('tag keys and values', () => {
  it('accepts Unicode letters, digits, spaces and _ . : / = + - @, and empty values', async () => {
    const tags = { 'Cost Center': 'R and D', 'app:team/owner': 'jane@example.com', 'Ünïcode_ключ-1': '', 'a+b=c': '1.0' };
    expect(await tagFindings({ role: tags, instanceProfile: tags, instance: tags }, { defaultTags: tags })).toEqual([]);
  });

  it('fails on characters IAM refuses, and only warns on them for the instance (EC2 accepts any)', async () => {
    expect(await tagFindings({ role: { 'team#1': 'x' }, instance: { Owner: 'a,b' } }, { defaultTags: { Project: 'p*' } })).toEqual([
      'error TAG_FORMAT @ defaultTags.Project: tag value of "Project" "p*" has "*"; IAM tags allow letters, digits, spaces and _ . : / = + - @ only',
      'warning TAG_FORMAT @ profiles[0].instance.tags.Owner: tag value of "Owner" "a,b" has ","; EC2 accepts it, but other services (IAM, cost allocation, tag policies) allow letters, digits, spaces and _ . : / = + - @ only',
      'error TAG_FORMAT @ profiles[0].role.tags["team#1"]: tag key "team#1" has "#"; IAM tags allow letters, digits, spaces and _ . : / = + - @ only',
    ]);
  });

  it('accepts a key of 128 characters and fails at 129', async () => {
    expect(await tagFindings({ instanceProfile: { ['K'.repeat(128)]: 'v' } })).toEqual([]);
    const [finding] = await tagFindings({ instanceProfile: { ['K'.repeat(129)]: 'v' } });
    expect(finding).toBe(
      `error TAG_FORMAT @ profiles[0].instanceProfile.tags.${'K'.repeat(129)}: tag key "${'K'.repeat(20)}…" is 129 characters; at most 128 allowed`,
    );
  });

  it('fails on an empty key', async () => {
    expect(await tagFindings({ role: { '': 'v' } })).toEqual([
      'error TAG_FORMAT @ profiles[0].role.tags[""]: a tag key is empty; keys are 1 to 128 characters',
    ]);
  });

  it('leaves values over 256 characters to the spec schema', () => {
    expect(() => specOf({ ...compliantProfile(), role: { name: 'AppRole', tags: { Note: 'v'.repeat(257) } } })).toThrow(/256/);
    expect(() => specOf({ ...compliantProfile(), role: { name: 'AppRole', tags: { Note: 'v'.repeat(256) } } })).not.toThrow();
  });

  it('fails on the reserved aws: prefix, in any case, on keys and values', async () => {
    expect(await tagFindings({ instance: { 'AWS:Team': 'web' }, role: { Stack: 'aws:cloudformation' } })).toEqual([
      'error TAG_FORMAT @ profiles[0].instance.tags["AWS:Team"]: tag key "AWS:Team" starts with "AWS:"; AWS reserves the prefix "aws:" (in any case) for its own tags',
      'error TAG_FORMAT @ profiles[0].role.tags.Stack: tag value of "Stack" "aws:cloudformation" starts with "aws:"; AWS reserves the prefix "aws:" (in any case) for its own tags',
    ]);
  });

  it('checks the default tags of each environment', async () => {
    const environments = {
      dev: { accountId: '111111111111', defaultTags: { 'aws:env': 'dev' } },
      prod: { accountId: '222222222222', defaultTags: { Env: 'prod' } },
    };
    expect(await tagFindings({}, { environments })).toEqual([
      'error TAG_FORMAT @ environments.dev.defaultTags["aws:env"]: tag key "aws:env" starts with "aws:"; AWS reserves the prefix "aws:" (in any case) for its own tags',
    ]);
  });
});

describe('tag keys that differ only in case', () => {
  const collision = (key: string, earlier: string) =>
    `tag key "${key}" differs from "${earlier}" only in case; IAM role tag keys ignore case, so the role can have only one of them: use one spelling`;

  it('accepts them on the instance profile and the instance (their keys are case-sensitive)', async () => {
    expect(await tagFindings({ instanceProfile: { Team: 'a', team: 'b' }, instance: { Team: 'a', team: 'b' } })).toEqual([]);
  });

  it('fails on them in one role, and between the default tags and the role', async () => {
    expect(await tagFindings({ role: { Team: 'a', team: 'b' } })).toEqual([
      `error TAG_CASE_DUPLICATE @ profiles[0].role.tags.team: ${collision('team', 'Team')}`,
    ]);
    expect(await tagFindings({ role: { env: 'dev' } }, { defaultTags: { Env: 'dev' } })).toEqual([
      `error TAG_CASE_DUPLICATE @ profiles[0].role.tags.env: ${collision('env', 'Env')}`,
    ]);
  });

  it('accepts the same key in the default tags and the role (the role overrides it)', async () => {
    expect(await tagFindings({ role: { Env: 'prod' } }, { defaultTags: { Env: 'dev' } })).toEqual([]);
  });

  it('fails once on collisions among the default tags of an environment', async () => {
    const environments = { dev: { accountId: '111111111111', defaultTags: { OWNER: 'me' } }, prod: { accountId: '222222222222', defaultTags: {} } };
    expect(await tagFindings({}, { defaultTags: { Owner: 'you' }, environments })).toEqual([
      `error TAG_CASE_DUPLICATE @ environments.dev.defaultTags.OWNER: ${collision('OWNER', 'Owner')}`,
    ]);
  });
});
