/**
 * Hostile input against AWS's own limits and shapes (issue 27): policies of megabytes, ARNs of
 * another partition, user data counted in bytes, EC2 id lengths, empty element lists, and a fleet
 * over the account quota. Each case runs the command line and asserts the exit code and the
 * message, worded as IAM or EC2 would refuse the value.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { fleetSpec } from '../../scripts/bench/fleet-spec';
import { problemsBeforeSynthesis } from '../../src/pipeline/collect-problems';
import { readSpec } from '../../src/spec/load-spec';
import { packageRoot } from '../../src/package-root';
import { runCli } from '../helpers/run-cli';
import { tempDir } from '../helpers/temp-dirs';

const ROOT = packageRoot();

/** A one-statement identity policy. */
function policy(statement: Record<string, unknown>): Record<string, unknown> {
  return { Version: '2012-10-17', Statement: [statement] };
}

const READ = { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::app-bucket/*' };

/** A profile that passes every check, with `changes` applied to it. */
function profile(changes: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    policies: [{ name: 'AppPolicy', document: policy(READ) }],
    role: { name: 'AppRole' },
    instance: { ami: 'ami-0123456789abcdef0', monitoring: true },
    ...changes,
  };
}

/** Writes `spec` as spec.json (and `files` beside it) into a fresh folder. */
function writeSpec(spec: Record<string, unknown>, files: Record<string, string> = {}): string {
  const cwd = tempDir('hostile-');
  fs.writeFileSync(path.join(cwd, 'spec.json'), JSON.stringify(spec, null, 2));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(cwd, name), text);
  return cwd;
}

/** `synth` of a one-profile spec in-process: its exit code and the error lines (`spec.json:L:C: field: message [RULE]`). */
async function synth(profileSpec: Record<string, unknown>, top: Record<string, unknown> = {}): Promise<{ code: number; errors: string[] }> {
  const cwd = writeSpec({ ...top, profiles: [profileSpec] });
  const { code, stderr } = await runCli(['synth', 'spec.json', '-o', 'out', '-q'], cwd);
  const errors = stderr
    .split('\n')
    .filter((line) => /^ {4}spec\.json:\d+:\d+: /.test(line))
    .map((line) => line.trim());
  return { code, errors };
}

