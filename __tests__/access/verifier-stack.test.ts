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
    second.policies = second.policies.map((policy: { name: string }) => ({ ...policy, name: `${policy.name}2` }));
    spec.profiles.push(second);
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
    expect(whole[0].problems.map((problem) => problem.fieldPath)).toEqual(['profiles[0].role.managedPolicies[1]', 'profiles[0].role.permissionsBoundary']);
    expect(whole.map((result) => result.rows.filter((row) => row.kind === 'trust').map((row) => row.fieldPath))).toEqual([
      ['profiles[0].role', 'profiles[0].role'],
      ['profiles[1].role.trustPolicy', 'profiles[1].role.trustPolicy'],
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
    expect(sent.resources).toBe(stack.resources);
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
