import { roleIdentity, roleSessionContext } from '../../src/access/principal';
import { stackModelOfPlan } from '../../src/stack-model/from-terraform-plan';
import { type InstanceResource, resourcesOfType, type RoleResource } from '../../src/stack-model/stack-model';
import { committedProvider6Plan, instanceOf } from '../helpers/provider-6-plan';

const NOW = new Date('2025-06-18T00:00:00Z');

/** The request context of the fixture's role, made from its instance as the plan (changed by `change`) has it. */
function contextOf(change: (instance: ReturnType<typeof instanceOf>) => void = () => undefined): Record<string, string> {
  const plan = committedProvider6Plan();
  change(instanceOf(plan));
  const stack = stackModelOfPlan(plan, 'plan.json');
  const role = roleIdentity(resourcesOfType(stack, 'aws_iam_role')[0] as RoleResource, stack.provider);
  if ('problem' in role) throw new Error(role.problem);
  return roleSessionContext(role, {}, resourcesOfType(stack, 'aws_instance')[0] as InstanceResource, NOW);
}

describe('roleSessionContext', () => {
  it("makes the requests from the instance in the provider's region, which a 6.x plan plans it in", () => {
    expect(contextOf()).toMatchObject({
      'aws:RequestedRegion': 'eu-west-1',
      'ec2:SourceInstanceARN': 'arn:aws:ec2:eu-west-1:123456789012:instance/i-0123456789abcdef0',
    });
  });

  it('makes them in the instance’s own region when it sets one', () => {
    expect(
      contextOf(({ values, expressions }) => {
        values.region = 'eu-central-1';
        expressions.region = { constant_value: 'eu-central-1' };
      }),
    ).toMatchObject({
      'aws:RequestedRegion': 'eu-central-1',
      'ec2:SourceInstanceARN': 'arn:aws:ec2:eu-central-1:123456789012:instance/i-0123456789abcdef0',
    });
  });
});
