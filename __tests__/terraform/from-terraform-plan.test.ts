import * as fs from 'fs';
import * as path from 'path';
import { stackModelOfTerraformJson, type TerraformJsonConfig } from '../../src/stack-model/from-terraform-json';
import { stackModelOfPlan } from '../../src/stack-model/from-terraform-plan';
import { PlanFormatError } from '../../src/stack-model/plan-json';
import { identitiesOf } from '../../src/stack-model/identity-chains';
import { isUnknown, type StackModel, type StackResource } from '../../src/stack-model/stack-model';
import { useOfflineTerraform } from '../helpers/offline-terraform';
import { planJsonOf } from '../helpers/plan-fixture';

const terraform = useOfflineTerraform();

/** The resource at `address`, failing the test when the model has none. */
function resourceAt<T extends StackResource['type']>(model: StackModel, address: string, type: T): Extract<StackResource, { type: T }> {
  const resource = model.resources.find((candidate) => candidate.address === address);
  expect(resource).toMatchObject({ type });
  return resource as Extract<StackResource, { type: T }>;
}

/** A deep copy of a plan JSON, for tests that add what Terraform cannot plan offline. */
function copyOf<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

describe('stackModelOfPlan', () => {
  describe('a hand-written root with an IMDSv1 instance', () => {
    let plan: unknown;
    let model: StackModel;
    beforeAll(async () => {
      plan = await planJsonOf('handwritten-imdsv1', { runner: terraform() });
      model = stackModelOfPlan(plan, 'plan.json');
    });

    it('reads the provider: the region from a variable, its partition and DNS suffix, the default tags', () => {
      expect(model.source).toBe('plan.json');
      expect(model.provider).toEqual({
        region: 'eu-west-1',
        regionGiven: true,
        partition: 'aws',
        dnsSuffix: 'amazonaws.com',
        allowedAccountIds: [],
        defaultTags: { Team: 'platform' },
      });
      expect(model.origins.size).toBe(0);
    });

    it('models every managed resource of the modelled types by its address', () => {
      expect(model.resources.map((resource) => resource.address).sort()).toEqual([
        'aws_iam_instance_profile.p',
        'aws_iam_policy.x',
        'aws_iam_role.r',
        'aws_iam_role_policy_attachment.ssm',
        'aws_iam_role_policy_attachment.x',
        'aws_instance.app',
      ]);
    });

    it('reads the policy and the trust policy as documents, and tags_all with the default tags', () => {
      const policy = resourceAt(model, 'aws_iam_policy.x', 'aws_iam_policy');
      expect(policy).toMatchObject({ name: 'AllS3', path: '/', tags: {}, tagsAll: { Team: 'platform' } });
      expect(policy.document).toEqual({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] });
      const role = resourceAt(model, 'aws_iam_role.r', 'aws_iam_role');
      expect(role).toMatchObject({
        name: 'AppRole',
        maxSessionDuration: 3600,
        managedPolicyArns: [],
        tags: { Name: 'app-role' },
        tagsAll: { Name: 'app-role', Team: 'platform' },
      });
      expect(role.assumeRolePolicy).toEqual({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
      });
    });

    it('makes the policy ARN an unknown value that refers to the policy, and keeps the AWS-managed ARN as it is', () => {
      expect(resourceAt(model, 'aws_iam_role_policy_attachment.x', 'aws_iam_role_policy_attachment')).toMatchObject({
        role: 'AppRole',
        policyArn: { unknown: true, reference: { address: 'aws_iam_policy.x', attribute: 'arn' } },
      });
      expect(resourceAt(model, 'aws_iam_role_policy_attachment.ssm', 'aws_iam_role_policy_attachment').policyArn).toBe(
        'arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore',
      );
      expect(resourceAt(model, 'aws_iam_instance_profile.p', 'aws_iam_instance_profile')).toMatchObject({ name: 'AppProfile', role: 'AppRole' });
    });

    it('reads the instance as planned: IMDSv1 allowed, plain user data, and no value for what the provider computes', () => {
      const instance = resourceAt(model, 'aws_instance.app', 'aws_instance');
      expect(instance).toMatchObject({
        iamInstanceProfile: 'AppProfile',
        instanceType: 't3.micro',
        metadataOptions: { httpTokens: 'optional', httpEndpoint: 'enabled' },
      });
      // Planned as a hash by the provider; the model holds the text of the configuration.
      expect(instance.userData).toBe('#!/bin/sh\necho hello\n');
      // Known only after apply and not set in the configuration: no value, not a guessed default.
      expect(instance.metadataOptions?.httpPutResponseHopLimit).toBeUndefined();
      expect(instance.monitoring).toBeUndefined();
      expect(instance.rootBlockDevice).toBeUndefined();
    });

    it("has no ignore_changes: Terraform's plan JSON does not carry lifecycle", () => {
      const configured = (plan as { configuration: { root_module: { resources: Array<Record<string, unknown>> } } }).configuration.root_module.resources;
      expect(configured.find((resource) => resource.address === 'aws_instance.app')).not.toHaveProperty('lifecycle');
      expect(resourceAt(model, 'aws_instance.app', 'aws_instance').ignoreChanges).toEqual([]);
    });

    it('links role, policy, profile and instance into one identity chain', () => {
      const identities = identitiesOf(model);
      expect(identities.chains).toHaveLength(1);
      const [chain] = identities.chains;
      expect(chain.role.address).toBe('aws_iam_role.r');
      expect(chain.policies.map(({ policy, attachment }) => [policy.address, attachment.address])).toEqual([
        ['aws_iam_policy.x', 'aws_iam_role_policy_attachment.x'],
      ]);
      expect(chain.externalPolicies.map((policy) => policy.arn)).toEqual(['arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore']);
      expect(chain.instanceProfiles.map((profile) => profile.address)).toEqual(['aws_iam_instance_profile.p']);
      expect(chain.instances.map((instance) => instance.address)).toEqual(['aws_instance.app']);
      expect(identities.unattachedPolicies).toEqual([]);
    });

    it('takes the id of an import block from the change', () => {
      const importing = copyOf(plan) as { resource_changes: Array<{ address: string; change: Record<string, unknown> }> };
      importing.resource_changes.find((change) => change.address === 'aws_iam_role.r')!.change.importing = { id: 'AppRole' };
      const adopted = stackModelOfPlan(importing, 'plan.json');
      expect(resourceAt(adopted, 'aws_iam_role.r', 'aws_iam_role').importId).toBe('AppRole');
      expect(resourceAt(adopted, 'aws_iam_policy.x', 'aws_iam_policy').importId).toBeUndefined();
    });

    it('reads allowed_account_ids (which an offline plan cannot have) from the provider configuration', () => {
      const pinned = copyOf(plan) as { configuration: { provider_config: { aws: { expressions: Record<string, unknown> } } } };
      pinned.configuration.provider_config.aws.expressions.allowed_account_ids = { constant_value: ['123456789012'] };
      expect(stackModelOfPlan(pinned, 'plan.json').provider.allowedAccountIds).toEqual(['123456789012']);
    });
  });

  describe('a root calling a local module', () => {
    let model: StackModel;
    beforeAll(async () => {
      model = stackModelOfPlan(await planJsonOf('handwritten-module', { runner: terraform() }), 'plan.json');
    });

    it("reads the resources of the child module by their module addresses, in the provider's partition", () => {
      expect(model.provider).toMatchObject({ region: 'cn-north-1', partition: 'aws-cn', dnsSuffix: 'amazonaws.com.cn', defaultTags: {} });
      expect(model.resources.map((resource) => resource.address).sort()).toEqual([
        'module.writer.aws_iam_instance_profile.this',
        'module.writer.aws_iam_policy.this',
        'module.writer.aws_iam_role.this',
        'module.writer.aws_iam_role_policy_attachment.this',
        'module.writer.aws_instance.this',
      ]);
      const policy = resourceAt(model, 'module.writer.aws_iam_policy.this', 'aws_iam_policy');
      expect(policy).toMatchObject({ name: 'WriterPolicy', document: { Statement: [{ Resource: ['arn:aws-cn:s3:::writer-bucket/*'] }] } });
      expect(resourceAt(model, 'module.writer.aws_iam_role.this', 'aws_iam_role').assumeRolePolicy).toMatchObject({
        Statement: [{ Principal: { Service: 'ec2.amazonaws.com.cn' } }],
      });
      expect(resourceAt(model, 'module.writer.aws_instance.this', 'aws_instance').metadataOptions?.httpTokens).toBe('required');
    });

    it('resolves module-relative references to full addresses', () => {
      const role = { unknown: true, reference: { address: 'module.writer.aws_iam_role.this', attribute: 'name' } };
      // name_prefix: the name is generated at apply, and refers to nothing.
      expect(resourceAt(model, 'module.writer.aws_iam_role.this', 'aws_iam_role').name).toEqual({ unknown: true });
      expect(resourceAt(model, 'module.writer.aws_iam_role_policy_attachment.this', 'aws_iam_role_policy_attachment')).toMatchObject({
        role,
        policyArn: { unknown: true, reference: { address: 'module.writer.aws_iam_policy.this', attribute: 'arn' } },
      });
      expect(resourceAt(model, 'module.writer.aws_iam_instance_profile.this', 'aws_iam_instance_profile').role).toEqual(role);
      expect(resourceAt(model, 'module.writer.aws_instance.this', 'aws_instance').iamInstanceProfile).toEqual({
        unknown: true,
        reference: { address: 'module.writer.aws_iam_instance_profile.this', attribute: 'name' },
      });
    });

    it('links the chain through references known only after apply', () => {
      const { chains, instancesWithoutRole, strayAttachments } = identitiesOf(model);
      expect(
        chains.map((chain) => [
          chain.role.address,
          chain.policies.map(({ policy }) => policy.address),
          chain.instanceProfiles.map((profile) => profile.address),
          chain.instances.map((instance) => instance.address),
        ]),
      ).toEqual([
        [
          'module.writer.aws_iam_role.this',
          ['module.writer.aws_iam_policy.this'],
          ['module.writer.aws_iam_instance_profile.this'],
          ['module.writer.aws_instance.this'],
        ],
      ]);
      expect(instancesWithoutRole).toEqual([]);
      expect(strayAttachments).toEqual([]);
    });
  });

  it('leaves an instance without a profile outside every identity chain', async () => {
    const model = stackModelOfPlan(await planJsonOf('no-profile', { runner: terraform() }), 'plan.json');
    const instance = resourceAt(model, 'aws_instance.bare', 'aws_instance');
    expect(instance.iamInstanceProfile).toBeUndefined();
    const identities = identitiesOf(model);
    expect(identities.chains).toEqual([]);
    expect(identities.instancesWithoutRole).toEqual([instance]);
    expect(identities.profileOf(instance)).toBeUndefined();
  });

  describe("the built-in example's plan and its Terraform JSON", () => {
    let fromPlan: StackModel;
    let fromJson: StackModel;
    beforeAll(async () => {
      fromPlan = stackModelOfPlan(await planJsonOf('generated/hcl/s3-write', { runner: terraform() }), 'plan.json');
      const config = JSON.parse(
        fs.readFileSync(path.join(__dirname, '..', '..', 'generated', 'json', 's3-write', 'main.tf.json'), 'utf8'),
      ) as TerraformJsonConfig;
      fromJson = stackModelOfTerraformJson(config, { source: 'main.tf.json' });
    });

    it('model the same provider and the same resources', () => {
      expect(fromPlan.provider).toEqual(fromJson.provider);
      expect(fromPlan.resources.map((resource) => resource.address).sort()).toEqual(fromJson.resources.map((resource) => resource.address).sort());
      expect(fromJson.resources).toHaveLength(5);
    });

    it('agree on every value: known in both and equal, or unknown in the JSON and resolved by the plan', () => {
      for (const expected of fromJson.resources) {
        const planned = fromPlan.resources.find((resource) => resource.address === expected.address)!;
        expect({ address: expected.address, differences: differences(expected, planned, fromPlan) }).toEqual({ address: expected.address, differences: [] });
      }
    });

    it('keep the policy ARN of the attachment unknown in both, with the same reference', () => {
      const address = 'aws_iam_role_policy_attachment.s3_write_role_s3_write_policy';
      const policyArn = { unknown: true, reference: { address: 'aws_iam_policy.s3_write_policy', attribute: 'arn' } };
      expect(resourceAt(fromPlan, address, 'aws_iam_role_policy_attachment').policyArn).toEqual(policyArn);
      expect(resourceAt(fromJson, address, 'aws_iam_role_policy_attachment').policyArn).toEqual(policyArn);
    });
  });

  describe('instance keys (count, for_each) and references the model cannot follow', () => {
    /** A plan as Terraform 1.11 shows it, cut to what is read: a counted role and attachments in a for_each module. */
    function keyedPlan(): unknown {
      const role = (index: number) => ({
        address: `aws_iam_role.r[${index}]`,
        mode: 'managed',
        type: 'aws_iam_role',
        name: 'r',
        index,
        values: { name: `R${index}`, assume_role_policy: '{}', path: '/' },
      });
      const attachment = (module: string, name: string) => ({
        address: `${module}.aws_iam_role_policy_attachment.${name}`,
        mode: 'managed',
        type: 'aws_iam_role_policy_attachment',
        name,
        values: { role: 'R0' },
      });
      return {
        format_version: '1.2',
        planned_values: {
          root_module: {
            resources: [role(0), role(1), { address: 'data.aws_iam_role.d', mode: 'data', type: 'aws_iam_role', name: 'd', values: { name: 'D' } }],
            child_modules: [{ address: 'module.m["a"]', resources: [attachment('module.m["a"]', 'by_key'), attachment('module.m["a"]', 'by_count')] }],
          },
        },
        resource_changes: [
          { address: 'module.m["a"].aws_iam_role_policy_attachment.by_key', change: { actions: ['create'], after_unknown: { id: true, policy_arn: true } } },
          { address: 'module.m["a"].aws_iam_role_policy_attachment.by_count', change: { actions: ['create'], after_unknown: { id: true, policy_arn: true } } },
        ],
        configuration: {
          root_module: {
            module_calls: {
              m: {
                module: {
                  resources: [
                    {
                      address: 'aws_iam_role_policy_attachment.by_key',
                      mode: 'managed',
                      expressions: { policy_arn: { references: ['aws_iam_policy.p["b"].arn', 'aws_iam_policy.p["b"]', 'aws_iam_policy.p'] } },
                    },
                    {
                      address: 'aws_iam_role_policy_attachment.by_count',
                      mode: 'managed',
                      expressions: { policy_arn: { references: ['aws_iam_policy.p', 'count.index'] } },
                    },
                  ],
                },
              },
            },
          },
        },
      };
    }

    it('keeps instance keys in addresses and references, and skips data sources', () => {
      const model = stackModelOfPlan(keyedPlan(), 'plan.json');
      expect(model.resources.map((resource) => resource.address)).toEqual([
        'aws_iam_role.r[0]',
        'aws_iam_role.r[1]',
        'module.m["a"].aws_iam_role_policy_attachment.by_key',
        'module.m["a"].aws_iam_role_policy_attachment.by_count',
      ]);
      expect(resourceAt(model, 'module.m["a"].aws_iam_role_policy_attachment.by_key', 'aws_iam_role_policy_attachment').policyArn).toEqual({
        unknown: true,
        reference: { address: 'module.m["a"].aws_iam_policy.p["b"]', attribute: 'arn' },
      });
    });

    it('leaves the reference out when the expression reads more than one resource attribute', () => {
      const model = stackModelOfPlan(keyedPlan(), 'plan.json');
      const policyArn = resourceAt(model, 'module.m["a"].aws_iam_role_policy_attachment.by_count', 'aws_iam_role_policy_attachment').policyArn;
      expect(isUnknown(policyArn)).toBe(true);
      expect(policyArn).toEqual({ unknown: true });
    });
  });

  describe('input that is not the JSON of a plan', () => {
    it.each([
      ['an array', [], /is not the JSON of `terraform show -json <planfile>` \(a JSON array, not an object\)/],
      ['no format_version', { planned_values: {} }, /\(no format_version\)/],
      ['an unsupported format version', { format_version: '2.0', planned_values: {} }, /\(format_version 2\.0; this reader reads 1\.x\)/],
      ['a state', { format_version: '1.0', values: { root_module: {} } }, /\(no planned_values: this is the JSON of a state, not of a plan\)/],
      [
        'no planned_values',
        { format_version: '1.2' },
        /\(no planned_values\); run terraform plan -out=plan\.out && terraform show -json plan\.out > plan\.json/,
      ],
      ['an errored plan', { format_version: '1.2', planned_values: {}, errored: true }, /the plan errored/],
    ])('throws a PlanFormatError for %s', (_case, input, message) => {
      expect(() => stackModelOfPlan(input, 'plan.json')).toThrow(PlanFormatError);
      expect(() => stackModelOfPlan(input, 'plan.json')).toThrow(message);
      expect(() => stackModelOfPlan(input, 'plan.json')).toThrow(/^plan\.json is not/);
    });

    it('reads an empty plan as a stack without resources, in the default region', () => {
      expect(stackModelOfPlan({ format_version: '1.2', planned_values: {} }, 'plan.json')).toMatchObject({
        resources: [],
        provider: { region: 'us-east-1', regionGiven: false, partition: 'aws' },
      });
    });
  });
});

