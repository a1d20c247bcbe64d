/**
 * The provider schema checker (src/terraform/provider-schema.ts) on synthesized configurations
 * and on copies changed by hand, and the committed snapshots it loads. No Terraform runs here:
 * provider-schemas.test.ts proves the snapshots against the real provider and checks every
 * kind of generated output.
 */
import { loadSpec } from '../../src/spec/load-spec';
import { partitionKind, RESOURCE_KINDS, rolePolicyKind, UNMANAGED_INSTANCE_ARGUMENTS } from '../../src/resource-kinds';
import { argumentEntries } from '../../src/resource-kinds/resource-kind';
import { AWS_PROVIDER_VERSION } from '../../src/terraform-requirements';
import {
  assertAcceptedByEveryRelease,
  AWS_PROVIDER_SCHEMAS,
  blockSchemaOfTerraform,
  checkProviderSchema,
  problemsInAnyRelease,
  type KnownProviderSchema,
  type ProviderSchemaProblem,
  type ProviderSchemaSnapshot,
} from '../../src/terraform/provider-schema';
import { synthLoaded } from '../helpers/synth';

const schemaOf = (version: string): KnownProviderSchema => {
  const found = AWS_PROVIDER_SCHEMAS.find((schema) => schema.version === version);
  if (!found) throw new Error(`no committed snapshot of AWS provider ${version}`);
  return found;
};
const AWS_5 = schemaOf(AWS_PROVIDER_VERSION);
const AWS_6_25 = schemaOf('6.25.0');
const AWS_6_66 = schemaOf('6.66.0');

/** The built-in example's synthesized root, parsed afresh for each test to change. */
const BUILT_IN_JSON = synthLoaded(loadSpec()).json;
const builtIn = (): any => JSON.parse(BUILT_IN_JSON);
/** The one instance of the built-in example's root, to change. */
const instanceOf = (config: any): { name: string; body: any } => {
  const [[name, body]] = Object.entries(config.resource.aws_instance);
  return { name, body };
};

const messages = (problems: readonly ProviderSchemaProblem[]) => problems.map((problem) => problem.message);

describe('the committed snapshots', () => {
  it('are AWS provider 5.100.0 (the bindings the project builds with), 6.25.0 and 6.66.0, oldest first, each with its major and binding package', () => {
    expect(AWS_PROVIDER_SCHEMAS.map(({ version, major, package: binding, provider }) => ({ version, major, binding, provider }))).toEqual([
      { version: '5.100.0', major: 5, binding: '@cdktf/provider-aws@20.1.0', provider: 'registry.terraform.io/hashicorp/aws' },
      { version: '6.25.0', major: 6, binding: '@cdktf/provider-aws@21.22.1', provider: 'registry.terraform.io/hashicorp/aws' },
      { version: '6.66.0', major: 6, binding: '@cdktn/provider-aws@25.7.0', provider: 'registry.terraform.io/hashicorp/aws' },
    ]);
  });

  it.each(AWS_PROVIDER_SCHEMAS.map((schema) => [schema.version, schema] as const))(
    '%s holds exactly the resource kinds, the partition data source and the provider, with sorted names',
    (_version, schema) => {
      expect(Object.keys(schema.resources)).toEqual(RESOURCE_KINDS.map((kind) => kind.type).sort());
      expect(Object.keys(schema.dataSources)).toEqual([partitionKind.type]);
      const blocks = [schema.providerConfig, ...Object.values(schema.resources), ...Object.values(schema.dataSources)];
      const sorted = (names: readonly string[]) => [...names].sort();
      const visit = (block: ProviderSchemaSnapshot['providerConfig']): void => {
        expect(block.arguments).toEqual(sorted(block.arguments));
        expect(block.required).toEqual(sorted(block.required));
        expect(Object.keys(block.blocks)).toEqual(sorted(Object.keys(block.blocks)));
        for (const name of block.required) expect([...block.arguments, ...Object.keys(block.blocks)]).toContain(name);
        Object.values(block.blocks).forEach(visit);
      };
      blocks.forEach(visit);
      expect(schema.resources.aws_iam_role.required).toEqual(['assume_role_policy']);
      expect(schema.resources.aws_iam_role_policy_attachment.required).toEqual(['policy_arn', 'role']);
    },
  );

  it.each(AWS_PROVIDER_SCHEMAS.map((schema) => [schema.version, schema] as const))(
    '%s has every argument an adopted instance leaves unmanaged (lifecycle.ignore_changes)',
    (_version, schema) => {
      const instance = schema.resources.aws_instance;
      expect(UNMANAGED_INSTANCE_ARGUMENTS.filter((name) => !instance.arguments.includes(name) && !(name in instance.blocks))).toEqual([]);
    },
  );

  it.each(AWS_PROVIDER_SCHEMAS.map((schema) => [schema.version, schema] as const))(
    '%s takes every argument and block the spec and the constructs can set or read, so the surface offers only what every release takes',
    (_version, schema) => {
      const missing = RESOURCE_KINDS.flatMap((kind) =>
        argumentEntries(kind).flatMap((entry) => {
          const resource = schema.resources[kind.type];
          if ('fields' in entry) {
            const block = resource.blocks[entry.argument];
            if (!block) return [`${kind.type}.${entry.argument}`];
            return Object.values(entry.fields)
              .filter((field) => !block.arguments.includes(field.argument))
              .map((field) => `${kind.type}.${entry.argument}.${field.argument}`);
          }
          return resource.arguments.includes(entry.argument) || entry.argument in resource.blocks ? [] : [`${kind.type}.${entry.argument}`];
        }),
      );
      expect(missing).toEqual([]);
    },
  );

  it('record what 6.x removed from aws_instance (cpu_core_count, cpu_threads_per_core) and what it added (region)', () => {
    const removed = (from: KnownProviderSchema, to: KnownProviderSchema) =>
      from.resources.aws_instance.arguments.filter((name) => !to.resources.aws_instance.arguments.includes(name));
    expect(removed(AWS_5, AWS_6_25)).toEqual(['cpu_core_count', 'cpu_threads_per_core']);
    expect(removed(AWS_6_25, AWS_6_66)).toEqual([]);
    for (const schema of [AWS_6_25, AWS_6_66]) expect(schema.resources.aws_instance.arguments).toContain('region');
    expect(AWS_5.resources.aws_instance.arguments).not.toContain('region');
  });
});

