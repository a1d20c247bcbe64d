/**
 * Reads the file a team writes with `terraform show -json plan.out > plan.json` into a
 * {@link StackModel}; a file that is missing, not JSON, or not a plan's JSON is an input error
 * ({@link SpecError}) naming the file.
 */
import { readStructuredFile } from '../spec/read-structured-file';
import { SpecError } from '../spec/spec-error';
import { stackModelOfPlan } from './from-terraform-plan';
import { PlanFormatError } from './plan-json';
import type { StackModel } from './stack-model';

/** The model of the plan in `file`. */
export function readPlanFile(file: string): StackModel {
  const { value } = readStructuredFile(file, 'plan file');
  try {
    return stackModelOfPlan(value, file);
  } catch (error) {
    if (!(error instanceof PlanFormatError)) throw error;
    throw new SpecError(file, [
      {
        path: [],
        message: `is not the JSON of \`terraform show -json <planfile>\` (${error.reason}); write it with terraform plan -out=plan.out && terraform show -json plan.out > plan.json`,
      },
    ]);
  }
}
