/**
 * What the verifier is asked about a stack: per instance profile, the spec's expectations and
 * where they are written. A spec's stacks each get the expectations of the profiles they hold.
 */
import type { LoadedSpec, ResolvedProfileSpec } from '../spec/model';
import { planStacks, type StackPlan } from '../spec/plan-stacks';
import type { ProfileExpectations } from '../spec/expectations-file';
import { regionsOf, soleAccountOf, type StackModel } from '../stack-model/stack-model';
import { fleetOf, templateFields } from '../fleet/fleet-template';
import type { ItemValues } from './query-shape';

/** What is expected of an instance profile, and the values of the fleet item it is made from. */
export interface ProfileToVerify extends ProfileExpectations {
  /** The fleet item's values: the profile's checks share decisions with other items' by shape (`query-shape.ts`). @default - none: a listed profile */
  readonly itemValues?: ItemValues;
}

/** A stack and what is expected of its instance profiles. */
export interface StackToVerify {
  readonly stack: StackModel;
  readonly expectations: readonly ProfileToVerify[];
}

/**
 * The expectations of the profiles of one stack of the spec (by stack name, as `planStacks`
 * names it), or of every profile of the spec when no stack is named. Throws for a stack the
 * spec does not build.
 */
export function expectationsOf(loaded: LoadedSpec, stackName?: string): ProfileExpectations[] {
  if (stackName === undefined) return loaded.spec.profiles.map(profileExpectations);
  const plans = planStacks(loaded.spec);
  const plan = plans.find((candidate) => candidate.name === stackName);
  if (!plan) throw new Error(`${loaded.source} builds no stack named "${stackName}"; its stacks: ${plans.map((candidate) => candidate.name).join(', ')}`);
  return plan.profiles.map(profileExpectations);
}

/**
 * Each stack model of a spec with the expectations of the profiles it holds, the model found by
 * its `source` (the stack name, as `stackModelsOfSpec` and the synthesis name their models).
 */
export function stacksToVerify(loaded: LoadedSpec, stacks: readonly StackModel[]): StackToVerify[] {
  return stacks.map(stackToVerifyOf(loaded));
}

/** {@link stacksToVerify} one stack at a time, the spec's stacks and fleet fields read once (stacks handed over as they are synthesized). */
export function stackToVerifyOf(loaded: LoadedSpec): (stack: StackModel) => StackToVerify {
  const byName = new Map(planStacks(loaded.spec).map((plan) => [plan.name, plan.profiles]));
  const fields = loaded.spec.fleets.map(templateFields);
  return (stack) => {
    const profiles = byName.get(stack.source);
    if (!profiles) throw new Error(`${loaded.source} builds no stack named "${stack.source}"; its stacks: ${[...byName.keys()].join(', ')}`);
    return { stack, expectations: profiles.map((profile) => ({ ...profileExpectations(profile), itemValues: itemValuesOf(loaded, fields, profile) })) };
  };
}

/**
 * The stacks of `plans` a stack model (a Terraform plan) can be: those in the account its
 * provider allows (`allowed_account_ids`) and in its region, where the model names them. The
 * regions are the provider's and, in a plan made with the AWS provider 6.x, each resource's own
 * (`regionsOf`): a stack of the spec deploys everything in its environment's region, so every
 * region the plan names must be that one. A plan that names neither account nor region can be
 * any of them.
 */
export function plansMatching(plans: readonly StackPlan[], stack: StackModel): StackPlan[] {
  const account = soleAccountOf(stack.provider);
  const regions = regionsOf(stack);
  return plans.filter(
    (plan) => (account === undefined || plan.accountId === undefined || plan.accountId === account) && regions.every((region) => region === plan.region),
  );
}

/**
 * Each stack model of a spec with the expectations of `expectations` (an expectations file)
 * whose instance profile it holds, the model's plan found by its `source` among `plans`.
 * Returns the expectations no stack holds apart: they cannot be decided on these stacks.
 */
export function stacksToVerifyWith(
  plans: readonly StackPlan[],
  stacks: readonly StackModel[],
  expectations: readonly ProfileExpectations[],
): { stacks: StackToVerify[]; unheld: ProfileExpectations[] } {
  const profilesOf = (stack: StackModel) => new Set(plans.find((plan) => plan.name === stack.source)?.profiles.map((profile) => profile.instanceProfile.name));
  const held = stacks.map((stack) => ({ stack, names: profilesOf(stack) }));
  return {
    stacks: held.map(({ stack, names }) => ({ stack, expectations: expectations.filter((entry) => names.has(entry.instanceProfile)) })),
    unheld: expectations.filter((entry) => !held.some(({ names }) => names.has(entry.instanceProfile))),
  };
}

/** The values of the fleet item a profile is made from (`fleets[f].items[i]`), when it is one, for the fields its template fills. */
function itemValuesOf(loaded: LoadedSpec, fields: readonly (readonly string[])[], profile: ResolvedProfileSpec): ItemValues | undefined {
  const fleet = fleetOf(profile);
  if (fleet === undefined) return undefined;
  const item = loaded.spec.fleets[fleet].items[profile.fieldPath[3] as number];
  return Object.fromEntries(fields[fleet].filter((field) => field in item).map((field) => [field, item[field]]));
}

function profileExpectations(profile: ResolvedProfileSpec): ProfileExpectations {
  return { instanceProfile: profile.instanceProfile.name, path: profile.fieldPath, expectations: profile.expectations };
}
