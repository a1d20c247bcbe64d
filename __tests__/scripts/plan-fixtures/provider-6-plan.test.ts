/** The 6.x form of a 5.x plan (`scripts/plan-fixtures/provider-6-plan.ts`), on a plan cut to what it turns; on a real plan: `__tests__/terraform/provider-6-plan.test.ts`. */
import { createHash } from 'crypto';
import { FIXED_TIMESTAMP, provider6Plan } from '../../../scripts/plan-fixtures/provider-6-plan';

const TEXT = '#!/bin/sh\necho hello\n';

/** A 5.x plan of one instance created in a module, as Terraform 1.11 shows it, cut to what is turned. */
function plan5(): any {
  const values = { ami: 'ami-0123456789abcdef0', instance_type: 't3.micro', user_data: createHash('sha1').update(TEXT).digest('hex') };
  return {
    format_version: '1.2',
    terraform_version: '1.11.4',
    timestamp: '2026-01-01T10:00:00Z',
    planned_values: {
      root_module: {
        child_modules: [
          {
            address: 'module.web["a"]',
            resources: [
              {
                address: 'module.web["a"].aws_instance.this[0]',
                mode: 'managed',
                type: 'aws_instance',
                name: 'this',
                values,
                sensitive_values: { network_interface: [] },
              },
            ],
          },
        ],
      },
    },
    resource_changes: [
      {
        address: 'module.web["a"].aws_instance.this[0]',
        change: {
          actions: ['create'],
          before: null,
          after: values,
          after_unknown: { arn: true, cpu_core_count: true, cpu_threads_per_core: true, network_interface: true },
          after_sensitive: { network_interface: [] },
        },
      },
    ],
    configuration: {
      provider_config: { aws: { name: 'aws', expressions: { region: { constant_value: 'eu-west-1' } } } },
      root_module: {
        module_calls: {
          web: {
            module: {
              resources: [{ address: 'aws_instance.this', mode: 'managed', provider_config_key: 'aws', expressions: { user_data: { constant_value: TEXT } } }],
            },
          },
        },
      },
    },
    relevant_attributes: [
      { resource: 'b', attribute: ['x'] },
      { resource: 'a', attribute: ['y'] },
    ],
  };
}

describe('provider6Plan', () => {
  it('turns each instance into its 6.x form, in planned_values and in its change, in child modules too', () => {
    const input = plan5();
    const turned = provider6Plan(input) as any;
    const values = { ami: 'ami-0123456789abcdef0', force_destroy: false, instance_type: 't3.micro', region: 'eu-west-1', user_data: TEXT };
    const [resource] = turned.planned_values.root_module.child_modules[0].resources;
    expect(resource.values).toEqual(values);
    expect(Object.keys(resource.values)).toEqual(Object.keys(values));
    expect(resource.sensitive_values).toEqual({ network_interface: [], primary_network_interface: [] });
    expect(turned.resource_changes[0].change).toEqual({
      actions: ['create'],
      before: null,
      after: values,
      after_unknown: { arn: true, network_interface: true, placement_group_id: true, primary_network_interface: true },
      after_sensitive: { network_interface: [], primary_network_interface: [] },
    });
    expect(turned.configuration).toEqual(input.configuration);
    expect([turned.timestamp, turned.terraform_version]).toEqual([FIXED_TIMESTAMP, '1.11.4']);
    expect(turned.relevant_attributes).toEqual([
      { resource: 'a', attribute: ['y'] },
      { resource: 'b', attribute: ['x'] },
    ]);
    expect(input).toEqual(plan5());
  });

  it('hashes base64 user data as the provider does: its decoded bytes', () => {
    const input = plan5();
    const encoded = Buffer.from(TEXT).toString('base64');
    input.configuration.root_module.module_calls.web.module.resources[0].expressions.user_data.constant_value = encoded;
    expect((provider6Plan(input) as any).resource_changes[0].change.after.user_data).toBe(encoded);
  });

  it.each([
    [
      'user data that is no constant',
      (plan: any) => (plan.configuration.root_module.module_calls.web.module.resources[0].expressions.user_data = { references: ['var.x'] }),
      'user_data is not a constant in the configuration',
    ],
    [
      'user data whose hash is not the text’s',
      (plan: any) => (plan.planned_values.root_module.child_modules[0].resources[0].values.user_data = '0'.repeat(40)),
      "is not the hash of its configuration's text",
    ],
    ['an instance the plan does not create', (plan: any) => (plan.resource_changes[0].change.actions = ['update']), 'is not created by the plan (["update"])'],
    [
      'a provider region that is no constant',
      (plan: any) => (plan.configuration.provider_config.aws.expressions.region = { references: ['var.region'] }),
      "the aws provider's region is not a constant",
    ],
    [
      'an instance of another provider',
      (plan: any) => (plan.configuration.root_module.module_calls.web.module.resources[0].provider_config_key = 'web:aws'),
      'uses the provider web:aws',
    ],
    [
      'an instance that sets cpu_core_count',
      (plan: any) => (plan.configuration.root_module.module_calls.web.module.resources[0].expressions.cpu_core_count = { constant_value: 2 }),
      'sets cpu_core_count',
    ],
  ])('refuses %s', (_case, change, message) => {
    const input = plan5();
    change(input);
    expect(() => provider6Plan(input)).toThrow(`cannot turn the plan into a 6.x plan: `);
    expect(() => provider6Plan(input)).toThrow(message);
  });
});
