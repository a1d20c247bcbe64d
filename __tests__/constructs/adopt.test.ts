import { Instance } from '@cdktf/provider-aws/lib/instance';
import { ADOPTED_INSTANCE_PLACEHOLDERS, UNMANAGED_INSTANCE_ARGUMENTS } from '../../src/resource-kinds';
import { parseSpec } from '../../src/spec/load-spec';
import { synthesizeStackModels } from '../../src/pipeline/synthesize';
import { defaultSpec, FIXTURES, ref, synthSpec } from '../helpers/synth';

interface ImportBlock {
  to: string;
  id: string;
}

/** How import ids (as the configuration's own ARNs) name the partition. */
const PARTITION = '${data.aws_partition.current.partition}';

const importsOf = (json: string): ImportBlock[] => (JSON.parse(json).import ?? []) as ImportBlock[];

describe('attaching the profile to an existing instance', () => {
  const spec = defaultSpec();
  spec.profiles[0].instance = { existingId: 'i-0123456789abcdef0' };
  const { json, config } = synthSpec(spec);

  it('imports the instance by its id', () => {
    expect(importsOf(json)).toEqual([{ to: 'aws_instance.s3_write', id: 'i-0123456789abcdef0' }]);
  });

  it('sets only the instance profile, protects the instance and ignores every argument the spec does not set', () => {
    expect(json).toHaveResourceWithProperties(Instance, {
      iam_instance_profile: ref('aws_iam_instance_profile.s3_write_profile.name'),
      lifecycle: { prevent_destroy: true, ignore_changes: [...UNMANAGED_INSTANCE_ARGUMENTS] },
    });
    const instance = config.resource.aws_instance.s3_write;
    expect(
      Object.keys(instance)
        .filter((key) => key !== '//')
        .sort(),
    ).toEqual(['ami', 'iam_instance_profile', 'instance_type', 'lifecycle']);
  });

  it('fills the AMI and type the provider requires with ignored placeholders', () => {
    const instance = config.resource.aws_instance.s3_write as Record<string, unknown>;
    expect([instance.ami, instance.instance_type]).toEqual([ADOPTED_INSTANCE_PLACEHOLDERS.ami, ADOPTED_INSTANCE_PLACEHOLDERS.instanceType]);
    expect((instance.lifecycle as { ignore_changes: string[] }).ignore_changes).toEqual(expect.arrayContaining(['ami', 'instance_type']));
  });

  it('manages the arguments the spec sets, and only those', () => {
    const withTags = defaultSpec();
    withTags.profiles[0].instance = { existingId: 'i-0123456789abcdef0', tags: { Owner: 'ops' }, monitoring: true, preventDestroy: false };
    const { config: synthesized } = synthSpec(withTags);
    const instance = synthesized.resource.aws_instance.s3_write as Record<string, any>;
    expect(instance.tags).toEqual({ Owner: 'ops' });
    expect(instance.monitoring).toBe(true);
    expect(instance.lifecycle.prevent_destroy).toBeUndefined();
    expect(instance.lifecycle.ignore_changes).not.toContain('tags');
    expect(instance.lifecycle.ignore_changes).not.toContain('monitoring');
    expect(instance.lifecycle.ignore_changes).toContain('ami');
  });

  it('never manages the AMI of an existing instance, even when the spec names one', () => {
    const withAmi = defaultSpec();
    withAmi.profiles[0].instance = { existingId: 'i-0123456789abcdef0', ami: 'ami-0123456789abcdef0', instanceType: 't3.large' };
    const instance = synthSpec(withAmi).config.resource.aws_instance.s3_write as Record<string, any>;
    expect(instance.ami).toBe('ami-0123456789abcdef0');
    expect(instance.lifecycle.ignore_changes).toContain('ami');
    expect(instance.lifecycle.ignore_changes).not.toContain('instance_type');
  });

  it('requires an AMI to launch a new instance', () => {
    const noAmi = defaultSpec();
    noAmi.profiles[0].instance = { instanceType: 't3.small' };
    expect(() => parseSpec(noAmi, 'spec.yaml', FIXTURES)).toThrow(
      'spec.yaml: profiles[0].instance.ami: is required to launch an instance (or set existingId to attach to one that exists)',
    );
  });
});

describe('adopting hand-made resources', () => {
  const spec = defaultSpec();
  spec.accountId = '123456789012';
  spec.profiles[0].adopt = true;
  spec.profiles[0].role.managedPolicies = ['AmazonSSMManagedInstanceCore'];
  spec.profiles[0].instance = { existingId: 'i-0123456789abcdef0' };
  const { json } = synthSpec(spec);

  it('imports all five resource types with the ids AWS and the provider expect', () => {
    expect(importsOf(json)).toEqual(
      expect.arrayContaining([
        { to: 'aws_iam_policy.s3_write_policy', id: `arn:${PARTITION}:iam::123456789012:policy/S3WritePolicy` },
        { to: 'aws_iam_role.s3_write_role', id: 'S3WriteRole' },
        {
          to: 'aws_iam_role_policy_attachment.s3_write_role_s3_write_policy',
          id: `S3WriteRole/arn:${PARTITION}:iam::123456789012:policy/S3WritePolicy`,
        },
        {
          to: 'aws_iam_role_policy_attachment.s3_write_role_amazon_ssm_managed_instance_core',
          id: `S3WriteRole/arn:${PARTITION}:iam::aws:policy/AmazonSSMManagedInstanceCore`,
        },
        { to: 'aws_iam_instance_profile.s3_write_profile', id: 'S3WriteProfile' },
        { to: 'aws_instance.s3_write', id: 'i-0123456789abcdef0' },
      ]),
    );
    expect(importsOf(json)).toHaveLength(6);
  });

  it('builds policy ARNs for the partition, as the configuration does, and keeps the IAM path', () => {
    const china = defaultSpec();
    china.region = 'cn-north-1';
    china.accountId = '123456789012';
    china.profiles[0].policies[0].path = '/app/';
    china.profiles[0].adopt = { policies: true };
    expect(importsOf(synthSpec(china).json)).toEqual([
      { to: 'aws_iam_policy.s3_write_policy', id: `arn:${PARTITION}:iam::123456789012:policy/app/S3WritePolicy` },
    ]);
    const [stack] = synthesizeStackModels(parseSpec(china, 'spec.yaml', FIXTURES));
    expect(stack.resources.find((resource) => resource.address === 'aws_iam_policy.s3_write_policy')?.importId).toBe(
      'arn:aws-cn:iam::123456789012:policy/app/S3WritePolicy',
    );
  });

  it('adopts only the resources asked for', () => {
    const some = defaultSpec();
    some.profiles[0].adopt = { role: true, instanceProfile: true };
    expect(importsOf(synthSpec(some).json).map((block) => block.to)).toEqual(['aws_iam_role.s3_write_role', 'aws_iam_instance_profile.s3_write_profile']);
  });

  it('needs the account id to adopt customer-managed policies', () => {
    const noAccount = defaultSpec();
    noAccount.profiles[0].adopt = true;
    expect(() => parseSpec(noAccount, 'spec.yaml', FIXTURES)).toThrow('profiles[0].adopt: adopting customer-managed policies');
  });
});

describe('renaming without an instance left behind', () => {
  it('creates a renamed instance profile before destroying the old one', () => {
    const { config } = synthSpec(defaultSpec());
    expect(config.resource.aws_iam_instance_profile.s3_write_profile.lifecycle).toEqual({ create_before_destroy: true });
  });
});
