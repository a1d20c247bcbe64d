import { checkStacks } from '../checks/check-stack';
import { sortFindings } from '../checks/check-spec';
import { collectProblems } from '../pipeline/collect-problems';
import { failing, type Finding } from '../checks/finding';
import { formatFindingsTable } from '../checks/report';
import { SECURITY_RULES } from '../checks/rules';
import { readSpec } from '../spec/load-spec';
import { readPlanFile } from '../stack-model/read-plan-file';

/**
 * `check`: every finding of the spec (or, with `planFile`, of the resources a Terraform plan
 * plans) as a table; false when any error is not suppressed.
 */
export async function runCheck(specFile: string | undefined, planFile?: string): Promise<boolean> {
  if (planFile) return report(`plan: ${planFile}`, sortFindings(await checkStacks([readPlanFile(planFile)], SECURITY_RULES)));
  const read = readSpec(specFile);
  return report(`spec: ${read.loaded.source}`, await collectProblems(read));
}

function report(source: string, findings: readonly Finding[]): boolean {
  console.log(source);
  process.stdout.write(formatFindingsTable(findings, { width: process.stdout.isTTY ? process.stdout.columns : undefined }));
  return failing(findings).length === 0;
}
