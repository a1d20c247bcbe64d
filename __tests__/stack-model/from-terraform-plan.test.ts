/**
 * A plan made with the AWS provider 6.x (the committed fixture, and variations of it): read as a
 * 5.x plan is, with what 6.x says that 5.x does not (the user data's text, each instance's region)
 * taken from it. The same reader on real 5.x plans: `__tests__/terraform/from-terraform-plan.test.ts`.
 */
import { stackModelOfPlan } from '../../src/stack-model/from-terraform-plan';
import { type InstanceResource, type StackModel } from '../../src/stack-model/stack-model';
import { committedProvider6Plan, INSTANCE, instanceOf, withRegionFromEnvironment } from '../helpers/provider-6-plan';

const USER_DATA = '#!/bin/bash\necho "home is ${HOME}" > /opt/hello\necho "DB_PASSWORD=correct-horse-battery" >> /etc/app.env\n';

function instanceIn(model: StackModel): InstanceResource {
  const instance = model.resources.find((resource) => resource.address === INSTANCE);
  expect(instance).toMatchObject({ type: 'aws_instance' });
  return instance as InstanceResource;
}

describe('stackModelOfPlan on a 6.x plan', () => {
  const model = stackModelOfPlan(committedProvider6Plan(), 'plan.json');

  it("reads the provider from the configuration: its region, the environment's partition, no account (lifted for the offline plan)", () => {
    expect(model.provider).toEqual({
      region: 'eu-west-1',
      regionGiven: true,
      partition: 'aws',
      dnsSuffix: 'amazonaws.com',
      allowedAccountIds: [],
      defaultTags: { ManagedBy: 'instance-profile-cdktf' },
    });
  });

  it("reads the instance's user data as the text the plan holds, and its own region", () => {
    expect(instanceOf(committedProvider6Plan()).values.user_data).toBe(USER_DATA);
    expect(instanceIn(model)).toMatchObject({ userData: USER_DATA, region: 'eu-west-1', iamInstanceProfile: 'S3WriteProfile', instanceType: 't3.micro' });
  });

  it('gives the IAM resources, which are global, no region', () => {
    expect(model.resources.filter((resource) => resource.region !== undefined).map((resource) => resource.address)).toEqual([INSTANCE]);
  });

  it("leaves out what 6.x computes and the configuration does not set (placement_group_id, primary_network_interface), as 5.x's computed arguments", () => {
    const { change } = instanceOf(committedProvider6Plan());
    expect(change.after_unknown).toMatchObject({ placement_group_id: true, primary_network_interface: true });
    expect(instanceIn(model)).not.toHaveProperty('placementGroupId');
    expect(instanceIn(model)).not.toHaveProperty('primaryNetworkInterface');
  });

  it("takes the provider's region from the instance's planned region when the configuration does not give it (AWS_REGION at plan time)", () => {
    const fromEnvironment = stackModelOfPlan(withRegionFromEnvironment(committedProvider6Plan()), 'plan.json');
    expect(fromEnvironment.provider).toMatchObject({ region: 'eu-west-1', regionGiven: true, partition: 'aws' });
  });

  it('takes a China region from the instances the same way, with its partition and DNS suffix', () => {
    const plan = withRegionFromEnvironment(committedProvider6Plan());
    const { values, change } = instanceOf(plan);
    values.region = change.after.region = 'cn-north-1';
    expect(stackModelOfPlan(plan, 'plan.json').provider).toMatchObject({
      region: 'cn-north-1',
      regionGiven: true,
      partition: 'aws-cn',
      dnsSuffix: 'amazonaws.com.cn',
    });
  });

  it("does not take the provider's region from an instance that sets its own, which keeps it", () => {
    const plan = withRegionFromEnvironment(committedProvider6Plan());
    const { values, expressions } = instanceOf(plan);
    values.region = 'us-west-2';
    expressions.region = { constant_value: 'us-west-2' };
    const read = stackModelOfPlan(plan, 'plan.json');
    expect(read.provider).toMatchObject({ region: 'us-east-1', regionGiven: false });
    expect(instanceIn(read).region).toBe('us-west-2');
  });

  it('reads the text of user data the configuration gives by an expression, which a 5.x plan cannot', () => {
    const plan = committedProvider6Plan();
    instanceOf(plan).expressions.user_data = { references: ['local.boot_script'] };
    expect(instanceIn(stackModelOfPlan(plan, 'plan.json')).userData).toBe(USER_DATA);
  });

  it("reads a 5.x hash left in the plan (a state 5.x wrote) as the configuration's text, and as no text without one", () => {
    const plan = committedProvider6Plan();
    const { values, expressions } = instanceOf(plan);
    values.user_data = '63fc4390b065d7118402a6b6fe0f1827deebae09';
    expect(instanceIn(stackModelOfPlan(plan, 'plan.json')).userData).toBe(USER_DATA);
    expressions.user_data = { references: ['local.boot_script'] };
    expect(instanceIn(stackModelOfPlan(plan, 'plan.json')).userData).toBeUndefined();
  });

  it('reads user data and a region known only after apply as not known, without failing', () => {
    const plan = withRegionFromEnvironment(committedProvider6Plan());
    const { values, change, expressions } = instanceOf(plan);
    delete values.user_data;
    delete values.region;
    change.after_unknown.user_data = true;
    change.after_unknown.region = true;
    expressions.user_data = { references: ['aws_s3_object.boot.body', 'aws_s3_object.boot'] };
    const read = stackModelOfPlan(plan, 'plan.json');
    expect(instanceIn(read).userData).toBeUndefined();
    expect(instanceIn(read)).not.toHaveProperty('region');
    expect(read.provider).toMatchObject({ region: 'us-east-1', regionGiven: false });
  });

  it('reads an expression whose references are no list as one that refers to nothing', () => {
    const plan = committedProvider6Plan();
    const attachment = plan.configuration.root_module.resources.find((resource) => resource.address.startsWith('aws_iam_role_policy_attachment.'))!;
    attachment.expressions.policy_arn = { references: 'aws_iam_policy.s3_write_policy.arn' };
    instanceOf(plan).expressions.user_data = { references: 'var.boot_script' };
    const read = stackModelOfPlan(plan, 'plan.json');
    expect(read.resources.find((resource) => resource.type === 'aws_iam_role_policy_attachment')).toMatchObject({ policyArn: { unknown: true } });
    expect(read.resources.find((resource) => resource.type === 'aws_iam_role_policy_attachment')).not.toHaveProperty('policyArn.reference');
    expect(instanceIn(read).userData).toBe(USER_DATA);
  });

  it('passes over attributes it does not know, whatever their values', () => {
    const plan = committedProvider6Plan();
    const { values, change } = instanceOf(plan);
    Object.assign(values, { some_new_argument: { nested: [1, null, 'x'] }, another: null });
    change.after_unknown.some_new_block = [{ id: true }];
    expect(instanceIn(stackModelOfPlan(plan, 'plan.json'))).toEqual(instanceIn(model));
  });
});