/**
 * Where the plan's model of a resource disagrees with the JSON's: a value the JSON knows must be
 * planned the same; a value the JSON has as unknown must be unknown with the same reference in
 * the plan, or known there and equal to the referenced resource's value (the plan resolved it);
 * a value the JSON leaves out (not set) is left out of the plan's too.
 */
function differences(expected: unknown, planned: unknown, plan: StackModel, at = ''): string[] {
  if (isUnknown(expected)) {
    if (isUnknown(planned))
      return JSON.stringify(planned) === JSON.stringify(expected) ? [] : [`${at}: ${JSON.stringify(planned)} instead of ${JSON.stringify(expected)}`];
    const reference = expected.reference;
    const referenced =
      reference && (plan.resources.find((resource) => resource.address === reference.address) as unknown as Record<string, unknown> | undefined);
    return referenced && referenced[reference.attribute] === planned
      ? []
      : [`${at}: ${JSON.stringify(planned)} is not the value of ${JSON.stringify(reference)}`];
  }
  if (expected === undefined) return planned === undefined ? [] : [`${at}: ${JSON.stringify(planned)} where the JSON has none`];
  if (expected !== null && typeof expected === 'object' && planned !== null && typeof planned === 'object' && !isUnknown(planned)) {
    const keys = new Set([...Object.keys(expected), ...Object.keys(planned)]);
    return [...keys].flatMap((key) => differences((expected as Record<string, unknown>)[key], (planned as Record<string, unknown>)[key], plan, `${at}.${key}`));
  }
  return expected === planned ? [] : [`${at}: ${JSON.stringify(planned)} instead of ${JSON.stringify(expected)}`];
}
