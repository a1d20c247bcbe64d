import { describeRequest, toIamRequest } from '../../src/access/request';
import { parsePolicyReference } from '../../src/access/policy-reference';

describe('S3 shorthand', () => {
  test.each([
    ['put s3://b/k', 's3:PutObject', 'arn:aws:s3:::b/k'],
    ['get s3://b/dir/k.txt', 's3:GetObject', 'arn:aws:s3:::b/dir/k.txt'],
    ['delete s3://b/k', 's3:DeleteObject', 'arn:aws:s3:::b/k'],
    ['list s3://b', 's3:ListBucket', 'arn:aws:s3:::b'],
  ])('%s is %s on %s', (shorthand, action, resource) => {
    expect(toIamRequest(shorthand, 'aws')).toEqual({ request: { action, resource, context: {} } });
  });

  test('list with a prefix sets s3:prefix', () => {
    expect(toIamRequest('list s3://b/logs/2024/', 'aws')).toEqual({
      request: { action: 's3:ListBucket', resource: 'arn:aws:s3:::b', context: { 's3:prefix': 'logs/2024/' } },
    });
  });

  test('ARNs are built for the partition', () => {
    expect(toIamRequest('put s3://b/k', 'aws-cn').request?.resource).toBe('arn:aws-cn:s3:::b/k');
    expect(toIamRequest('list s3://b', 'aws-us-gov').request?.resource).toBe('arn:aws-us-gov:s3:::b');
  });

  test.each(['put s3://b', 'get s3://b/', 'delete s3://b'])('%s names no object: a problem', (shorthand) => {
    const { problem } = toIamRequest(shorthand, 'aws');
    expect(problem).toMatch(/names no object: \w+ acts on an object, write \w+ s3:\/\/b\/<key>/);
  });

  test.each(['copy s3://b/k', 'put b/k', 'toString s3://b/k', 'put s3:///k'])('%s is not a shorthand', (text) => {
    expect(toIamRequest(text, 'aws').problem).toContain('is not an S3 request');
  });

  test('object requests are kept, context included', () => {
    const request = { action: 'kms:Decrypt', resource: 'arn:aws:kms:us-east-1:123456789012:key/k', context: { 'aws:SourceIp': '203.0.113.7' } };
    expect(toIamRequest(request, 'aws')).toEqual({ request });
    expect(describeRequest(request)).toBe('kms:Decrypt arn:aws:kms:us-east-1:123456789012:key/k [aws:SourceIp=203.0.113.7]');
    expect(describeRequest('put s3://b/k')).toBe('put s3://b/k');
  });
});

describe('policy references', () => {
  test.each([
    ['AmazonS3ReadOnlyAccess', { kind: 'aws-managed', name: 'AmazonS3ReadOnlyAccess', path: '/' }],
    ['service-role/AmazonEC2RoleforSSM', { kind: 'aws-managed', name: 'AmazonEC2RoleforSSM', path: '/service-role/' }],
    ['arn:aws-cn:iam::aws:policy/AmazonS3ReadOnlyAccess', { kind: 'aws-managed', name: 'AmazonS3ReadOnlyAccess', path: '/' }],
    ['arn:aws:iam::111122223333:policy/team/Shared', { kind: 'customer', account: '111122223333', name: 'Shared', path: '/team/' }],
    ['arn:aws:s3:::bucket', { kind: 'invalid' }],
  ])('%s', (given, expected) => {
    expect(parsePolicyReference(given)).toMatchObject({ given, ...expected });
  });
});
