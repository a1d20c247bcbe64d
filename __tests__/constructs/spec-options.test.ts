import { IamInstanceProfile } from '@cdktf/provider-aws/lib/iam-instance-profile';
import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { Instance } from '@cdktf/provider-aws/lib/instance';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import * as fs from 'fs';
import * as path from 'path';
import { defaultSpec, FIXTURES, ref, synthFixture, synthSpec } from '../helpers/synth';

const readFixture = (file: string) => JSON.parse(fs.readFileSync(path.join(FIXTURES, file), 'utf8'));

describe('spec options (all-options fixture)', () => {
  const { json, config } = synthFixture('all-options.yaml');

  describe('top level', () => {
    it('sets the provider region and default tags', () => {
      expect(json).toHaveProviderWithProperties(AwsProvider, {
        region: 'eu-west-1',
        default_tags: [{ tags: { Team: 'platform', CostCenter: '1234' } }],
      });
    });

    it('uses the given relative state path', () => {
      expect(config.terraform.backend).toEqual({ local: { path: 'state/all-options.tfstate' } });
    });
  });

  describe('policies', () => {
    it('sets name, description and path', () => {
      expect(json).toHaveResourceWithProperties(IamPolicy, {
        name: 'AppBucketWrite',
        description: 'Write to the app bucket',
        path: '/app/',
        policy: ref('jsonencode(local.app_bucket_write_document)'),
      });
    });

    it('reads documents from files, with and without the file:// prefix, relative to the spec', () => {
      expect(config.locals.app_bucket_write_document).toEqual(readFixture('policies/app-bucket-write.json'));
      expect(config.locals.app_logs_read_document).toEqual(readFixture('policies/app-logs-read.json'));
    });

    it('keeps IAM policy variables literal by escaping Terraform template sequences', () => {
      const statement = (config.locals.app_self_read_document.Statement as Array<Record<string, unknown>>)[0];
      expect(statement.Resource).toBe('arn:aws:s3:::app-home/$${aws:username}/*');
    });
  });

  describe('role', () => {
    it('sets path, description, session duration, boundary by ARN and tags', () => {
      expect(json).toHaveResourceWithProperties(IamRole, {
        name: 'AppRole',
        path: '/app/',
        description: 'Role of the app servers',
        max_session_duration: 7200,
        permissions_boundary: 'arn:aws:iam::123456789012:policy/AppBoundary',
        tags: { Role: 'app' },
      });
    });

    it('uses the given trust document', () => {
      expect(config.locals.app_role_trust_policy).toEqual(readFixture('policies/trust-ec2.json'));
    });

    it('builds AWS-managed policy ARNs for the partition, and keeps given ARNs', () => {
      expect(json).toHaveResourceWithProperties(IamRolePolicyAttachment, {
        role: ref('aws_iam_role.app_role.name'),
        policy_arn: 'arn:${data.aws_partition.current.partition}:iam::aws:policy/AmazonSSMManagedInstanceCore',
      });
      expect(json).toHaveResourceWithProperties(IamRolePolicyAttachment, {
        role: ref('aws_iam_role.app_role.name'),
        policy_arn: 'arn:aws:iam::123456789012:policy/SharedRead',
      });
      expect(json).toHaveResourceWithProperties(IamRolePolicyAttachment, {
        role: ref('aws_iam_role.batch_role.name'),
        policy_arn: 'arn:${data.aws_partition.current.partition}:iam::aws:policy/service-role/AmazonEC2RoleforSSM',
      });
    });

    it('attaches every customer-managed and managed policy once', () => {
      expect(Object.keys(config.resource.aws_iam_role_policy_attachment).sort()).toEqual(
        [
          'batch_role_amazon_ec2_rolefor_ssm',
          'app_role_amazon_ssm_managed_instance_core',
          'app_role_app_bucket_write',
          'app_role_app_logs_read',
          'app_role_app_self_read',
          'app_role_shared_read',
        ].sort(),
      );
    });

    it('builds a permissions boundary ARN from an AWS-managed policy name', () => {
      expect(json).toHaveResourceWithProperties(IamRole, {
        name: 'BatchRole',
        permissions_boundary: 'arn:${data.aws_partition.current.partition}:iam::aws:policy/PowerUserAccess',
      });
    });
  });

  describe('instance profile', () => {
    it('sets name, path and tags', () => {
      expect(json).toHaveResourceWithProperties(IamInstanceProfile, {
        name: 'AppInstanceProfile',
        path: '/app/',
        role: ref('aws_iam_role.app_role.name'),
        tags: { Profile: 'app' },
      });
    });
  });

  describe('instance', () => {
    it('sets every instance option', () => {
      expect(json).toHaveResourceWithProperties(Instance, {
        ami: 'ami-0123456789abcdef0',
        instance_type: 'm7g.large',
        subnet_id: 'subnet-0123456789abcdef0',
        vpc_security_group_ids: ['sg-0123456789abcdef0', 'sg-0fedcba9876543210'],
        key_name: 'ops',
        associate_public_ip_address: true,
        iam_instance_profile: ref('aws_iam_instance_profile.app_instance_profile.name'),
        root_block_device: {
          volume_size: 40,
          volume_type: 'io2',
          encrypted: true,
          kms_key_id: 'arn:aws:kms:eu-west-1:123456789012:key/11111111-2222-3333-4444-555555555555',
        },
        tags: { Name: 'app-1', Tier: 'web' },
      });
    });

    it('sets monitoring, EBS optimization and user data, keeping IAM-style variables literal', () => {
      const instance = config.resource.aws_instance.app as Record<string, unknown>;
      expect(instance.monitoring).toBe(true);
      expect(instance.ebs_optimized).toBe(false);
      expect(instance.user_data).toBe('#!/bin/bash\necho "home is $${HOME}" > /opt/hello\n');
    });

    it('keeps IMDSv2 required when other options are set', () => {
      expect(json).toHaveResourceWithProperties(Instance, {
        metadata_options: { http_endpoint: 'enabled', http_tokens: 'required', http_put_response_hop_limit: 1 },
      });
    });
  });
});

describe('spec defaults', () => {
  it('defaults the stack name, region and backend', () => {
    const { stack, config } = synthSpec({ profiles: [{ role: { name: 'R' } }] });
    expect(stack.node.id).toBe('instance-profiles');
    expect(config.provider.aws[0].region).toBe('us-east-1');
    expect(config.provider.aws[0].default_tags).toBeUndefined();
    expect(config.terraform.backend).toEqual({ local: { path: 'terraform.instance-profiles.tfstate' } });
  });

  it('allows an unencrypted root volume only when asked', () => {
    const spec = defaultSpec();
    spec.profiles[0].instance.rootVolume = { encrypted: false };
    expect(synthSpec(spec).json).toHaveResourceWithProperties(Instance, { root_block_device: { encrypted: false, volume_type: 'gp3' } });
  });
});
