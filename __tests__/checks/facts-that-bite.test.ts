/**
 * Facts that bite in real accounts (issue 29, point 5): a bucket name S3 cannot have in a policy
 * ARN, one AMI id launched in two regions, and the tool's own defaults tripping its own rules.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseSpec } from '../../src/spec/load-spec';
import { formatFieldPath } from '../../src/spec/spec-error';
import { runCli } from '../helpers/run-cli';
import { tempDir } from '../helpers/temp-dirs';
import { checkSpecOf, compliantProfile, findingsOf, FIXTURES, ofRule, profileWithStatement } from './helpers';

const AMI = 'ami-0123456789abcdef0';

describe('bucket names in S3 ARNs of Resource and NotResource', () => {
  const findingsFor = async (statement: Record<string, unknown>) => ofRule(await findingsOf(profileWithStatement(statement)), 'IAM_RESOURCE_BUCKET_NAME');

  it('refuses an uppercase bucket name with the reason and the name it was meant to be, at the ARN', async () => {
    const findings = await findingsFor({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::Acme-Data/*' });
    expect(findings).toEqual([
      expect.objectContaining({
        level: 'error',
        message: expect.stringContaining('names the bucket "Acme-Data", which S3 does not allow: uppercase letters are not allowed; did you mean "acme-data"?'),
      }),
    ]);
    expect(formatFieldPath(findings[0].path)).toBe('profiles[0].policies[0].document.Statement[0].Resource');
  });

  it('refuses underscores and names of the wrong length, in NotResource too, one error per ARN', async () => {
    const findings = await findingsFor({
      Effect: 'Deny',
      Action: 's3:*',
      NotResource: ['arn:aws:s3:::my_bucket', 'arn:aws:s3:::ab/*', `arn:aws:s3:::${'a'.repeat(64)}`, 'arn:aws:s3:::fine-bucket/*'],
    });
    expect(findings.map((finding) => [formatFieldPath(finding.path), finding.message.replace(/^.*does not allow: /, '')])).toEqual([
      [
        'profiles[0].policies[0].document.Statement[0].NotResource[0]',
        'underscores are not allowed; did you mean "my-bucket"? (the ARN would match no bucket)',
      ],
      ['profiles[0].policies[0].document.Statement[0].NotResource[1]', 'it is 2 characters, and bucket names have 3 to 63 (the ARN would match no bucket)'],
      ['profiles[0].policies[0].document.Statement[0].NotResource[2]', 'it is 64 characters, and bucket names have 3 to 63 (the ARN would match no bucket)'],
    ]);
  });

  it('leaves alone bucket parts with wildcards or policy variables, and S3 ARNs that name no bucket', async () => {
    const findings = await findingsFor({
      Effect: 'Allow',
      Action: 's3:GetObject',
      Resource: [
        'arn:aws:s3:::Acme-*/*',
        'arn:aws:s3:::logs_?/*',
        'arn:aws:s3:::${aws:PrincipalTag/Team}_Data/*',
        'arn:aws:s3:us-east-1:123456789012:accesspoint/My_AP/object/*',
      ],
    });
    expect(findings).toEqual([]);
  });

  it('accepts the bucket names S3 allows (the compliant profile has none to report)', async () => {
    expect(await findingsOf(compliantProfile())).toEqual([]);
  });
});

