import { Instance, InstanceConfig } from '@cdktf/provider-aws/lib/instance';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import { setAttributesOnly } from '../../src/constructs/set-attributes-only';

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

describe('setAttributesOnly', () => {
  it('hands cdktf only the attributes that are set', () => {
    const plain = Object.entries(attributesOf(stackWith(Instance).instance));
    const lean = Object.entries(attributesOf(stackWith(setAttributesOnly(Instance)).instance));
    expect(plain.filter(([, value]) => value === undefined).length).toBeGreaterThan(40);
    expect(lean.filter(([, value]) => value === undefined)).toEqual([]);
    expect(lean.map(([name]) => name).sort()).toEqual(['ami', 'instance_type', 'metadata_options', 'root_block_device', 'tags']);
  });

  it('synthesizes exactly the Terraform JSON of the plain resource class', () => {
    const plain = stackWith(Instance).json;
    expect(stackWith(setAttributesOnly(Instance)).json).toBe(plain);
    expect(JSON.parse(plain).resource.aws_instance.web).toMatchObject({ ami: CONFIG.ami, metadata_options: { http_tokens: 'required' } });
  });
});
