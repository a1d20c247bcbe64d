import { App } from 'cdktf';
import { InstanceProfileStack, InstanceProfileStackProps } from './constructs/instance-profile-stack';
import type { LoadedSpec } from './spec/model';

/** Adds the stacks of a loaded spec to `app`: one stack named after `spec.stack`. */
export function buildStacks(
  app: App,
  loaded: LoadedSpec,
  providerOverrides?: InstanceProfileStackProps['providerOverrides'],
): InstanceProfileStack[] {
  return [new InstanceProfileStack(app, loaded.spec.stack, { spec: loaded.spec, providerOverrides })];
}

/** A new app (synthesizing into `outdir`) holding the stacks of a loaded spec. */
export function buildApp(
  loaded: LoadedSpec,
  options: { outdir?: string; providerOverrides?: InstanceProfileStackProps['providerOverrides'] } = {},
): { app: App; stacks: InstanceProfileStack[] } {
  const app = new App({ outdir: options.outdir, skipValidation: false });
  return { app, stacks: buildStacks(app, loaded, options.providerOverrides) };
}
