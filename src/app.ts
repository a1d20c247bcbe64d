import { App } from 'cdktf';
import { InstanceProfileStack, InstanceProfileStackProps } from './constructs/instance-profile-stack';
import type { LoadedSpec } from './spec/model';
import { planStacks } from './spec/plan-stacks';

/** Adds the stacks of a loaded spec to `app`: one per environment and shard (see `planStacks`). */
export function buildStacks(
  app: App,
  loaded: LoadedSpec,
  providerOverrides?: InstanceProfileStackProps['providerOverrides'],
): InstanceProfileStack[] {
  return planStacks(loaded.spec).map((plan) => new InstanceProfileStack(app, plan.name, { plan, providerOverrides }));
}

/** A new app (synthesizing into `outdir`) holding the stacks of a loaded spec. */
export function buildApp(
  loaded: LoadedSpec,
  options: { outdir?: string; providerOverrides?: InstanceProfileStackProps['providerOverrides'] } = {},
): { app: App; stacks: InstanceProfileStack[] } {
  const app = new App({ outdir: options.outdir, skipValidation: false });
  return { app, stacks: buildStacks(app, loaded, options.providerOverrides) };
}
