/**
 * Which stacks of a spec a plan can be (`plansMatching`): by the account and the regions it names,
 * the regions of an AWS provider 6.x plan's instances included.
 */
import { plansMatching } from '../../src/access/expectations';
import { stackModelOfPlan } from '../../src/stack-model/from-terraform-plan';
import { loadSpec } from '../../src/spec/load-spec';
import { planStacks } from '../../src/spec/plan-stacks';
import { PROVIDER_6_SPEC } from '../../scripts/plan-fixtures/provider-6-files';
import { committedProvider6Plan, instanceOf, withRegionFromEnvironment } from '../helpers/provider-6-plan';

// The fixture's spec: dev in us-east-1 (account 111111111111), prod in eu-west-1 (222222222222); its plan is prod's, with no account.
const plans = planStacks(loadSpec(PROVIDER_6_SPEC).spec);
const matching = (plan: unknown) => plansMatching(plans, stackModelOfPlan(plan, 'plan.json')).map((candidate) => candidate.name);

describe('plansMatching', () => {
  it("matches a 6.x plan to the stack of its provider's region", () => {
    expect(matching(committedProvider6Plan())).toEqual(['s3-write-prod']);
  });

  it("matches it by its instance's planned region when the provider's region is not in the configuration (AWS_REGION at plan time)", () => {
    expect(matching(withRegionFromEnvironment(committedProvider6Plan()))).toEqual(['s3-write-prod']);
  });

  it('matches a plan that names no region, as a 5.x plan with the region from AWS_REGION is, to every stack', () => {
    const plan = withRegionFromEnvironment(committedProvider6Plan());
    const { values, change } = instanceOf(plan);
    delete values.region;
    delete change.after.region;
    expect(matching(plan)).toEqual(['s3-write-dev', 's3-write-prod']);
  });

  it("matches no stack when an instance sets a region of its own that is not its environment's", () => {
    const plan = committedProvider6Plan();
    const { values, expressions } = instanceOf(plan);
    values.region = 'us-east-1';
    expressions.region = { constant_value: 'us-east-1' };
    expect(matching(plan)).toEqual([]);
  });
});