describe('checkProviderSchema', () => {
  it.each(AWS_PROVIDER_SCHEMAS.map((schema) => [schema.version, schema] as const))(
    "accepts the built-in example's synthesized root with %s",
    (_version, schema) => {
      const config = builtIn();
      // Every kind but inline policies, which the walkthrough does not make (the all-options spec's outputs check them).
      expect(Object.keys(config.resource).sort()).toEqual(
        RESOURCE_KINDS.map((kind) => kind.type)
          .filter((type) => type !== rolePolicyKind.type)
          .sort(),
      );
      expect(checkProviderSchema(config, schema)).toEqual([]);
    },
  );

  it('refuses cpu_core_count and cpu_threads_per_core on an instance with both 6.x snapshots, and accepts them with 5.100.0', () => {
    const config = builtIn();
    const { name, body } = instanceOf(config);
    Object.assign(body, { cpu_core_count: 2, cpu_threads_per_core: 1 });
    expect(checkProviderSchema(config, AWS_5)).toEqual([]);
    for (const schema of [AWS_6_25, AWS_6_66]) {
      expect(checkProviderSchema(config, schema)).toEqual(
        ['cpu_core_count', 'cpu_threads_per_core'].map((argument) => ({
          kind: 'unknown-argument',
          address: `aws_instance.${name}`,
          path: argument,
          version: schema.version,
          message: `aws_instance.${name}: ${argument} is not an argument of aws_instance in AWS provider ${schema.version} (AWS provider 5.100.0 has it): remove it`,
        })),
      );
    }
  });

  it.each(AWS_PROVIDER_SCHEMAS.map((schema) => [schema.version, schema] as const))(
    'refuses an unknown argument in a nested block with %s, suggesting the nearest one',
    (version, schema) => {
      const config = builtIn();
      const { name, body } = instanceOf(config);
      const [rootVolume] = [body.root_block_device].flat();
      rootVolume.volume_sise = 40;
      expect(checkProviderSchema(config, schema)).toEqual([
        {
          kind: 'unknown-argument',
          address: `aws_instance.${name}`,
          path: 'root_block_device.volume_sise',
          version,
          message: `aws_instance.${name}: root_block_device.volume_sise is not an argument of aws_instance's root_block_device block in AWS provider ${version}: remove it (or did you mean volume_size?)`,
        },
      ]);
    },
  );

  it.each(AWS_PROVIDER_SCHEMAS.map((schema) => [schema.version, schema] as const))('refuses a missing required argument with %s', (version, schema) => {
    const config = builtIn();
    const [[roleName, role]] = Object.entries<any>(config.resource.aws_iam_role);
    delete role.assume_role_policy;
    expect(checkProviderSchema(config, schema)).toEqual([
      {
        kind: 'missing-required',
        address: `aws_iam_role.${roleName}`,
        path: 'assume_role_policy',
        version,
        message: `aws_iam_role.${roleName}: assume_role_policy is required by aws_iam_role in AWS provider ${version} and is not set: set it`,
      },
    ]);
  });

  it('checks nested blocks given as a list of objects (as hcl2json reads .tf files), with the index of each, and their required arguments', () => {
    const config = builtIn();
    const { name, body } = instanceOf(config);
    body.ebs_block_device = [{ device_name: '/dev/sdf', volume_size: 10 }, { volume_size: 20 }];
    expect(messages(checkProviderSchema(config, AWS_6_66))).toEqual([
      `aws_instance.${name}: ebs_block_device[1].device_name is required by aws_instance's ebs_block_device block in AWS provider 6.66.0 and is not set: set it`,
    ]);
    body.ebs_block_device = [{ device_name: '/dev/sdf', volume_size: 10 }];
    body.metadata_options = 'enabled';
    expect(messages(checkProviderSchema(config, AWS_6_66))).toEqual([
      `aws_instance.${name}: metadata_options is a block of aws_instance in AWS provider 6.66.0: give it as a block (an object or a list of objects), not as a value`,
    ]);
  });

  it('checks dynamic blocks: their block name, their content, their own arguments', () => {
    const config = builtIn();
    const { name, body } = instanceOf(config);
    body.dynamic = {
      ebs_block_device: [{ for_each: '${var.volumes}', content: [{ device_name: '${ebs_block_device.key}', volume_sise: 1 }] }],
      ebs_volume: { for_each: '${var.volumes}', content: {} },
    };
    expect(messages(checkProviderSchema(config, AWS_6_66))).toEqual([
      `aws_instance.${name}: dynamic.ebs_block_device.content.volume_sise is not an argument of aws_instance's ebs_block_device block in AWS provider 6.66.0: remove it (or did you mean volume_size?)`,
      `aws_instance.${name}: dynamic.ebs_volume is not a block of aws_instance in AWS provider 6.66.0: remove it`,
    ]);
  });

  it('skips meta-arguments and // comments, at the top and in provider blocks, and does not check module calls', () => {
    const config = builtIn();
    const { body } = instanceOf(config);
    Object.assign(body, {
      count: 1,
      depends_on: ['aws_iam_role.x'],
      provider: 'aws.west',
      provisioner: [{ 'local-exec': { command: 'true' } }],
      connection: { host: 'x' },
      '//': { note: 'kept' },
    });
    config.provider.aws.push({ alias: 'west', region: 'us-west-2', '//': 'a comment' });
    config.data[partitionKind.type].current.for_each = '${toset([])}';
    config.module = { other: { source: './other', anything: 1 } };
    expect(checkProviderSchema(config, AWS_6_66)).toEqual([]);
  });

  it("checks lifecycle.ignore_changes entries against the type's arguments and blocks, in JSON and in hcl2json's ${...} form", () => {
    const config = builtIn();
    const { name, body } = instanceOf(config);
    body.lifecycle = {
      ignore_changes: ['ami', '${tags["Name"]}', '${root_block_device[0].volume_size}', 'cpu_core_count', 'metadata_options[0].http_tokenz', '${amii}'],
    };
    expect(checkProviderSchema(config, AWS_5)).toEqual([
      expect.objectContaining({ kind: 'unknown-ignore-change', path: 'lifecycle.ignore_changes[4]' }),
      expect.objectContaining({ kind: 'unknown-ignore-change', path: 'lifecycle.ignore_changes[5]' }),
    ]);
    expect(messages(checkProviderSchema(config, AWS_6_66))).toEqual([
      `aws_instance.${name}: lifecycle.ignore_changes[3] is "cpu_core_count", but aws_instance has no argument or block cpu_core_count in AWS provider 6.66.0 (AWS provider 5.100.0 has it): remove it`,
      `aws_instance.${name}: lifecycle.ignore_changes[4] is "metadata_options[0].http_tokenz", but aws_instance's metadata_options block has no argument or block http_tokenz in AWS provider 6.66.0: remove it (or did you mean http_tokens?)`,
      `aws_instance.${name}: lifecycle.ignore_changes[5] is "amii", but aws_instance has no argument or block amii in AWS provider 6.66.0: remove it (or did you mean ami?)`,
    ]);
    body.lifecycle = [{ ignore_changes: '${all}' }];
    expect(checkProviderSchema(config, AWS_6_66)).toEqual([]);
  });

  it('refuses resource types, data sources and providers the snapshot does not hold, and arguments of the provider configuration it does not have', () => {
    const config = builtIn();
    config.resource.aws_s3_bucket = { logs: [{ bucket: 'logs' }] };
    config.data.aws_caller_identity = { current: {} };
    config.provider.google = [{ project: 'x' }];
    config.provider.aws[0].regoin = 'us-east-1';
    expect(checkProviderSchema(config, AWS_6_25).map(({ kind, address, path }) => ({ kind, address, path }))).toEqual([
      { kind: 'unknown-type', address: 'aws_s3_bucket.logs', path: '' },
      { kind: 'unknown-type', address: 'data.aws_caller_identity.current', path: '' },
      { kind: 'unknown-argument', address: 'provider.aws', path: 'regoin' },
      { kind: 'unknown-type', address: 'provider.google', path: '' },
    ]);
    expect(messages(checkProviderSchema(config, AWS_6_25))[0]).toBe(
      'aws_s3_bucket.logs: the AWS provider 6.25.0 schema snapshot has no resource type aws_s3_bucket (it holds aws_iam_instance_profile, aws_iam_policy, ' +
        'aws_iam_role, aws_iam_role_policy, aws_iam_role_policy_attachment, aws_instance); a type the project writes is added to the snapshots by npm run provider-schemas',
    );
  });

  it('gives nothing for something that is not a configuration', () => {
    expect(checkProviderSchema(undefined, AWS_5)).toEqual([]);
    expect(checkProviderSchema([], AWS_5)).toEqual([]);
  });
});

