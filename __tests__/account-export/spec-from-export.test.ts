import * as path from 'path';
import { readAuthorizationDetails } from '../../src/account-export/authorization-details';
import { readAssociations, readInstances } from '../../src/account-export/ec2-outputs';
import { regionOfInstances, regionOfZone } from '../../src/account-export/export-place';
import { documentPath } from '../../src/account-export/import-documents';
import { matchesGlob, parseTagCriterion } from '../../src/account-export/import-selection';
import { joinAccountExport } from '../../src/account-export/join-export';
import { specFromExport } from '../../src/account-export/spec-from-export';
import { importedSpecText } from '../../src/account-export/spec-yaml';
import { parseYamlText } from '../../src/spec/parse-text';
import { SpecError } from '../../src/spec/spec-error';

const FIXTURES = path.join(__dirname, '../fixtures/account-export');
const fixture = (name: string) => path.join(FIXTURES, name);
const details = readAuthorizationDetails([fixture('account/authorization-details.json')]);
const instances = readInstances(fixture('account/describe-instances.json'));
const associations = readAssociations(fixture('account/describe-iam-instance-profile-associations.json'));
const join = joinAccountExport(details, instances, associations);
const WALKTHROUGH = { details, instances, join };

describe('specFromExport on the walkthrough export', () => {
  const imported = specFromExport(WALKTHROUGH);

  it('describes each instance profile as an adopted profile, in name order, documents as files', () => {
    expect(imported.spec).toEqual({
      stack: 'account-111122223333',
      region: 'us-east-1',
      accountId: '111122223333',
      profiles: [
        {
          adopt: true,
          policies: [{ name: 'S3WritePolicy', path: '/', document: 'file://policies/S3WritePolicy.json' }],
          role: { name: 'S3WriteRole', path: '/', trustPolicy: 'file://trust/S3WriteRole.json' },
          instanceProfile: { name: 'S3WriteProfile', path: '/' },
          instance: { existingId: 'i-0abcd1234ef567890' },
          expectations: [
            {
              allow: 'put s3://instance-profile-test1/probe',
              description: 'S3WritePolicy statement 0 allows s3:PutObject on arn:aws:s3:::instance-profile-test1/*',
            },
            { allow: 'list s3://instance-profile-test1', description: 'S3WritePolicy statement 1 allows s3:ListBucket on arn:aws:s3:::instance-profile-test1' },
            {
              deny: 'put s3://instance-profile-test1-not-granted/probe',
              description: 'no policy allows s3:PutObject on instance-profile-test1-not-granted, a bucket no policy names',
            },
          ],
        },
        {
          adopt: true,
          role: {
            name: 'WebServerRole',
            path: '/',
            trustPolicy: 'file://trust/WebServerRole.json',
            permissionsBoundary: 'arn:aws:iam::111122223333:policy/S3WritePolicy',
            permissionsBoundaryDocument: 'file://policies/S3WritePolicy.json',
            managedPolicies: ['AmazonSSMManagedInstanceCore'],
            inlinePolicies: [{ name: 'WebServerLogs', document: 'file://inline-policies/WebServerRole.WebServerLogs.json' }],
            tags: { team: 'web' },
          },
          instanceProfile: { name: 'WebServerRole', path: '/' },
          instance: { existingId: 'i-0123456789abcdef0' },
        },
      ],
    });
    expect(imported.profiles).toEqual(['S3WriteProfile', 'WebServerRole']);
  });

  it("writes the default version's document, each trust policy and each inline policy", () => {
    const policy = details.policies.find((candidate) => candidate.name === 'S3WritePolicy')!;
    expect([...imported.documents.keys()]).toEqual([
      'inline-policies/WebServerRole.WebServerLogs.json',
      'policies/S3WritePolicy.json',
      'trust/S3WriteRole.json',
      'trust/WebServerRole.json',
    ]);
    expect(imported.documents.get('inline-policies/WebServerRole.WebServerLogs.json')).toEqual(details.roles[1].inlinePolicies[0].document);
    expect(imported.documents.get('policies/S3WritePolicy.json')).toEqual(policy.document);
    expect((policy.document.Statement as unknown[]).length).toBe(2); // v2, the default
    expect(imported.documents.get('trust/WebServerRole.json')).toEqual(details.roles[1].trustPolicy);
  });

  it('summarizes what the spec cannot express, each with what was done', () => {
    expect(imported.summary.map(({ subject, finding }) => `${subject} ${finding}`)).toEqual([
      'instance profile WebServerRole gets no expectation proposed: no Allow of its policies names an S3 bucket the expectations can write out',
      'role AWSServiceRoleForSupport is service-linked',
      'instance i-0fedcba9876543210 uses the instance profile arn:aws:iam::111122223333:instance-profile/LegacyProfile, which is not in the export',
      'policy S3WritePolicy is attached to user deploy-bot and group Developers as well',
      'roles S3WriteRole and WebServerRole have no description or maximum session duration in the export (get-account-authorization-details leaves them out)',
    ]);
    expect(imported.summary.every((item) => item.action.length > 10)).toBe(true);
    expect(imported.summary[1].action).toBe('left out: AWS creates and deletes it');
  });

  it('is the same text every time, with its header', () => {
    const sources = { accounts: [{ pages: ['iam.json'] }], instances: ['instances.json'], associations: ['associations.json'] };
    const text = importedSpecText(imported.spec, sources);
    expect(importedSpecText(specFromExport(WALKTHROUGH).spec, sources)).toBe(text);
    expect(text).toMatch(/^# Imported by `instance-profile import` from the account export:\n# {3}aws iam get-account-authorization-details: iam.json\n/);
    expect(text).toContain('`synth` adopts every resource with import blocks');
    expect(text).toContain('accountId: "111122223333"');
    const parsed = parseYamlText(text);
    expect(parsed.ok && parsed.value).toEqual(imported.spec);
  });

  it('puts the documents inline when asked', () => {
    const inline = specFromExport({ ...WALKTHROUGH, documents: 'inline' });
    expect(inline.documents.size).toBe(0);
    expect((inline.spec.profiles as any)[0].policies[0].document).toEqual(details.policies[0].document);
  });
});

describe('choosing instance profiles', () => {
  it('selects by glob, path and tag', () => {
    expect(specFromExport({ ...WALKTHROUGH, selection: { profile: 'Web*' } }).profiles).toEqual(['WebServerRole']);
    expect(specFromExport({ ...WALKTHROUGH, selection: { profile: 'S3Write?rofile' } }).profiles).toEqual(['S3WriteProfile']);
    expect(specFromExport({ ...WALKTHROUGH, selection: { tag: { key: 'team', value: 'web' } } }).profiles).toEqual(['WebServerRole']);
    expect(specFromExport({ ...WALKTHROUGH, selection: { path: '/' } }).profiles).toHaveLength(2);
  });

  it('refuses a selection that takes nothing, naming the profiles there are', () => {
    expect(() => specFromExport({ ...WALKTHROUGH, selection: { path: '/team/' } })).toThrow(
      'no instance profile of the export matches --path /team/; its instance profiles: S3WriteProfile, WebServerRole',
    );
    expect(() => specFromExport({ ...WALKTHROUGH, selection: { profile: 'x' } })).toThrow(SpecError);
  });

  it('takes a role held by two profiles once, and adopts no instance of a profile several use', () => {
    const [s3Write, webServer] = details.instanceProfiles;
    const twice = { ...webServer, name: 'S3WriteProfile2', arn: `${s3Write.arn}2`, roles: s3Write.roles };
    const twoInstances = {
      ...join,
      profiles: [
        {
          profile: s3Write,
          instances: [
            { instanceId: 'i-1', source: 'instance' as const },
            { instanceId: 'i-2', source: 'instance' as const },
          ],
        },
        { profile: twice, instances: [] },
      ],
    };
    const imported = specFromExport({ details, instances, join: twoInstances });
    expect(imported.profiles).toEqual(['S3WriteProfile']);
    expect((imported.spec.profiles as any)[0].instance).toBeUndefined();
    expect(imported.summary.slice(0, 2).map(({ subject, finding, action }) => `${subject} ${finding}; ${action}`)).toEqual([
      'instance profile S3WriteProfile2 holds the role S3WriteRole, which instance profile S3WriteProfile holds too; left out: the role is imported with S3WriteProfile, and each profile of the spec has a role of its own',
      'instance profile S3WriteProfile is used by 2 instances (i-1 and i-2); no instance was adopted (instance.existingId takes one); they keep the profile, unmanaged',
    ]);
  });

  it('gives an AWS-managed boundary by name, and says so', () => {
    const roles = details.roles.map((role) =>
      role.name === 'WebServerRole' ? { ...role, permissionsBoundaryArn: 'arn:aws:iam::aws:policy/PowerUserAccess' } : role,
    );
    const imported = specFromExport({ ...WALKTHROUGH, details: { ...details, roles } });
    expect((imported.spec.profiles as any)[1].role.permissionsBoundary).toBe('PowerUserAccess');
    expect(imported.summary.map((item) => `${item.subject} ${item.finding}`)).toContain(
      'role WebServerRole has the AWS-managed permissions boundary PowerUserAccess',
    );
  });

  it('leaves the region at its default when the zones disagree, and says so', () => {
    const apart = instances.map((instance, index) => ({ ...instance, availabilityZone: index ? 'us-east-1a' : 'eu-west-1b' }));
    const imported = specFromExport({ ...WALKTHROUGH, instances: apart });
    expect(imported.spec.region).toBeUndefined();
    expect(imported.summary.at(-1)).toEqual({
      subject: 'the region',
      finding: expect.stringMatching(/^is not known: the instances' availability zones are in eu-west-1 \(i-0abcd1234ef567890\), us-east-1 \(/),
      action: 'left at the default us-east-1; set region in the spec',
    });
  });
});

describe('the pieces', () => {
  it('matches globs of * and ? only', () => {
    expect(matchesGlob('web-*', 'web-prod')).toBe(true);
    expect(matchesGlob('web-?', 'web-10')).toBe(false);
    expect(matchesGlob('a.b', 'aXb')).toBe(false);
    expect(matchesGlob('[ab]', 'a')).toBe(false);
  });

  it('reads key=value tags', () => {
    expect(parseTagCriterion('team=web=x')).toEqual({ key: 'team', value: 'web=x' });
    expect(parseTagCriterion('=web')).toBeUndefined();
  });

  it('finds the region of a zone', () => {
    expect(['us-east-1a', 'us-west-2-lax-1a', 'us-gov-west-1b', 'mars-1a'].map(regionOfZone)).toEqual(['us-east-1', 'us-west-2', 'us-gov-west-1', undefined]);
    expect(regionOfInstances([])).toEqual({ why: 'no instances were given (--instances)' });
  });

  it('refuses a document name that could leave its folder', () => {
    expect(documentPath('policy', 'S3WritePolicy', 'iam.json')).toBe('policies/S3WritePolicy.json');
    for (const name of ['..', '../x', 'a/b', '']) expect(() => documentPath('trust', name, 'iam.json')).toThrow(SpecError);
  });
});