/** Runs the launcher as a user does (`node bin/run.js cli …`) and times it. */
function launch(args: string[], cwd: string): { status: number | null; stdout: string; stderr: string; seconds: number } {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [path.join(ROOT, 'bin/run.js'), 'cli', ...args], { cwd, encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

/** A spec whose one policy document is the file `policy.json`. */
const SPEC_WITH_DOCUMENT_FILE = { profiles: [profile({ policies: [{ name: 'BigPolicy', document: 'file://policy.json' }] })] };

describe('policy documents over their IAM size quota', () => {
  beforeAll(() => {
    // The launcher compiles the sources when they changed: that is not what is timed below.
    const warmUp = spawnSync(process.execPath, [path.join(ROOT, 'bin/run.js'), 'cli', '--version'], { encoding: 'utf8' });
    expect(warmUp.status).toBe(0);
  }, 300_000);

  /** The document file is compact JSON: IAM counts every one of its characters. */
  const overQuota = (document: string) =>
    new RegExp(
      `error\\s+IAM_POLICY_SIZE\\s+-\\s+profiles\\[0\\]\\.policies\\[0\\]\\.document \\(line \\d+\\)\\s+the policy document is ${document.length.toLocaleString('en-US')} characters \\(whitespace not counted\\); a managed policy holds at most 6,144`,
    );
  /** A file this large is not even read: 16 MiB is thousands of times any IAM quota. */
  const overFileLimit = () =>
    /error\s+SPEC_SCHEMA\s+-\s+profiles\[0\]\.policies\[0\]\.document \(line \d+\)\s+policy document file "file:\/\/policy\.json" is 47\.7 MiB; at most 16 MiB is read/;

  it.each([
    ['6.4 MB', 6_400_000, overQuota],
    ['50 MB', 50_000_000, overFileLimit],
  ])('refuses a %s Resource string from its size alone, at once, with exit 1', (_label, length, limit) => {
    const document = JSON.stringify(policy({ ...READ, Resource: `arn:aws:s3:::app-bucket/${'a'.repeat(length)}` }));
    const cwd = writeSpec(SPEC_WITH_DOCUMENT_FILE, { 'policy.json': document });
    const run = launch(['check', 'spec.json'], cwd);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(limit(document));
    // Nothing else read the document: its string reached no ARN or action check.
    expect(run.stdout).toMatch(/^1 error, 0 warnings, 0 suppressed$/m);
    expect(run.stderr).not.toMatch(/internal error|^\s+at /m);
    // It ended by itself, at once (it took minutes, or never ended): `npm run bench` measures how fast.
    expect(run.seconds).toBeLessThan(10);
  });

  it('refuses a 6.4 MB policy given inline in the spec the same way', () => {
    const cwd = writeSpec({
      profiles: [profile({ policies: [{ name: 'BigPolicy', document: policy({ ...READ, Resource: `arn:aws:s3:::b/${'a'.repeat(6_400_000)}` }) }] })],
    });
    const run = launch(['check', 'spec.json'], cwd);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(
      /IAM_POLICY_SIZE .* the policy document is 6,400,\d{3} characters \(whitespace not counted\); a managed policy holds at most 6,144/,
    );
    // It ended by itself, at once (it took minutes, or never ended): `npm run bench` measures how fast.
    expect(run.seconds).toBeLessThan(10);
  });

  it('refuses a trust policy over 2,048 characters with its own quota', async () => {
    const trust = policy({
      Effect: 'Allow',
      Principal: { Service: 'ec2.amazonaws.com' },
      Action: 'sts:AssumeRole',
      Condition: { StringEquals: { 'aws:SourceAccount': '1'.repeat(3000) } },
    });
    expect(await synth(profile({ role: { name: 'AppRole', trustPolicy: trust } }))).toEqual({
      code: 1,
      errors: [
        expect.stringMatching(
          /^spec\.json:\d+:\d+: profiles\[0\]\.role\.trustPolicy: the trust policy is 3,\d{3} characters \(whitespace not counted\); IAM allows 2,048 by default \(the quota can be raised to 4,096 in Service Quotas\) \[IAM_TRUST_POLICY_SIZE\]$/,
        ),
      ],
    });
  });

  it('refuses a string longer than the quota even when whitespace keeps the document under it', async () => {
    const padded = policy({ ...READ, Condition: { StringLike: { 'aws:UserAgent': `agent${' '.repeat(7000)}` } } });
    expect(await synth(profile({ policies: [{ name: 'AppPolicy', document: padded }] }))).toEqual({
      code: 1,
      errors: [
        expect.stringMatching(
          /^spec\.json:\d+:\d+: profiles\[0\]\.policies\[0\]\.document\.Statement\[0\]\.Condition\.StringLike\["aws:UserAgent"\]: a string of 7,005 characters \(7,000 of them whitespace\) is longer than the policy document may be \(6,144 characters, whitespace not counted\), and no string that long is read: remove the whitespace \[IAM_POLICY_SIZE\]$/,
        ),
      ],
    });
  });

  it('answers within seconds for wildcards that make a regular expression backtrack exponentially', async () => {
    const started = Date.now();
    const hostile = policy({ Effect: 'Allow', Action: [`ec2:${'*e'.repeat(20)}*q`, `s3:${'*?'.repeat(20)}*q`], Resource: '*' });
    const { code, errors } = await synth(profile({ policies: [{ name: 'AppPolicy', document: hostile }] }));
    expect(code).toBe(1);
    expect(errors).toEqual([
      expect.stringContaining(`"ec2:${'*e'.repeat(20)}*q" matches no action of ec2; a wildcard must match at least one action [IAM_ACTION_MATCHES_NOTHING]`),
      expect.stringContaining(`"s3:${'*?'.repeat(20)}*q" matches no action of s3; a wildcard must match at least one action [IAM_ACTION_MATCHES_NOTHING]`),
    ]);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});

describe('ARNs of another partition than the stack', () => {
  const CHINA = { region: 'cn-north-1' };
  const GOVCLOUD = { region: 'us-gov-west-1' };
  /** The passing profile, its policy in aws-cn. */
  const chinaProfile = (changes: Record<string, unknown>) =>
    profile({ policies: [{ name: 'AppPolicy', document: policy({ ...READ, Resource: 'arn:aws-cn:s3:::app-bucket/*' }) }], ...changes });

  it.each([
    ['aws-cn', CHINA, 'cn-north-1'],
    ['aws-us-gov', GOVCLOUD, 'us-gov-west-1'],
  ])('refuses an arn:aws: resource in an %s stack, as IAM does', async (partition, top, region) => {
    expect(await synth(profile(), top)).toEqual({
      code: 1,
      errors: [
        expect.stringMatching(
          new RegExp(
            `^spec\\.json:\\d+:\\d+: profiles\\[0\\]\\.policies\\[0\\]\\.document\\.Statement\\[0\\]\\.Resource: "arn:aws:s3:::app-bucket/\\*" is in partition aws, but the stack deploys to ${region}, in partition ${partition}; ` +
              `IAM refuses it \\(MalformedPolicyDocument: Partition "aws" is not valid for resource "arn:aws:s3:::app-bucket/\\*"\\): write "arn:${partition}:s3:::app-bucket/\\*" \\[IAM_ARN_PARTITION\\]$`,
          ),
        ),
      ],
    });
  });

  it("accepts the stack's own partition and the wildcard partition IAM takes, in NotResource too", async () => {
    const own = policy({ ...READ, Resource: ['arn:aws-cn:s3:::app-bucket/*', 'arn:*:s3:::other-bucket/*'] });
    const negated = policy({ Effect: 'Deny', Action: 's3:DeleteObject', NotResource: 'arn:aws-cn:s3:::app-bucket/*' });
    expect(
      await synth(
        profile({
          policies: [
            { name: 'AppPolicy', document: own },
            { name: 'DenyPolicy', document: negated },
          ],
        }),
        CHINA,
      ),
    ).toEqual({ code: 0, errors: [] });
  });

  it('refuses a NotResource, a partition pattern that cannot match the stack, and a policy variable as partition', async () => {
    const document = policy({
      Effect: 'Deny',
      Action: 's3:DeleteObject',
      NotResource: ['arn:aws:s3:::app-bucket/*', 'arn:aws-us-*:s3:::bkt/*', 'arn:${aws:username}:s3:::bkt/*'],
    });
    const { code, errors } = await synth(
      profile({
        policies: [
          { name: 'AppPolicy', document: policy(READ) },
          { name: 'DenyPolicy', document },
        ],
      }),
    );
    expect(code).toBe(1);
    expect(errors).toEqual([
      expect.stringContaining(
        'NotResource[1]: "arn:aws-us-*:s3:::bkt/*" has the partition pattern "aws-us-*", which does not match aws; the stack deploys to us-east-1, in partition aws, so it names nothing there: write "arn:aws:s3:::bkt/*" [IAM_ARN_PARTITION]',
      ),
      expect.stringContaining(
        'NotResource[2]: "arn:${aws:username}:s3:::bkt/*" has the policy variable "${aws:username}" as its partition, which IAM does not replace there but reads as a partition name; the stack deploys to us-east-1, in partition aws; ' +
          'IAM refuses it (MalformedPolicyDocument: Partition "${aws:username}" is not valid for resource "arn:${aws:username}:s3:::bkt/*"): write "arn:aws:s3:::bkt/*" [IAM_ARN_PARTITION]',
      ),
    ]);
  });

  it('refuses aws-us-gov permissions boundaries and managed policy ARNs in an aws-cn stack, and takes them by name', async () => {
    const role = {
      name: 'AppRole',
      permissionsBoundary: 'arn:aws-us-gov:iam::aws:policy/ReadOnlyAccess',
      managedPolicies: ['arn:aws-us-gov:iam::aws:policy/AmazonSSMManagedInstanceCore', 'arn:aws:iam::123456789012:policy/TeamPolicy'],
    };
    const { code, errors } = await synth(chinaProfile({ role }), CHINA);
    expect(code).toBe(1);
    const refusal = "IAM refuses a policy ARN of another partition (an AWS-managed policy given by name gets the stack's partition)";
    expect(errors).toEqual([
      expect.stringMatching(
        new RegExp(
          `profiles\\[0\\]\\.role\\.managedPolicies\\[0\\]: "arn:aws-us-gov:iam::aws:policy/AmazonSSMManagedInstanceCore" is in partition aws-us-gov, but the stack deploys to cn-north-1, in partition aws-cn; ${escape(refusal)}: write "arn:aws-cn:iam::aws:policy/AmazonSSMManagedInstanceCore" \\[IAM_ARN_PARTITION\\]$`,
        ),
      ),
      expect.stringContaining(
        `profiles[0].role.managedPolicies[1]: "arn:aws:iam::123456789012:policy/TeamPolicy" is in partition aws, but the stack deploys to cn-north-1, in partition aws-cn; ${refusal}: write "arn:aws-cn:iam::123456789012:policy/TeamPolicy" [IAM_ARN_PARTITION]`,
      ),
      expect.stringContaining(
        `profiles[0].role.permissionsBoundary: "arn:aws-us-gov:iam::aws:policy/ReadOnlyAccess" is in partition aws-us-gov, but the stack deploys to cn-north-1, in partition aws-cn; ${refusal}: write "arn:aws-cn:iam::aws:policy/ReadOnlyAccess" [IAM_ARN_PARTITION]`,
      ),
    ]);
    const byName = { name: 'AppRole', permissionsBoundary: 'ReadOnlyAccess', managedPolicies: ['AmazonSSMManagedInstanceCore'] };
    expect(await synth(chinaProfile({ role: byName }), CHINA)).toEqual({ code: 0, errors: [] });
  });

  it('refuses a trust policy principal ARN of another partition', async () => {
    const trustPolicy = policy({
      Effect: 'Allow',
      Principal: { Service: 'ec2.amazonaws.com.cn', AWS: ['arn:aws:iam::123456789012:role/Deployer', 'arn:aws-cn:iam::123456789012:role/Deployer'] },
      Action: 'sts:AssumeRole',
    });
    expect(await synth(chinaProfile({ role: { name: 'AppRole', trustPolicy } }), CHINA)).toEqual({
      code: 1,
      errors: [
        expect.stringContaining(
          'profiles[0].role.trustPolicy.Statement[0].Principal.AWS[0]: AWS principal "arn:aws:iam::123456789012:role/Deployer" is in partition aws, but the stack deploys to cn-north-1, in partition aws-cn; ' +
            'IAM refuses a principal of another partition (MalformedPolicyDocument: Invalid principal in policy): write "arn:aws-cn:iam::123456789012:role/Deployer" [IAM_ARN_PARTITION]',
        ),
      ],
    });
  });
});

describe("EC2's units and shapes", () => {
  const withUserData = (userData: string) => profile({ instance: { ami: 'ami-0123456789abcdef0', monitoring: true, userData } });

  it('counts user data in UTF-8 bytes: 16,384 bytes pass, in ASCII or not', async () => {
    expect(await synth(withUserData('a'.repeat(16_384)))).toEqual({ code: 0, errors: [] });
    expect(await synth(withUserData('é'.repeat(8_192)))).toEqual({ code: 0, errors: [] });
  });

  it.each([
    ['ASCII', 'a'.repeat(16_385), '16,385 bytes of UTF-8 (16,385 characters)'],
    ['two-byte characters', `#!/bin/sh\n${'é'.repeat(16_000)}`, '32,010 bytes of UTF-8 (16,010 characters)'],
    ['four-byte characters', '😀'.repeat(4_097), '16,388 bytes of UTF-8 (4,097 characters)'],
  ])('refuses user data over 16 KB (%s)', async (_label, userData, size) => {
    expect(await synth(withUserData(userData))).toEqual({
      code: 1,
      errors: [
        expect.stringMatching(
          new RegExp(
            `^spec\\.json:\\d+:\\d+: profiles\\[0\\]\\.instance\\.userData: the user data is ${escape(size)}; EC2 takes at most 16,384 bytes \\(16 KB\\) of it, counted before the base64 encoding the provider applies: keep the script short and fetch the rest at boot \\(from S3 or SSM Parameter Store\\) \\[EC2_USER_DATA_SIZE\\]$`,
          ),
        ),
      ],
    });
  });

  it.each([
    ['ami', 'ami-0123abcd'],
    ['ami', 'ami-0123456789abcdef0'],
    ['existingId', 'i-1234abcd'],
    ['existingId', 'i-0123456789abcdef0'],
    ['subnetId', 'subnet-1234abcd'],
  ])('accepts an id of 8 or 17 hexadecimal digits (%s %s)', async (field, id) => {
    expect(await synth(profile({ instance: { ami: 'ami-0123456789abcdef0', monitoring: true, [field]: id } }))).toEqual({ code: 0, errors: [] });
  });

  it.each([
    ['ami', 'ami-0123456789ab', 'an AMI id like "ami-0123456789abcdef0": it has 12 hexadecimal digits; EC2 ids have 8 or 17'],
    ['existingId', 'i-0123456789ab', 'an instance id like "i-0123456789abcdef0": it has 12 hexadecimal digits; EC2 ids have 8 or 17'],
    ['existingId', 'i-0123456789ABCDEF0', 'an instance id like "i-0123456789abcdef0": EC2 writes ids in lower case'],
    ['subnetId', 'subnet-0123456789', 'a subnet id like "subnet-0123456789abcdef0": it has 10 hexadecimal digits; EC2 ids have 8 or 17'],
  ])('refuses an id of another length or case (%s %s)', async (field, id, allowed) => {
    expect(await synth(profile({ instance: { ami: 'ami-0123456789abcdef0', monitoring: true, [field]: id } }))).toEqual({
      code: 1,
      errors: [
        expect.stringMatching(
          new RegExp(`^spec\\.json:\\d+:\\d+: profiles\\[0\\]\\.instance\\.${field}: "${escape(id)}" is not ${escape(allowed)} \\[SPEC_SCHEMA\\]$`),
        ),
      ],
    });
  });
});

describe('empty element lists, refused as IAM refuses them', () => {
  const ACTIONS = 'IAM refuses a statement without actions (MalformedPolicyDocument: Policy statement must contain actions): give at least one entry';
  const RESOURCES = 'IAM refuses a statement without resources (MalformedPolicyDocument: Policy statement must contain resources): give at least one entry';

  it.each([
    ['Action', { ...READ, Action: [] }, ACTIONS],
    ['Resource', { ...READ, Resource: [] }, RESOURCES],
    ['NotAction', { Effect: 'Deny', NotAction: [], Resource: 'arn:aws:s3:::app-bucket/*' }, ACTIONS],
    ['NotResource', { Effect: 'Deny', Action: 's3:DeleteObject', NotResource: [] }, RESOURCES],
  ])('refuses an empty %s list', async (element, statement, refusal) => {
    const documents = [
      { name: 'AppPolicy', document: policy(READ) },
      { name: 'EmptyPolicy', document: policy(statement) },
    ];
    expect(await synth(profile({ policies: documents }))).toEqual({
      code: 1,
      errors: [
        expect.stringMatching(
          new RegExp(
            `^spec\\.json:\\d+:\\d+: profiles\\[0\\]\\.policies\\[1\\]\\.document\\.Statement\\[0\\]\\.${element}: "${element}" is an empty list; ${escape(refusal)} \\[IAM_POLICY_ELEMENT\\]$`,
          ),
        ),
      ],
    });
  });

  it('refuses an empty principal list and an empty Principal mapping in a trust policy', async () => {
    const trustPolicy = {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com', AWS: [] }, Action: 'sts:AssumeRole' },
        { Effect: 'Allow', Principal: {}, Action: 'sts:AssumeRole' },
      ],
    };
    expect(await synth(profile({ role: { name: 'AppRole', trustPolicy } }))).toEqual({
      code: 1,
      errors: [
        expect.stringContaining(
          'profiles[0].role.trustPolicy.Statement[0].Principal.AWS: "Principal.AWS" is an empty list; IAM refuses a principal element without principals (MalformedPolicyDocument: Invalid principal in policy): give at least one entry [IAM_POLICY_ELEMENT]',
        ),
        expect.stringContaining(
          'profiles[0].role.trustPolicy.Statement[1].Principal: "Principal" is an empty mapping; IAM refuses a principal element without principals (MalformedPolicyDocument: Invalid principal in policy): name who may assume the role, e.g. {"Service": "ec2.amazonaws.com"} [IAM_POLICY_ELEMENT]',
        ),
      ],
    });
  });
});

describe('account quotas, before synthesis', () => {
  it('refuses a 10,000-profile fleet in one account at once, with exit 1 and the quota it breaks', () => {
    const cwd = writeSpec(fleetSpec(10_000, 'one'));
    const run = launch(['check', 'spec.json'], cwd);
    expect(run.status).toBe(1);
    expect(run.stdout.split('\n').filter((line) => line.startsWith('error'))).toEqual([
      expect.stringMatching(
        /^error\s+IAM_ACCOUNT_QUOTA\s+-\s+accountId \(line 3\)\s+10,000 roles in account 100000000000, across 20 stacks; IAM allows at most 5,000 roles per account: spread the fleet over more accounts$/,
      ),
      expect.stringMatching(
        /^error\s+IAM_ACCOUNT_QUOTA\s+-\s+accountId \(line 3\)\s+10,000 instance profiles in account 100000000000, across 20 stacks; IAM allows at most 5,000 instance profiles per account: spread the fleet over more accounts$/,
      ),
    ]);
    // Nothing was synthesized: no finding of a stack (the 10,000 instances' monitoring warnings) is there.
    expect(run.stdout).toMatch(/^2 errors, 0 warnings, 0 suppressed$/m);
    // It ended by itself, at once (it took minutes, or never ended): `npm run bench` measures how fast.
    expect(run.seconds).toBeLessThan(10);
  });

  it('lets a fleet over the default quota but within the maximum through to synthesis (a warning there, not a refusal)', () => {
    const cwd = writeSpec(fleetSpec(1_001, 'one'));
    expect(problemsBeforeSynthesis(readSpec(path.join(cwd, 'spec.json')))).toBeUndefined();
  });

  it('counts each account of the environments apart', () => {
    const cwd = writeSpec(fleetSpec(4_000, 2));
    expect(problemsBeforeSynthesis(readSpec(path.join(cwd, 'spec.json')))).toBeUndefined();
    const crowded = writeSpec(fleetSpec(6_000, 'one'));
    expect(problemsBeforeSynthesis(readSpec(path.join(crowded, 'spec.json')))?.map((finding) => [finding.rule, finding.level, finding.path])).toEqual([
      ['IAM_ACCOUNT_QUOTA', 'error', ['accountId']],
      ['IAM_ACCOUNT_QUOTA', 'error', ['accountId']],
    ]);
  });
});

/** `text` as a literal in a regular expression. */
function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
