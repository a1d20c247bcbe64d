/**
 * What the verification worker is sent of a stack (`verifierStack`): the origins the verifier
 * reads, and no others; deciding on it gives what deciding on the whole stack does, problems and
 * the places they are reported at included.
 */
import { stacksToVerify } from '../../src/access/expectations';
import { decodeStackToVerify, encodeStackToVerify, verifierStack } from '../../src/access/verifier-stack';
import { verifyStacks } from '../../src/access/verify';
import { synthesizeStackModels } from '../../src/pipeline/synthesize';
import { firstProfile, specWith } from './helpers';

describe('the stack the verification worker is sent', () => {
  const loaded = specWith((spec) => {
    const first = firstProfile(spec);
    // Located problems: an attachment by ARN the stack does not hold, and a boundary without its document.
    first.role.managedPolicies = ['AmazonS3ReadOnlyAccess', 'arn:aws:iam::111122223333:policy/Shared'];
    first.role.permissionsBoundary = 'arn:aws:iam::111122223333:policy/Boundary';
    const second = JSON.parse(JSON.stringify(first));
    second.role = {
      name: 'TrustingRole',
      trustPolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
    };
    second.instanceProfile = { name: 'TrustingProfile' };
    // An adopted instance: its id is the role session's (aws:userid, ec2:SourceInstanceARN).
    second.instance = { ...second.instance, existingId: 'i-0fedcba9876543210' };
    second.policies = second.policies.map((policy: { name: string }) => ({ ...policy, name: `${policy.name}2` }));
    // Grants that hold only with what the role session takes from the instance: its id and IMDSv2.
    const onCondition = (bucket: string, condition: object) => ({
      Effect: 'Allow',
      Action: 's3:GetObject',
      Resource: `arn:aws:s3:::${bucket}/*`,
      Condition: condition,
    });
    second.policies.push({
      name: 'FromThisInstance',
      document: {
        Version: '2012-10-17',
        Statement: [
          onCondition('adopted-only', { ArnLike: { 'ec2:SourceInstanceARN': 'arn:aws:ec2:*:*:instance/i-0fedcba9876543210' } }),
          onCondition('imdsv2-only', { StringEquals: { 'ec2:RoleDelivery': '2.0' } }),
        ],
      },
    });
    // A launched instance requires IMDSv2; the adopted one's metadata options are not the stack's.
    const third = JSON.parse(JSON.stringify(second));
    third.role.name = 'LaunchedRole';
    third.instanceProfile = { name: 'LaunchedProfile' };
    third.instance = { ...second.instance, existingId: undefined };
    third.policies = third.policies.map((policy: { name: string }) => ({ ...policy, name: `${policy.name}3` }));
    second.expectations = [{ allow: 'get s3://adopted-only/x' }];
    third.expectations = [{ allow: 'get s3://imdsv2-only/x' }];
    spec.profiles.push(second, third);
  });
  const stacks = synthesizeStackModels(loaded);

  it('decides as the whole stack does', async () => {
    const whole = await verifyStacks(stacksToVerify(loaded, stacks), { now: new Date(0) });
    // As the worker gets them: JSON text of what the verifier reads.
    const sent = await verifyStacks(
      stacksToVerify(loaded, stacks).map((toVerify) => decodeStackToVerify(encodeStackToVerify(toVerify))),
      { now: new Date(0) },
    );
    expect(sent).toEqual(whole);
    expect(whole.slice(1).map((result) => result.rows.filter((row) => row.kind !== 'trust').map((row) => [row.request, row.met]))).toEqual([
      [[expect.stringContaining('adopted-only'), true]],
      [[expect.stringContaining('imdsv2-only'), true]],
    ]);
    expect(whole[0].problems.map((problem) => problem.fieldPath)).toEqual(['profiles[0].role.managedPolicies[1]', 'profiles[0].role.permissionsBoundary']);
    expect(whole.map((result) => result.rows.filter((row) => row.kind === 'trust').map((row) => row.fieldPath))).toEqual([
      ['profiles[0].role', 'profiles[0].role'],
      ['profiles[1].role.trustPolicy', 'profiles[1].role.trustPolicy'],
      ['profiles[2].role.trustPolicy', 'profiles[2].role.trustPolicy'],
    ]);
  });

  it('holds the origins of IAM resources with the arguments the verifier locates, none of the instances', () => {
    const [stack] = stacks;
    const sent = verifierStack(stack);
    const types = (origins: ReadonlyMap<string, unknown>) => [...new Set([...origins.keys()].map((address) => address.split('.')[0]))].sort();
    expect(types(stack.origins)).toContain('aws_instance');
    expect(types(sent.origins)).toEqual(['aws_iam_instance_profile', 'aws_iam_policy', 'aws_iam_role', 'aws_iam_role_policy_attachment']);
    const role = [...sent.origins.entries()].find(([address]) => address.startsWith('aws_iam_role.'))![1];
    expect(Object.keys(role.arguments).every((argument) => /^(assume_role_policy|name|managed_policy_arns|permissions_boundary)(\.|$)/.test(argument))).toBe(
      true,
    );
    // Instances keep what the role session takes from them; every other resource is sent as it is.
    const instance = sent.resources.find((resource) => resource.type === 'aws_instance')!;
    expect(
      Object.keys(instance)
        .filter((key) => (instance as unknown as Record<string, unknown>)[key] !== undefined)
        .sort(),
    ).toEqual(['address', 'iamInstanceProfile', 'ignoreChanges', 'metadataOptions', 'tags', 'tagsAll', 'type']);
    expect(instance.metadataOptions).toEqual({ httpTokens: 'required' });
    expect(sent.resources.filter((resource) => resource.type !== 'aws_instance')).toEqual(
      stack.resources.filter((resource) => resource.type !== 'aws_instance'),
    );
  });

  it('reads back from its JSON text as it was, maps and documents of boundaries made elsewhere included', () => {
    const withBoundary = specWith((spec) => {
      const first = firstProfile(spec);
      first.role.permissionsBoundary = 'arn:aws:iam::111122223333:policy/Boundary';
      first.role.permissionsBoundaryDocument = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] };
    });
    const [toVerify] = stacksToVerify(withBoundary, synthesizeStackModels(withBoundary));
    expect(toVerify.stack.knownPolicies?.size).toBe(1);
    const read = decodeStackToVerify(encodeStackToVerify(toVerify));
    expect(read).toEqual({ stack: verifierStack(toVerify.stack), expectations: toVerify.expectations });
    expect(read.stack.origins).toBeInstanceOf(Map);
    expect(read.stack.knownPolicies).toEqual(toVerify.stack.knownPolicies);
  });
});
