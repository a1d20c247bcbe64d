/**
 * What the verifier is asked about a stack: per instance profile, the spec's expectations and
 * where they are written. A spec's stacks each get the expectations of the profiles they hold.
 */
import type { LoadedSpec, ResolvedProfileSpec } from '../spec/model';
import { planStacks } from '../spec/plan-stacks';
import type { ProfileExpectations } from '../spec/expectations-file';
import type { StackModel } from '../stack-model/stack-model';

export type { ProfileExpectations };

/** A stack and what is expected of its instance profiles. */
export interface StackToVerify {
  readonly stack: StackModel;
  readonly expectations: readonly ProfileExpectations[];
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
  const byName = new Map(planStacks(loaded.spec).map((plan) => [plan.name, plan.profiles]));
  return stacks.map((stack) => {
    const profiles = byName.get(stack.source);
    if (!profiles) throw new Error(`${loaded.source} builds no stack named "${stack.source}"; its stacks: ${[...byName.keys()].join(', ')}`);
    return { stack, expectations: profiles.map(profileExpectations) };
  });
}

function profileExpectations(profile: ResolvedProfileSpec): ProfileExpectations {
  return { instanceProfile: profile.instanceProfile.name, path: profile.fieldPath, expectations: profile.expectations };
}
