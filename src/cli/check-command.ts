import { collectProblems } from '../checks/collect-problems';
import { failing } from '../checks/finding';
import { formatFindingsTable } from '../checks/report';
import { readSpec } from '../spec/load-spec';

/** `check`: every finding of the spec as a table; false when any error is not suppressed. */
export async function runCheck(specFile: string | undefined): Promise<boolean> {
  const read = readSpec(specFile);
  const findings = await collectProblems(read);
  console.log(`spec: ${read.loaded.source}`);
  process.stdout.write(formatFindingsTable(findings, { width: process.stdout.isTTY ? process.stdout.columns : undefined }));
  return failing(findings).length === 0;
}
