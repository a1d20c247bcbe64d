import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';
import { IamInstanceProfile } from '@cdktf/provider-aws/lib/iam-instance-profile';
import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { Instance } from '@cdktf/provider-aws/lib/instance';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { SEED_POLICY_DOCUMENT } from '../../src/spec/default-spec';
import { defaultSpec, ref, synthSpec } from '../helpers/synth';

const SEED_TYPES = [IamPolicy, IamRole, IamRolePolicyAttachment, IamInstanceProfile, Instance];

describe('InstanceProfileStack with the built-in default', () => {
  const { json, config } = synthSpec(defaultSpec());

  it('creates S3WritePolicy with the walkthrough document', () => {
    expect(json).toHaveResourceWithProperties(IamPolicy, {
      name: 'S3WritePolicy',
      path: '/',
      policy: ref('jsonencode(local.s3_write_policy_document)'),
    });
    expect(config.locals.s3_write_policy_document).toEqual(SEED_POLICY_DOCUMENT);
  });

  it('creates S3WriteRole trusted by the EC2 service principal of the partition', () => {
    expect(json).toHaveResourceWithProperties(IamRole, {
      name: 'S3WriteRole',
      assume_role_policy: ref('jsonencode(local.s3_write_role_trust_policy)'),
      max_session_duration: 3600,
    });
    expect(config.locals.s3_write_role_trust_policy).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Service: 'ec2.${data.aws_partition.current.dns_suffix}' },
          Action: 'sts:AssumeRole',
        },
      ],
    });
    expect(json).toHaveDataSource(DataAwsPartition);
  });

  it('attaches the policy to the role by reference', () => {
    expect(json).toHaveResourceWithProperties(IamRolePolicyAttachment, {
      role: ref('aws_iam_role.s3_write_role.name'),
      policy_arn: ref('aws_iam_policy.s3_write_policy.arn'),
    });
  });

  it('creates S3WriteProfile, named apart from the role, holding the role by reference', () => {
    expect(json).toHaveResourceWithProperties(IamInstanceProfile, {
      name: 'S3WriteProfile',
      role: ref('aws_iam_role.s3_write_role.name'),
    });
  });

  it('launches the instance with the profile by reference and safe defaults', () => {
    expect(json).toHaveResourceWithProperties(Instance, {
      iam_instance_profile: ref('aws_iam_instance_profile.s3_write_profile.name'),
      instance_type: 't3.micro',
      associate_public_ip_address: false,
      metadata_options: { http_endpoint: 'enabled', http_tokens: 'required', http_put_response_hop_limit: 1 },
      root_block_device: { encrypted: true, volume_type: 'gp3' },
      tags: { Name: 's3-writer' },
    });
  });

  it('holds exactly one of each of the five resource types and nothing else', () => {
    expect(Object.keys(config.resource).sort()).toEqual(SEED_TYPES.map((type) => type.tfResourceType).sort());
    for (const type of SEED_TYPES) expect(Object.keys(config.resource[type.tfResourceType])).toHaveLength(1);
  });

  it('emits one output for the profile: its role, instance profile and instance identifiers', () => {
    expect(Object.fromEntries(Object.entries(config.output).map(([name, output]) => [name, output.value]))).toEqual({
      s3_write_profile: {
        role_arn: ref('aws_iam_role.s3_write_role.arn'),
        role_name: ref('aws_iam_role.s3_write_role.name'),
        instance_profile_name: ref('aws_iam_instance_profile.s3_write_profile.name'),
        instance_profile_arn: ref('aws_iam_instance_profile.s3_write_profile.arn'),
        instance_id: ref('aws_instance.s3_write.id'),
      },
    });
  });

  it('keeps state in a relative local path and configures the region and default tags', () => {
    expect(config.terraform.backend).toEqual({ local: { path: 'terraform.s3-write.tfstate' } });
    expect(json).toHaveProviderWithProperties(AwsProvider, {
      region: 'us-east-1',
      default_tags: [{ tags: { ManagedBy: 'instance-profile-cdktf' } }],
    });
  });

  it('matches the snapshot', () => {
    // The parsed configuration, so the snapshot does not depend on how the CDK lays out its JSON text (cdktf and CDK Terrain differ).
    expect(config).toMatchSnapshot();
  });
});

describe('InstanceProfileStack with several profiles', () => {
  it('synthesizes every profile', () => {
    const spec = defaultSpec();
    spec.profiles.push({ role: { name: 'LogsRole' }, instanceProfile: { name: 'LogsProfile' }, instance: { ami: 'ami-0123456789abcdef0' } });
    const { config } = synthSpec(spec);
    expect(Object.keys(config.resource.aws_iam_role).sort()).toEqual(['logs_role', 's3_write_role']);
    expect(Object.keys(config.resource.aws_iam_instance_profile).sort()).toEqual(['logs_profile', 's3_write_profile']);
    // An instance is named after its profile without the word "profile"; the output keeps the profile's name.
    expect(Object.keys(config.resource.aws_instance).sort()).toEqual(['logs', 's3_write']);
    expect(Object.keys(config.output).sort()).toEqual(['logs_profile', 's3_write_profile']);
    expect(config.output.logs_profile.value.instance_id).toBe(ref('aws_instance.logs.id'));
  });

  it('keeps Terraform names when profiles are reordered', () => {
    const spec = defaultSpec();
    spec.profiles.unshift({ role: { name: 'FirstRole' } });
    const { json } = synthSpec(spec);
    expect(json).toHaveResourceWithProperties(IamRolePolicyAttachment, {
      role: ref('aws_iam_role.s3_write_role.name'),
      policy_arn: ref('aws_iam_policy.s3_write_policy.arn'),
    });
  });

  it('names the instance profile after the role when no name is given', () => {
    const { json } = synthSpec({ profiles: [{ role: { name: 'WebRole' } }] });
    expect(json).toHaveResourceWithProperties(IamInstanceProfile, { name: 'WebRole', role: ref('aws_iam_role.web_role.name') });
  });

  it('creates no instance and no instance output for a profile without one', () => {
    const { json, config } = synthSpec({ profiles: [{ role: { name: 'WebRole' } }] });
    expect(json).not.toHaveResource(Instance);
    expect(config.output.web_role.value).toEqual({
      role_arn: ref('aws_iam_role.web_role.arn'),
      role_name: ref('aws_iam_role.web_role.name'),
      instance_profile_name: ref('aws_iam_instance_profile.web_role.name'),
      instance_profile_arn: ref('aws_iam_instance_profile.web_role.arn'),
    });
  });
});
