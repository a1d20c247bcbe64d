/**
 * Which of a spec's stacks a command works on: `--environment NAME` keeps that environment's
 * stacks, `--stack NAME` the one stack of that planned name (one shard of a fleet). A name the
 * spec does not have is a usage error naming the ones it has, with the nearest.
 */
import type { LoadedSpec } from '../spec/model';
import { planStacks, type StackPlan } from '../spec/plan-stacks';
import { closest } from '../text/closest';
import { UsageError } from './cli-error';

/** The stacks asked for on the command line. */
export interface StackSelection {
  /** A key of the spec's `environments`. @default - every environment */
  readonly environment?: string;
  /** A stack's planned name (`<stack>-<environment>-<shard>`). @default - every stack (of the environment) */
  readonly stack?: string;
}

/** Whether the selection keeps only some stacks. */
export function selectsStacks(selection: StackSelection): boolean {
  return selection.environment !== undefined || selection.stack !== undefined;
}

/** The plans of the stacks selected, in stack order; a usage error for a name the spec does not have. */
export function selectedPlans(loaded: LoadedSpec, selection: StackSelection): readonly StackPlan[] {
  let plans = planStacks(loaded.spec);
  const { environment, stack } = selection;
  if (environment !== undefined) {
    const known = Object.keys(loaded.spec.environments);
    if (!known.includes(environment)) throw new UsageError(`--environment: ${notOneOf(environment, known, 'an environment of the spec')}`);
    plans = plans.filter((plan) => plan.environment === environment);
  }
  if (stack !== undefined) {
    const where = environment === undefined ? 'a stack of the spec' : `a stack of environment ${environment}`;
    const found = plans.filter((plan) => plan.name === stack);
    if (!found.length)
      throw new UsageError(
        `--stack: ${notOneOf(
          stack,
          plans.map((plan) => plan.name),
          where,
        )}`,
      );
    plans = found;
  }
  return plans;
}

/** `"prd" is not an environment of the spec (dev, prod); did you mean "prod"?`, as the spec's own checks write it. */
function notOneOf(name: string, known: readonly string[], what: string): string {
  if (!known.length) return `"${name}" is not ${what}: the spec has no environments`;
  const hint = closest(name, known);
  return `"${name}" is not ${what} (${known.join(', ')})${hint ? `; did you mean "${hint}"?` : ''}`;
}
