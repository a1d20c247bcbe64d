/**
 * What the verifier checks: the profiles of a loaded spec or of one stack, with the region
 * (hence the partition) and account they are deployed to.
 */
import type { LoadedSpec, ResolvedProfileSpec } from '../spec/model';
import type { StackPlan } from '../spec/plan-stacks';

/** Profiles with where they are deployed. */
export interface VerifyTarget {
  /** The spec file, or a stack name, for messages. */
  readonly source: string;
  readonly region: string;
  /** The account, when the spec names one; else roles live in a placeholder account. */
  readonly accountId?: string;
  readonly profiles: readonly ResolvedProfileSpec[];
}

/** A loaded spec's profiles, in its top-level region and account (environments are not considered). */
export function targetOfSpec(loaded: LoadedSpec): VerifyTarget {
  return { source: loaded.source, region: loaded.spec.region, accountId: loaded.spec.accountId, profiles: loaded.spec.profiles };
}

/** One stack's profiles, in that stack's region and account. */
export function targetOfStackPlan(plan: StackPlan): VerifyTarget {
  return { source: plan.name, region: plan.region, accountId: plan.accountId, profiles: plan.profiles };
}

/**
 * A verify target from a value of unknown type: a {@link LoadedSpec}, or an object holding its
 * {@link StackPlan} as `plan` (an `InstanceProfileStack` does, as a private field: reading it
 * this way is what lets the jest matchers take a stack). Undefined for anything else.
 */
export function targetOf(value: unknown): VerifyTarget | undefined {
  if (!isRecord(value)) return undefined;
  if (isRecord(value.spec) && Array.isArray(value.spec.profiles) && typeof value.spec.region === 'string') {
    return targetOfSpec(value as unknown as LoadedSpec);
  }
  const plan = value.plan;
  if (isRecord(plan) && Array.isArray(plan.profiles) && typeof plan.region === 'string' && typeof plan.name === 'string') {
    return targetOfStackPlan(plan as unknown as StackPlan);
  }
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