describe('one AMI id in two regions', () => {
  /** A spec of one profile deployed to a us-east-1 and an eu-west-1 environment, in accounts of their own. */
  const twoRegions = (top: Record<string, unknown> = {}, instance: Record<string, unknown> = { ami: AMI, monitoring: true }) =>
    parseSpec(
      {
        region: 'us-east-1',
        environments: {
          dev: { accountId: '111111111111' },
          prod: { region: 'eu-west-1', accountId: '222222222222' },
        },
        ...top,
        profiles: [{ ...compliantProfile(), instance }],
      },
      'fixture.yaml',
      FIXTURES,
    );

  it('warns once, at the AMI field, naming both regions and the fields they come from', async () => {
    const findings = ofRule(await checkSpecOf(twoRegions()), 'EC2_AMI_REGION');
    expect(findings).toEqual([
      expect.objectContaining({
        level: 'warning',
        path: ['profiles', 0, 'instance', 'ami'],
        message: expect.stringMatching(
          /^"ami-0123456789abcdef0" is launched in eu-west-1 \(environments\.prod\.region\) and, by profiles\[0\]\.instance\.ami, in us-east-1 \(region\); AMI ids are regional .*InvalidAMIID\.NotFound/,
        ),
      }),
    ]);
  });

  it('warns across two profiles of one region and another, naming the other profile', async () => {
    const loaded = parseSpec(
      {
        region: 'us-east-1',
        environments: { east: { accountId: '111111111111' }, west: { region: 'us-west-2', accountId: '222222222222' } },
        profiles: [
          { ...compliantProfile(), environments: ['east'], instance: { ami: AMI, monitoring: true } },
          {
            ...compliantProfile(),
            instanceProfile: { name: 'OtherProfile' },
            role: { name: 'OtherRole' },
            environments: ['west'],
            instance: { ami: AMI, monitoring: true },
          },
        ],
      },
      'fixture.yaml',
      FIXTURES,
    );
    const findings = ofRule(await checkSpecOf(loaded), 'EC2_AMI_REGION');
    expect(findings.map((finding) => [formatFieldPath(finding.path), finding.message.split(';')[0]])).toEqual([
      [
        'profiles[1].instance.ami',
        '"ami-0123456789abcdef0" is launched in us-west-2 (environments.west.region) and, by profiles[0].instance.ami, in us-east-1 (region)',
      ],
    ]);
  });

  it("says nothing when each region's environment gives its own AMI id through a variable", async () => {
    const loaded = twoRegions(
      {
        variables: { ami_id: { default: AMI } },
        environments: {
          dev: { accountId: '111111111111' },
          prod: { region: 'eu-west-1', accountId: '222222222222', variables: { ami_id: 'ami-0fedcba9876543210' } },
        },
      },
      { ami: '{{var.ami_id}}', monitoring: true },
    );
    expect(ofRule(await checkSpecOf(loaded), 'EC2_AMI_REGION')).toEqual([]);
  });

  it('says nothing when the other region adopts an instance that exists: it launches nothing there', async () => {
    const loaded = twoRegions(
      {
        variables: { shipper: { default: '' } },
        environments: {
          dev: { accountId: '111111111111' },
          prod: { region: 'eu-west-1', accountId: '222222222222', variables: { shipper: 'i-0bbbbbbbbbbbbbbbb' } },
        },
      },
      { ami: AMI, monitoring: true, existingId: '{{var.shipper}}' },
    );
    expect(loaded.spec.environmentProfiles.prod[0].instance?.existingId).toBe('i-0bbbbbbbbbbbbbbbb');
    expect(ofRule(await checkSpecOf(loaded), 'EC2_AMI_REGION')).toEqual([]);
  });

  it('says nothing when every environment is in the same region', async () => {
    const loaded = twoRegions({ environments: { dev: { accountId: '111111111111' }, prod: { accountId: '222222222222' } } });
    expect(ofRule(await checkSpecOf(loaded), 'EC2_AMI_REGION')).toEqual([]);
  });
});

describe("the tool's own defaults", () => {
  const requiredOnly = { role: { name: 'R' }, instance: { ami: AMI } };

  it('trip none of its rules: a profile of required fields only has no finding', async () => {
    expect(await findingsOf(requiredOnly, { stack: 's' })).toEqual([]);
  });

  it('leave EC2_DETAILED_MONITORING for a spec that turns monitoring off itself', async () => {
    const findings = await findingsOf({ ...requiredOnly, instance: { ami: AMI, monitoring: false } }, { stack: 's' });
    expect(findings).toEqual([
      expect.objectContaining({ rule: 'EC2_DETAILED_MONITORING', level: 'warning', severity: 'low', path: ['profiles', 0, 'instance', 'monitoring'] }),
    ]);
  });

  it('leave a suppression of EC2_DETAILED_MONITORING on a defaulted profile matching nothing, and say so', async () => {
    const findings = await findingsOf(
      { ...requiredOnly, suppressions: [{ rule: 'EC2_DETAILED_MONITORING', reason: 'basic metrics are enough' }] },
      { stack: 's' },
    );
    expect(findings.map((finding) => finding.rule)).toEqual(['SUPPRESSION_UNUSED']);
  });

  it('print no finding when synth runs on a spec of required fields only', async () => {
    const cwd = tempDir('facts-');
    fs.writeFileSync(
      path.join(cwd, 'minimal.yaml'),
      ['stack: s', 'region: us-east-1', 'profiles:', '  - role: { name: R }', `    instance: { ami: ${AMI} }`, ''].join('\n'),
    );
    const { code, stderr } = await runCli(['synth', 'minimal.yaml', '-o', 'out'], cwd);
    expect(code).toBe(0);
    expect(stderr.split('\n')).toEqual(['spec: minimal.yaml (1 profile)', expect.stringMatching(/^done in \d+ ms$/)]);
    expect(stderr).not.toMatch(/warning|finding|suppressed|EC2_/i);
  });
});
