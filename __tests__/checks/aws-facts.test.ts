import * as fs from 'fs';
import * as path from 'path';
import { CHECK_IDS } from '../../src/checks/check-ids';
import { main } from '../../src/cli/main';
import { SECURE_DEFAULTS } from '../../src/secure-defaults';
import { awsPartitions, closestRegion, dnsSuffixOf, isKnownRegion, partitionOf, REGION_DATA_PACKAGE, regionDataSource } from '../../src/facts/aws-regions';
import {
  closestInstanceType,
  ec2InstanceTypes,
  INSTANCE_TYPE_DATA_PACKAGE,
  instanceTypeDataSource,
  isKnownInstanceType,
  sizesOfFamily,
} from '../../src/facts/ec2-instance-types';
import { installedPackage, readDataExport } from '../../src/facts/package-data';
import { partitionOfRegion } from '../../src/partition';
import { ec2PrincipalUnder } from '../../src/iam/ec2-principal';
import { parseSpec } from '../../src/spec/load-spec';
import { tempDir } from '../helpers/temp-dirs';
import { checkSpecOf, compliantProfile, FIXTURES, findingsOf, ofRule } from './helpers';

const PACKAGE_JSON = JSON.parse(fs.readFileSync(path.join(__dirname, '../../package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
};

describe('package data', () => {
  it('reads one export of a data module', () => {
    const types = readDataExport({ packageName: INSTANCE_TYPE_DATA_PACKAGE, file: 'dist-es/models/enums.js', exportName: '_InstanceType' });
    expect(Object.values(types as Record<string, string>)).toContain('t3.micro');
  });

  it('fails naming the package and version when the export is not there', () => {
    const version = installedPackage(INSTANCE_TYPE_DATA_PACKAGE).version;
    expect(() => readDataExport({ packageName: INSTANCE_TYPE_DATA_PACKAGE, file: 'dist-es/models/enums.js', exportName: 'NoSuchEnum' })).toThrow(
      `NoSuchEnum of ${INSTANCE_TYPE_DATA_PACKAGE} ${version} (dist-es/models/enums.js): no such export`,
    );
    expect(() => readDataExport({ packageName: INSTANCE_TYPE_DATA_PACKAGE, file: 'dist-es/no-such-file.js', exportName: '_InstanceType' })).toThrow(
      'the file does not exist',
    );
  });

  it('reads the versions pinned in package.json', () => {
    for (const name of [REGION_DATA_PACKAGE, INSTANCE_TYPE_DATA_PACKAGE]) {
      expect(PACKAGE_JSON.dependencies[name]).toMatch(/^\d+\.\d+\.\d+$/);
      expect(installedPackage(name).version).toBe(PACKAGE_JSON.dependencies[name]);
    }
    expect(regionDataSource()).toBe(`${REGION_DATA_PACKAGE} ${PACKAGE_JSON.dependencies[REGION_DATA_PACKAGE]}`);
    expect(instanceTypeDataSource()).toBe(`${INSTANCE_TYPE_DATA_PACKAGE} ${PACKAGE_JSON.dependencies[INSTANCE_TYPE_DATA_PACKAGE]}`);
  });
});

describe('aws regions', () => {
  it('gives the partition of a region', () => {
    expect(partitionOfRegion('us-east-1')).toBe('aws');
    expect(partitionOfRegion('cn-north-1')).toBe('aws-cn');
    expect(partitionOfRegion('us-gov-west-1')).toBe('aws-us-gov');
    expect(partitionOfRegion('us-iso-east-1')).toBe('aws-iso');
    expect(partitionOfRegion('us-isob-east-1')).toBe('aws-iso-b');
  });

  it('falls back to the partition whose pattern the region matches, then to the first partition', () => {
    expect(partitionOf('us-gov-east-9')?.id).toBe('aws-us-gov');
    expect(partitionOfRegion('cn-south-9')).toBe('aws-cn');
    expect(partitionOf('zz-nowhere-1')).toBeUndefined();
    expect(partitionOfRegion('zz-nowhere-1')).toBe('aws');
  });

  it('gives the DNS suffix of a partition', () => {
    expect(dnsSuffixOf('aws')).toBe('amazonaws.com');
    expect(dnsSuffixOf('aws-cn')).toBe('amazonaws.com.cn');
    expect(ec2PrincipalUnder(dnsSuffixOf('aws-cn'))).toBe('ec2.amazonaws.com.cn');
    expect(() => dnsSuffixOf('aws-mars')).toThrow('unknown AWS partition "aws-mars"');
  });

  it('knows listed regions, not typos that only match a pattern, nor pseudo-regions', () => {
    expect(isKnownRegion('us-east-1')).toBe(true);
    expect(isKnownRegion('cn-northwest-1')).toBe(true);
    expect(isKnownRegion('us-east-7')).toBe(false);
    expect(awsPartitions()[0].regionPattern.test('us-east-7')).toBe(true);
    expect(isKnownRegion('aws-global')).toBe(false);
  });

  it('suggests the closest region', () => {
    expect(closestRegion('us-east-7')).toBe('us-east-1');
    expect(closestRegion('eu-wset-1')).toBe('eu-west-1');
    expect(closestRegion('zz-nowhere-1')).toBeUndefined();
  });
});

describe('ec2 instance types', () => {
  it('reads the instance types of the EC2 model', () => {
    const types = ec2InstanceTypes();
    expect(types.length).toBeGreaterThan(500);
    for (const type of types) expect(type).toMatch(/^[a-z][a-z0-9-]*\.[a-z0-9-]+$/);
    expect(isKnownInstanceType('t3.micro')).toBe(true);
    expect(isKnownInstanceType('t3.micr0')).toBe(false);
  });

  it('knows the default instance type', () => {
    expect(isKnownInstanceType(SECURE_DEFAULTS.instanceType)).toBe(true);
  });

  it('suggests the closest instance type, or lists the sizes of the family', () => {
    expect(closestInstanceType('t3.micr0')).toBe('t3.micro');
    expect(closestInstanceType('t3.gigantic')).toBeUndefined();
    expect(sizesOfFamily('t3.gigantic')).toEqual(expect.arrayContaining(['t3.nano', 't3.micro', 't3.2xlarge']));
    expect(sizesOfFamily('qq7.large')).toEqual([]);
  });
});

describe('checkAwsFacts (through checkSpec)', () => {
  const regionErrors = async (top: Record<string, unknown>) => ofRule(await findingsOf(compliantProfile(), top), CHECK_IDS.unknownRegion);

  it('passes known regions everywhere', async () => {
    const top = {
      region: 'eu-west-1',
      backend: { type: 's3', bucket: 'my-state-bucket', region: 'us-west-2' },
      environments: { prod: { region: 'cn-north-1', backend: { type: 's3', bucket: 'cn-state-bucket', region: 'cn-northwest-1' } } },
    };
    expect(await regionErrors(top)).toEqual([]);
  });

  it('fails for an unknown top-level region, with a suggestion', async () => {
    const [finding] = await regionErrors({ region: 'us-east-7' });
    expect(finding).toMatchObject({ level: 'error', path: ['region'] });
    expect(finding.message).toBe(
      `"us-east-7" is not an AWS region; did you mean us-east-1? (regions of ${regionDataSource()}; a region opened since needs a newer version)`,
    );
  });

  it('fails for an unknown environment region', async () => {
    const findings = await regionErrors({ environments: { prod: { region: 'eu-wset-1' } } });
    expect(findings).toEqual([
      expect.objectContaining({ path: ['environments', 'prod', 'region'], message: expect.stringContaining('did you mean eu-west-1?') }),
    ]);
  });

  it('fails for an unknown backend region, top-level and per environment', async () => {
    const findings = await regionErrors({
      backend: { type: 's3', bucket: 'my-state-bucket', region: 'us-wset-2' },
      environments: { cn: { region: 'cn-north-1', backend: { type: 's3', bucket: 'cn-state-bucket', region: 'cn-nrth-1' } } },
    });
    expect(findings.map((finding) => [finding.path, finding.message.match(/did you mean (\S+)\?/)?.[1]])).toEqual([
      [['backend', 'region'], 'us-west-2'],
      [['environments', 'cn', 'backend', 'region'], 'cn-north-1'],
    ]);
  });

  it('lists the regions of the partition when no region is close', async () => {
    const [finding] = await regionErrors({ region: 'us-nowhere-1' });
    expect(finding.message).toContain('"us-nowhere-1" is not an AWS region; the regions of partition aws are ');
    expect(finding.message).toContain('us-east-1');
  });

  it('passes a known instance type', async () => {
    const profile = compliantProfile();
    profile.instance = { ...(profile.instance as object), instanceType: 'm7g.large' };
    expect(ofRule(await findingsOf(profile), CHECK_IDS.unknownInstanceType)).toEqual([]);
  });

  it('fails for an unknown instance type, with a suggestion and the profile', async () => {
    const profile = compliantProfile();
    profile.instance = { ...(profile.instance as object), instanceType: 't3.micr0' };
    const findings = ofRule(await findingsOf(profile), CHECK_IDS.unknownInstanceType);
    expect(findings).toEqual([
      expect.objectContaining({
        level: 'error',
        path: ['profiles', 0, 'instance', 'instanceType'],
        profile: 'AppProfile',
        message: `"t3.micr0" is not an EC2 instance type; did you mean t3.micro? (instance types from ${instanceTypeDataSource()})`,
      }),
    ]);
  });

  it('lists the sizes of the family when no instance type is close', async () => {
    const profile = compliantProfile();
    profile.instance = { ...(profile.instance as object), instanceType: 't3.gigantic' };
    const [finding] = ofRule(await findingsOf(profile), CHECK_IDS.unknownInstanceType);
    expect(finding.message).toMatch(/^"t3\.gigantic" is not an EC2 instance type; the sizes of t3 are .*t3\.micro/);
  });

  it('checks the instance types of fleet-expanded profiles, at the item', async () => {
    const profile = compliantProfile();
    const template = {
      ...profile,
      policies: [{ ...(profile.policies as object[])[0], name: '{{team}}Policy' }],
      role: { name: '{{team}}Role' },
      instanceProfile: { name: '{{team}}Profile' },
      instance: { ...(profile.instance as object), instanceType: '{{type}}' },
    };
    const loaded = parseSpec(
      {
        region: 'us-east-1',
        fleets: [
          {
            template,
            items: [
              { team: 'A', type: 't3.micro' },
              { team: 'B', type: 'c7g.lareg' },
            ],
          },
        ],
      },
      'fixture.yaml',
      FIXTURES,
    );
    const findings = ofRule(await checkSpecOf(loaded), CHECK_IDS.unknownInstanceType);
    expect(findings).toEqual([
      expect.objectContaining({
        path: ['fleets', 0, 'items', 1, 'instance', 'instanceType'],
        profile: 'BProfile',
        message: expect.stringContaining('did you mean c7g.large?'),
      }),
    ]);
  });
});

describe('synth command with an unknown region', () => {
  it('exits 1 naming file, line, field and suggestion, and writes nothing', async () => {
    const cwd = tempDir('aws-facts-');
    const spec = [
      'region: us-east-7',
      'profiles:',
      '  - role: { name: AppRole }',
      '    policies: []',
      '    instance: { ami: ami-0123456789abcdef0, instanceType: t3.micr0, monitoring: true }',
      '',
    ].join('\n');
    fs.writeFileSync(path.join(cwd, 'spec.yaml'), spec);
    const stderr: string[] = [];
    const spies = [
      jest.spyOn(console, 'error').mockImplementation((...args) => void stderr.push(args.join(' '))),
      jest.spyOn(console, 'log').mockImplementation(() => undefined),
      jest.spyOn(process.stdout, 'write').mockImplementation(() => true),
    ];
    const previous = process.cwd();
    process.chdir(cwd);
    let code: number;
    try {
      code = await main(['synth', 'spec.yaml', '--out', 'out']);
    } finally {
      process.chdir(previous);
      for (const spy of spies) spy.mockRestore();
    }
    const output = stderr.join('\n');
    expect(code).toBe(1);
    expect(output).toContain('spec.yaml:1:9: region: "us-east-7" is not an AWS region; did you mean us-east-1?');
    expect(output).toContain('[AWS_UNKNOWN_REGION]');
    expect(output).toMatch(/spec\.yaml:5:\d+: profiles\[0\]\.instance\.instanceType: "t3\.micr0" is not an EC2 instance type; did you mean t3\.micro\?/);
    expect(fs.existsSync(path.join(cwd, 'out'))).toBe(false);
  });
});
