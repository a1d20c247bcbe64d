import { Testing } from 'cdktf';
import { setupAccessMatchers } from '../../src/pipeline/jest-matchers';
import { buildStacks } from '../../src/app';
import { loadSpec } from '../../src/spec/load-spec';
import { specWith } from './helpers';

setupAccessMatchers();

describe('toAllow / toDeny on a loaded spec', () => {
  const loaded = loadSpec();

  test("the seed's three outcomes", async () => {
    await expect(loaded).toAllow('S3WriteProfile', 'put s3://instance-profile-test1/writetest');
    await expect(loaded).toDeny('S3WriteProfile', 'put s3://instance-profile-test2/writetest');
    await expect(loaded).toAllow('S3WriteProfile', 'list s3://instance-profile-test1');
  });

  test('.not, object requests, and the role name instead of the instance profile name', async () => {
    await expect(loaded).not.toAllow('S3WriteProfile', 'get s3://instance-profile-test1/writetest');
    await expect(loaded).not.toDeny('S3WriteRole', { action: 's3:PutObject', resource: 'arn:aws:s3:::instance-profile-test1/a/b' });
    await expect(loaded).toDeny('S3WriteRole', { action: 'iam:CreateUser', resource: 'arn:aws:iam::123456789012:user/mallory' });
  });

  test('a failing matcher names the deciding statement', async () => {
    await expect(expect(loaded).toAllow('S3WriteProfile', 'put s3://instance-profile-test2/writetest')).rejects.toThrow(
      'expected S3WriteProfile to allow put s3://instance-profile-test2/writetest, but it is implicitly denied: no statement of S3WritePolicy allows it',
    );
    await expect(expect(loaded).not.toAllow('S3WriteProfile', 'list s3://instance-profile-test1')).rejects.toThrow(
      'expected S3WriteProfile not to allow list s3://instance-profile-test1, but it is allowed by S3WritePolicy statement 0',
    );
  });

  test('an explicit Deny', async () => {
    const guarded = specWith((spec) => {
      spec.profiles[0].policies.push({
        name: 'GuardPolicy',
        document: {
          Version: '2012-10-17',
          Statement: [{ Sid: 'NoTmp', Effect: 'Deny', Action: 's3:PutObject', Resource: 'arn:aws:s3:::instance-profile-test1/tmp/*' }],
        },
      });
    });
    await expect(guarded).toDeny('S3WriteProfile', 'put s3://instance-profile-test1/tmp/x');
    await expect(expect(guarded).toAllow('S3WriteProfile', 'put s3://instance-profile-test1/tmp/x')).rejects.toThrow(
      'explicitly denied by GuardPolicy Sid NoTmp',
    );
  });

  test('what cannot be evaluated throws, with or without .not', async () => {
    const shared = specWith((spec) => {
      spec.profiles[0].role.managedPolicies = ['arn:aws:iam::111122223333:policy/Shared'];
    });
    await expect(expect(shared).toAllow('S3WriteProfile', 'put s3://instance-profile-test1/k')).rejects.toThrow(
      'toAllow: S3WriteProfile: put s3://instance-profile-test1/k: cannot evaluate: policy arn:aws:iam::111122223333:policy/Shared is not in this stack',
    );
    await expect(expect(loaded).not.toDeny('S3WriteProfile', 'put s3://instance-profile-test1')).rejects.toThrow('names no object');
    await expect(expect(loaded).toAllow('NoSuchProfile', 'list s3://b')).rejects.toThrow(
      'toAllow: <built-in default> has no instance profile or role named "NoSuchProfile"; its profiles: S3WriteProfile',
    );
    await expect(expect({}).toAllow('S3WriteProfile', 'list s3://b')).rejects.toThrow('expected a LoadedSpec');
  });
});

test('toAllow / toDeny on an InstanceProfileStack', async () => {
  const [stack] = buildStacks(Testing.app(), loadSpec());
  await expect(stack).toAllow('S3WriteProfile', 'put s3://instance-profile-test1/writetest');
  await expect(stack).toDeny('S3WriteProfile', 'put s3://instance-profile-test2/writetest');
});
