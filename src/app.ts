import { App } from 'cdktf';
import { InstanceProfileStack, InstanceProfileStackProps } from './constructs/instance-profile-stack';
import type { LoadedSpec } from './spec/model';
import { planStacks } from './spec/plan-stacks';

/** Adds the stacks of a loaded spec to `app`: one per environment and shard (see `planStacks`). */
export function buildStacks(app: App, loaded: LoadedSpec, providerOverrides?: InstanceProfileStackProps['providerOverrides']): InstanceProfileStack[] {
  return planStacks(loaded.spec).map((plan) => new InstanceProfileStack(app, plan.name, { plan, providerOverrides }));
}
