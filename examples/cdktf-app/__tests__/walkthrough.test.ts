import * as path from 'path';
import { IamInstanceProfile } from '@cdktf/provider-aws/lib/iam-instance-profile';
import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { Instance } from '@cdktf/provider-aws/lib/instance';
import { App, Testing, TerraformStack } from 'cdktf';
import { InstanceProfileChain, validateStackOffline } from 'instance-profile-cdktf';
import { WalkthroughStack } from '../main';

function walkthrough(): WalkthroughStack {
  return new WalkthroughStack(Testing.app(), 'walkthrough');
}

describe('the walkthrough built with the library', () => {
  const synthesized = Testing.synth(walkthrough());

  it('creates the role, the policy, the instance profile and the instance', () => {
    expect(synthesized).toHaveResourceWithProperties(IamRole, { name: 'S3WriteRole' });
    expect(synthesized).toHaveResourceWithProperties(IamPolicy, { name: 'S3WritePolicy' });
    expect(synthesized).toHaveResourceWithProperties(IamInstanceProfile, { name: 'S3WriteProfile', role: '${aws_iam_role.s3_write_role.name}' });
    expect(synthesized).toHaveResourceWithProperties(Instance, {
      iam_instance_profile: '${aws_iam_instance_profile.s3_write_profile.name}',
      metadata_options: { http_tokens: 'required', http_put_response_hop_limit: 1, http_endpoint: 'enabled' },
    });
  });

  it('grants exactly the walkthrough: s3:PutObject on the objects and s3:ListBucket on the bucket', () => {
    const locals = JSON.parse(synthesized).locals as Record<string, { Statement: unknown[] }>;
    const bucket = `arn:\${data.aws_partition.${partitionName(synthesized)}.partition}:s3:::instance-profile-test1`;
    expect(locals.s3_write_policy_document.Statement).toEqual([
      { Effect: 'Allow', Action: ['s3:PutObject'], Resource: `${bucket}/*` },
      { Effect: 'Allow', Action: 's3:ListBucket', Resource: bucket },
    ]);
  });

  it('lets the instance put test1, not test2, and list test1', async () => {
    const stack = walkthrough();
    await expect(stack).toAllow('S3WriteProfile', 'put s3://instance-profile-test1/writetest');
    await expect(stack).toDeny('S3WriteProfile', 'put s3://instance-profile-test2/writetest');
    await expect(stack).toAllow('S3WriteProfile', 'list s3://instance-profile-test1');
  });

  it('has no finding of medium severity or above', async () => {
    await expect(walkthrough()).toHaveNoFindings();
  });

  it('passes terraform validate, offline', () => {
    const validation = validateStackOffline(walkthrough());
    expect(validation.diagnostics).toEqual([]);
    expect(validation.valid).toBe(true);
  });

  it('fails at synth when a prop breaks an IAM rule', () => {
    const stack = new TerraformStack(new App(), 'invalid');
    new InstanceProfileChain(stack, 'Writer', { role: { name: 'r'.repeat(65) } });
    expect(() => Testing.synth(stack, true)).toThrow(/role\.name: "r+" is 65 characters; at most 64 allowed/);
  });

  it('uses the app’s own copy of cdktf', () => {
    const fromLibrary = require.resolve('cdktf', { paths: [path.dirname(require.resolve('instance-profile-cdktf'))] });
    expect(fromLibrary).toBe(require.resolve('cdktf'));
  });
});

/** The Terraform name cdktf gave the chain's partition data source. */
function partitionName(json: string): string {
  const [name] = Object.keys(JSON.parse(json).data.aws_partition);
  return name;
}
