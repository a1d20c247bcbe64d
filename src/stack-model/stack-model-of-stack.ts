/**
 * The model of a cdktf stack built in any app: its Terraform JSON read with
 * {@link stackModelOfTerraformJson}, with the spec fields of its resources when it records them.
 */
import { stackModelOfTerraformJson, type TerraformJsonConfig } from './from-terraform-json';
import type { ResourceOrigin, StackModel } from './stack-model';

/** A cdktf stack, as far as its model is read: an `InstanceProfileStack`, or any `TerraformStack`. */
export interface SynthesizableStack {
  /** The stack's construct node; its id is the stack name. */
  readonly node: { readonly id: string };
  /** The stack as Terraform JSON (tokens resolved). */
  toTerraform(): unknown;
  /** Spec fields by resource address (an `InstanceProfileStack` records them). @default - none */
  readonly origins?: ReadonlyMap<string, ResourceOrigin>;
}

/** The model of a built stack, named after it (its `source` is the stack name). */
export function stackModelOfStack(stack: SynthesizableStack): StackModel {
  return stackModelOfTerraformJson(stack.toTerraform() as TerraformJsonConfig, { source: stack.node.id, origins: stack.origins ?? new Map() });
}