describe('problemsInAnyRelease and assertAcceptedByEveryRelease', () => {
  it('report a 6.x-removed argument once, naming every release that refuses it', () => {
    const config = builtIn();
    instanceOf(config).body.cpu_threads_per_core = 2;
    const problems = problemsInAnyRelease(config);
    expect(messages(problems)).toEqual([expect.stringContaining('cpu_threads_per_core is not an argument of aws_instance in AWS provider 6.25.0 and 6.66.0')]);
    expect(() => assertAcceptedByEveryRelease(config, 'root s3-write')).toThrow(
      /^the generated root s3-write has what an AWS provider release it admits rejects:\n  aws_instance\.s3_write: cpu_threads_per_core/,
    );
  });

  it('accept the built-in example, and skip types the snapshots do not hold only when asked', () => {
    expect(() => assertAcceptedByEveryRelease(builtIn(), 'root s3-write')).not.toThrow();
    const withBucket = { ...builtIn(), resource: { ...builtIn().resource, aws_s3_bucket: { b: { bucket: 'b' } } } };
    expect(problemsInAnyRelease(withBucket).map((problem) => problem.kind)).toEqual(['unknown-type']);
    expect(problemsInAnyRelease(withBucket, { knownTypesOnly: true })).toEqual([]);
  });
});

describe('blockSchemaOfTerraform', () => {
  it('takes a block of terraform providers schema -json: settable attributes as arguments, required ones and blocks with min_items, nested blocks', () => {
    expect(
      blockSchemaOfTerraform({
        attributes: { id: { optional: true, computed: true }, arn: { computed: true }, name: { required: true }, tags: { optional: true } },
        block_types: {
          timeouts: { nesting_mode: 'single', block: { attributes: { create: { optional: true } } } },
          rule: { nesting_mode: 'list', min_items: 1, block: { attributes: { action: { required: true } }, block_types: {} } },
        },
      }),
    ).toEqual({
      arguments: ['id', 'name', 'tags'],
      required: ['name', 'rule'],
      blocks: {
        rule: { arguments: ['action'], required: ['action'], blocks: {} },
        timeouts: { arguments: ['create'], required: [], blocks: {} },
      },
    });
  });
});
