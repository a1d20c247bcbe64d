import { checkStacks } from '../checks/check-stack';
import { sortFindings } from '../checks/check-spec';
import { collectProblems } from '../pipeline/collect-problems';
import { failing, type Finding } from '../checks/finding';
import { formatFindingsTable } from '../checks/report';
import { SECURITY_RULES } from '../checks/rules';
import { readSpec } from '../spec/load-spec';
import { readPlanFile } from '../stack-model/read-plan-file';
import { synthesizeStackModels } from '../pipeline/synthesize';
import { selectedPlans, selectsStacks, type StackSelection } from './stack-selection';

/**
 * `check`: every finding of the spec (or, with `planFile`, of the resources a Terraform plan
 * plans) as a table; false when any error is not suppressed. With a `selection`, the stack
 * checks run on the selected stacks only (a spec with reading problems is reported whole).
 */
export async function runCheck(specFile: string | undefined, planFile?: string, selection: StackSelection = {}): Promise<boolean> {
  if (planFile) return report(`plan: ${planFile}`, sortFindings(await checkStacks([readPlanFile(planFile)], SECURITY_RULES)));
  const read = readSpec(specFile);
  if (!selectsStacks(selection)) return report(`spec: ${read.loaded.source}`, await collectProblems(read));
  const names = new Set(selectedPlans(read.loaded, selection).map((plan) => plan.name));
  const stacks = read.problems.length ? undefined : synthesizeStackModels(read.loaded).filter((stack) => names.has(stack.source));
  return report(`spec: ${read.loaded.source}; stacks: ${[...names].join(', ')}`, await collectProblems(read, { stacks }));
}

function report(source: string, findings: readonly Finding[]): boolean {
  console.log(source);
  process.stdout.write(formatFindingsTable(findings, { width: process.stdout.isTTY ? process.stdout.columns : undefined }));
  return failing(findings).length === 0;
}
