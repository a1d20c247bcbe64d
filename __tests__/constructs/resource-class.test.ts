import { Instance, InstanceConfig } from '@cdktf/provider-aws/lib/instance';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import type { Construct } from 'constructs';
import { CreatedIf, resourceClass } from '../../src/constructs/resource-class';

const CONFIG: InstanceConfig = {
  ami: 'ami-0123456789abcdef0',
  instanceType: 't3.micro',
  metadataOptions: { httpTokens: 'required' },
  rootBlockDevice: { encrypted: true },
  tags: { Name: 'web' },
};

/** A stack with one instance of `InstanceClass`, and that instance. */
function stackWith(InstanceClass: typeof Instance): { json: string; instance: Instance } {
  const stack = new TerraformStack(Testing.app(), 'test');
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  const instance = new InstanceClass(stack, 'web', CONFIG);
  return { json: Testing.synth(stack), instance };
}

/** The attributes an instance hands to cdktf. */
const attributesOf = (instance: Instance) => (instance as unknown as { synthesizeAttributes(): Record<string, unknown> }).synthesizeAttributes();

describe('resourceClass', () => {
  it('hands cdktf only the attributes that are set', () => {
    const plain = Object.entries(attributesOf(stackWith(Instance).instance));
    const lean = Object.entries(attributesOf(stackWith(resourceClass(Instance)).instance));
    expect(plain.filter(([, value]) => value === undefined).length).toBeGreaterThan(40);
    expect(lean.filter(([, value]) => value === undefined)).toEqual([]);
    expect(lean.map(([name]) => name).sort()).toEqual(['ami', 'instance_type', 'metadata_options', 'root_block_device', 'tags']);
  });

  it('synthesizes exactly the Terraform JSON of the plain resource class', () => {
    const plain = stackWith(Instance).json;
    expect(stackWith(resourceClass(Instance)).json).toBe(plain);
    expect(JSON.parse(plain).resource.aws_instance.web).toMatchObject({ ami: CONFIG.ami, metadata_options: { http_tokens: 'required' } });
  });
});

describe('CreatedIf', () => {
  /** A stack with an instance and a role inside `scopeOf`, the instance referring to the role's name, and its synthesized JSON. */
  function switched(scopeOf: (stack: TerraformStack) => Construct) {
    const stack = new TerraformStack(Testing.app(), 'test');
    new AwsProvider(stack, 'aws', { region: 'us-east-1' });
    const scope = scopeOf(stack);
    // As the project's constructs do, each resource is named before anything refers to it.
    const role = new (resourceClass(IamRole))(scope, 'role', { assumeRolePolicy: '{}' });
    role.overrideLogicalId('role');
    const instance = new (resourceClass(Instance))(scope, 'web', { ...CONFIG, tags: { Role: role.name } });
    instance.overrideLogicalId('web');
    instance.moveFromId('aws_instance.former');
    return JSON.parse(Testing.synth(stack));
  }

  it("gives each resource inside it the scope's count, and refers to it and moves into it as its one instance", () => {
    const json = switched((stack) => new CreatedIf(new CreatedIf(stack, 'outer', 'var.create'), 'inner', 'var.launch == ""'));
    expect(json.resource.aws_iam_role.role.count).toBe('${var.create && var.launch == "" ? 1 : 0}');
    expect(json.resource.aws_instance.web.tags).toEqual({ Role: '${aws_iam_role.role[0].name}' });
    expect(json.moved).toEqual([{ from: 'aws_instance.former', to: 'aws_instance.web[0]' }]);
  });

  it('changes nothing outside a scope', () => {
    const json = switched((stack) => stack);
    expect(json.resource.aws_iam_role.role).not.toHaveProperty('count');
    expect(json.resource.aws_instance.web.tags).toEqual({ Role: '${aws_iam_role.role.name}' });
    expect(json.moved).toEqual([{ from: 'aws_instance.former', to: 'aws_instance.web' }]);
  });
});
