import { stackModelOfTerraformJson } from '../../src/stack-model/from-terraform-json';
import { regionOf, regionsOf } from '../../src/stack-model/stack-model';

/** A root with a role and two instances, `b` in a region of its own (an AWS provider 6.x argument). */
const model = (provider: Record<string, unknown>) =>
  stackModelOfTerraformJson(
    {
      provider: { aws: [provider] },
      resource: {
        aws_iam_role: { r: { name: 'R', assume_role_policy: '{}' } },
        aws_instance: { a: { ami: 'ami-0123456789abcdef0' }, b: { ami: 'ami-0123456789abcdef0', region: 'us-west-2' } },
      },
    },
    { source: 'main.tf.json' },
  );

const at = (stack: ReturnType<typeof model>, address: string) => stack.resources.find((resource) => resource.address === address)!;

describe("a stack's regions", () => {
  it("reads a resource's own region from its configuration, and gives the others none", () => {
    const stack = model({ region: 'eu-west-1' });
    expect(stack.resources.map((resource) => [resource.address, resource.region])).toEqual([
      ['aws_iam_role.r', undefined],
      ['aws_instance.a', undefined],
      ['aws_instance.b', 'us-west-2'],
    ]);
  });

  it("regionOf: a resource's own region, else the provider's", () => {
    const stack = model({ region: 'eu-west-1' });
    expect(['aws_iam_role.r', 'aws_instance.a', 'aws_instance.b'].map((address) => regionOf(stack, at(stack, address)))).toEqual([
      'eu-west-1',
      'eu-west-1',
      'us-west-2',
    ]);
  });

  it("regionsOf: the provider's region when given, then the resources' own, once each", () => {
    expect(regionsOf(model({ region: 'eu-west-1' }))).toEqual(['eu-west-1', 'us-west-2']);
    expect(regionsOf(model({ region: 'us-west-2' }))).toEqual(['us-west-2']);
    expect(regionsOf(model({ region: '${var.region}' }))).toEqual(['us-west-2']);
  });
});
