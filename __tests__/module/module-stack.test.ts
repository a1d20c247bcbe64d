import * as fs from 'fs';
import * as path from 'path';
import { IamInstanceProfile } from '@cdktf/provider-aws/lib/iam-instance-profile';
import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { Instance } from '@cdktf/provider-aws/lib/instance';
import { Testing } from 'cdktf';
import { moduleInterfaceOf } from '../../src/module/module-interface';
import { InstanceProfileModule } from '../../src/module/module-stack';
import { loadSpec, parseSpec } from '../../src/spec/load-spec';
import { synthesize } from '../../src/pipeline/synthesize';
import type { LoadedSpec } from '../../src/spec/model';
import { moduleFilesOf } from '../helpers/module';
import { FIXTURES } from '../helpers/synth';

function synthModule(loaded: LoadedSpec) {
  const stack = new InstanceProfileModule(Testing.app(), 'module', { loaded, moduleInterface: moduleInterfaceOf(loaded) });
  const json = Testing.synth(stack);
  return { json, config: JSON.parse(json) };
}

describe('the module generated from the built-in example', () => {
  const { json, config } = synthModule(loadSpec());

  it("takes s3-writer's inputs, and the other settings of the instance, with the walkthrough's values as defaults", () => {
    expect(moduleInterfaceOf(loadSpec()).inputs.map((input) => input.name)).toEqual([
      'bucket_name',
      'policy_name',
      'role_name',
      'instance_profile_name',
      'ami_id',
      'instance_type',
      'subnet_id',
      'security_group_ids',
      'key_name',
      'tags',
    ]);
    expect(config.variable.bucket_name.default).toBe('instance-profile-test1');
    expect(config.variable.subnet_id).toMatchObject({ default: null, nullable: true });
  });

  it('puts the variables where the spec used them, through the same constructs as synth', () => {
    expect(json).toHaveResourceWithProperties(IamRole, {
      name: '${var.role_name}',
      tags: '${var.tags}',
      description: 'Lets an EC2 instance write to ${var.bucket_name}',
    });
    expect(json).toHaveResourceWithProperties(IamPolicy, { name: '${var.policy_name}', tags: '${var.tags}' });
    expect(json).toHaveResourceWithProperties(IamInstanceProfile, { name: '${var.instance_profile_name}' });
    expect(json).toHaveResourceWithProperties(Instance, {
      ami: '${var.ami_id}',
      instance_type: '${var.instance_type}',
      metadata_options: { http_tokens: 'required', http_put_response_hop_limit: 1, http_endpoint: 'enabled' },
      root_block_device: { encrypted: true, volume_type: 'gp3' },
    });
    expect(config.locals.s3_write_policy_document.Statement[0].Resource).toEqual(['arn:aws:s3:::${var.bucket_name}/*', 'arn:aws:s3:::${var.bucket_name}']);
  });

  it('turns the rules of the fields an input fills into validation blocks', () => {
    expect(config.variable.role_name.validation).toEqual([
      {
        condition: '${length(var.role_name) >= 1 && length(var.role_name) <= 64}',
        error_message: 'role_name must be 1 to 64 characters.',
      },
      {
        condition: '${can(regex("^[\\\\w+=,.@-]+$", var.role_name))}',
        error_message: 'role_name must be made of letters, digits and +=,.@_- only.',
      },
    ]);
    expect(config.variable.subnet_id.validation[0].condition).toBe(
      '${var.subnet_id == null ? true : can(regex("^subnet-(?:[0-9a-f]{8}|[0-9a-f]{17})$", var.subnet_id))}',
    );
  });

  it("words each message as the module's user knows it: the input, the argument it is part of, and the string as main.tf has it, kept literal", () => {
    expect(config.variable.bucket_name.validation[1]).toEqual({
      condition: '${length("Write and list objects in ${var.bucket_name}") <= 1000}',
      error_message:
        'bucket_name is part of the IAM policy\'s description ("Write and list objects in $${var.bucket_name}"), which must be at most 1000 characters.',
    });
    expect(config.variable.security_group_ids.validation[0].error_message).toBe(
      'Every entry of security_group_ids must be a security group id like "sg-0123456789abcdef0".',
    );
    expect(moduleFilesOf(loadSpec()).get('variables.tf')).toContain(
      'error_message = "bucket_name is part of the IAM role\'s description (\\"Lets an EC2 instance write to $${var.bucket_name}\\"), which must be at most 1000 characters."',
    );
  });

  it('has no provider, backend or import block, and requires the provider and Terraform versions', () => {
    expect(config.provider).toBeUndefined();
    expect(config.terraform.backend).toBeUndefined();
    expect(config.import).toBeUndefined();
    expect(config.terraform).toMatchObject({
      required_version: '>= 1.9.0',
      required_providers: { aws: { source: 'hashicorp/aws', version: '>= 5.100.0, < 7.0.0' } },
    });
  });

  it('writes the rejected value of each validation as one that breaks it', () => {
    const inputs = moduleInterfaceOf(loadSpec()).inputs;
    const role = inputs.find((input) => input.name === 'role_name')!;
    expect(role.validations.map((validation) => validation.rejects)).toEqual(['a'.repeat(65), '!']);
  });
});

