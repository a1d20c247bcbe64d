/**
 * What the jest matchers check: the stacks of a loaded spec (synthesized in memory), one stack
 * model, or a cdktf stack (an `InstanceProfileStack`, or any `TerraformStack`) read as it
 * synthesizes.
 */
import { TerraformStack } from 'cdktf';
import type { LoadedSpec } from '../spec/model';
import { stackModelOfStack, type SynthesizableStack } from '../stack-model/stack-model-of-stack';
import { synthesizeStackModels } from './synthesize';
import type { StackModel } from '../stack-model/stack-model';

/** Stacks to check, and what to call them in messages. */
export interface VerifySubject {
  /** The spec file, or the stack's name. */
  readonly source: string;
  readonly stacks: readonly StackModel[];
}

/** The stacks of a value of unknown type, or undefined when it is none of a {@link LoadedSpec}, a {@link StackModel} or a cdktf stack. */
export function subjectOf(value: unknown): VerifySubject | undefined {
  if (!isRecord(value)) return undefined;
  if (isRecord(value.spec) && Array.isArray(value.spec.profiles) && typeof value.spec.region === 'string') {
    const loaded = value as unknown as LoadedSpec;
    return { source: loaded.source, stacks: synthesizeStackModels(loaded) };
  }
  if (typeof value.source === 'string' && isRecord(value.provider) && Array.isArray(value.resources) && value.origins instanceof Map) {
    const stack = value as unknown as StackModel;
    return { source: stack.source, stacks: [stack] };
  }
  if (TerraformStack.isStack(value)) {
    const stack = stackModelOfStack(value as unknown as SynthesizableStack);
    return { source: stack.source, stacks: [stack] };
  }
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
