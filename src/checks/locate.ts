/**
 * Where a finding about a synthesized or planned resource points: at the spec field it came
 * from when the resource was built from a spec (so the message carries the spec's file and
 * line), else at the Terraform address and argument (`aws_instance.web.metadata_options`).
 */
import type { SpecPath, StackModel } from '../stack-model/stack-model';
import type { FieldPath } from '../spec/field-path';

/**
 * The field path of `argument` (Terraform argument names, nested: `root_block_device`,
 * `encrypted`) of the resource at `address`. The longest argument prefix the resource's origin
 * maps is replaced by its spec field; the rest is appended as it is (a policy document's
 * `Statement[0]` reads the same in both). Without a mapped prefix the path is the Terraform one.
 */
export function locate(stack: StackModel, address: string, ...argument: Array<string | number>): FieldPath {
  const origin = stack.origins.get(address);
  if (origin && argument.length === 0) return [...origin.path];
  for (let length = argument.length; origin && length > 0; length--) {
    const mapped: SpecPath | undefined = origin.arguments[argument.slice(0, length).join('.')];
    if (mapped) return [...mapped, ...argument.slice(length)];
  }
  return [address, ...argument];
}