describe('the module generated from a spec with declared variables and an adopted instance', () => {
  const loaded = loadSpec(path.join(FIXTURES, 'module-variables.yaml'));
  const { json, config } = synthModule(loaded);

  it('keeps a required variable required, and validates the strings it is part of', () => {
    expect(config.variable.team.default).toBeUndefined();
    expect(config.variable.team.validation.map((validation: { condition: string }) => validation.condition)).toEqual(
      expect.arrayContaining(['${length(var.team) <= 20}', '${length("${var.team}-writer") >= 1 && length("${var.team}-writer") <= 64}']),
    );
  });

  it('names the argument a variable is part of, with its string as main.tf has it, and the numbers it must be within', () => {
    const messages = (name: string) =>
      moduleInterfaceOf(loaded)
        .inputs.find((input) => input.name === name)!
        .validations.map(({ message }) => message);
    expect(messages('team')).toEqual(
      expect.arrayContaining([
        'team is part of the IAM role\'s name ("${var.team}-writer"), which must be 1 to 64 characters.',
        'team is part of the instance profile\'s name ("${var.team}-writer-profile"), which must be made of letters, digits and +=,.@_- only.',
      ]),
    );
    expect(messages('session_seconds')).toEqual(['session_seconds must be from 3600 to 43200.']);
    expect(messages('legacy_profile_existing_instance_id')).toEqual(['legacy_profile_existing_instance_id must be an instance id like "i-0123456789abcdef0".']);
  });

  it("keeps the flat root's addresses, whatever the inputs are", () => {
    const flat = JSON.parse(synthesize(loaded).get('json/team-writers/main.tf.json')!);
    expect(Object.keys(config.resource).sort()).toEqual(Object.keys(flat.resource).sort());
    for (const type of Object.keys(flat.resource)) expect(Object.keys(config.resource[type]).sort()).toEqual(Object.keys(flat.resource[type]).sort());
  });

  it('guards the adopted instance: unmanaged arguments ignored, protected, and checked to be the instance the input names', () => {
    expect(config.resource.aws_instance.legacy.lifecycle).toMatchObject({
      prevent_destroy: true,
      postcondition: [{ condition: '${self.id == var.legacy_profile_existing_instance_id}' }],
    });
    expect(config.resource.aws_instance.legacy.lifecycle.ignore_changes).toContain('ami');
    expect(json).not.toContain('"import"');
  });

  it('validates a policy reference input as a managed policy name or a policy ARN, as the spec does', () => {
    const boundary = moduleInterfaceOf(loaded).inputs.find((input) => input.name === 'boundary')!;
    const pattern = boundary.validations.find((validation) => validation.condition.startsWith('can(regex('))!;
    expect(pattern.message).toBe(
      'boundary must be an AWS-managed policy name like "AmazonSSMManagedInstanceCore" or a policy ARN like "arn:aws:iam::123456789012:policy/Name".',
    );
    expect(pattern.rejects).toBe('!');
  });

  it('tells an ARN from an AWS-managed policy name in Terraform when an input gives the boundary', () => {
    expect(config.resource.aws_iam_role.reports_writer.permissions_boundary).toBe(
      '${startswith(var.boundary, "arn:") ? var.boundary : "arn:${data.aws_partition.current.partition}:iam::aws:policy/${var.boundary}"}',
    );
  });

  it('moves the import blocks into the example root, aimed at the module', () => {
    const example = moduleFilesOf(loaded).get('examples/complete/main.tf')!;
    expect(example).toContain('import {\n  to = module.team_writers.aws_instance.legacy\n  id = "i-0123456789abcdef0"\n}');
    expect(example).toContain('module "team_writers" {\n  source = "../.."\n  team   = "reports"\n}');
  });
});

describe("docs/modules.md's consumer snippet", () => {
  it('calls the module of examples/two-profiles.yaml with inputs and outputs it has', () => {
    const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'modules.md'), 'utf8');
    const snippet = /```hcl\n(module "team_buckets" \{[\s\S]*?)```/.exec(readme)![1];
    const files = moduleFilesOf(loadSpec(path.join(__dirname, '..', '..', 'examples', 'two-profiles.yaml')));
    const call = /module "team_buckets" \{[\s\S]*?\n\}/.exec(snippet)![0];
    const inputs = [...call.matchAll(/^  (\w+)\s+=/gm)].map((match) => match[1]).filter((name) => name !== 'source');
    expect(inputs.length).toBeGreaterThan(0);
    for (const input of inputs) expect(files.get('variables.tf')).toContain(`variable "${input}" {`);
    for (const [, output, field] of snippet.matchAll(/module\.team_buckets\.(\w+)\.(\w+)/g)) {
      expect(files.get('outputs.tf')).toMatch(new RegExp(`output "${output}" \\{\\n  value = \\{[\\s\\S]*?\\n    ${field} `));
    }
    expect(snippet).toContain('source = "./generated/module/team-buckets"');
  });
});

describe("a fleet module's tests", () => {
  it('assert on every listed profile, and on the template module with the first and the last item of each fleet', () => {
    const loaded = parseSpec(
      {
        profiles: [{ role: { name: 'ListedRole' } }],
        fleets: [{ template: { role: { name: '{{team}}-writer' } }, items: ['a', 'b', 'c', 'd', 'e'].map((team) => ({ team })) }],
      },
      'fleet.yaml',
      FIXTURES,
    );
    const tests = moduleFilesOf(loaded).get('tests/module.tftest.hcl')!;
    for (const name of ['ListedRole', 'a-writer', 'e-writer']) expect(tests).toContain(`Instance profile ${name} must carry role ${name}.`);
    for (const name of ['b-writer', 'c-writer', 'd-writer']) expect(tests).not.toContain(`role ${name}.`);
    expect(tests).toContain(
      'run "fleet_1_a_writer" {\n  command = plan\n  module {\n    source = "./modules/fleet_1"\n  }\n  variables {\n    team = "a"\n  }',
    );
    expect(tests).toContain('condition     = output.fleet_1["e-writer"].instance_profile_name == "e-writer"');
  });
});
