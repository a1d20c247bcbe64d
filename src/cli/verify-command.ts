import { expectationsOf, type ProfileExpectations } from '../access/expectations';
import { verifyFindings } from '../access/findings';
import { renderVerifyReport } from '../access/report';
import { verifyProfiles, verifyStack, type ProfileVerification } from '../access/verify';
import { readExpectationsFile } from '../spec/expectations-file';
import { loadSpec } from '../spec/load-spec';
import { readPlanFile } from '../stack-model/read-plan-file';
import { synthesizeStackModels } from '../pipeline/synthesize';

/** What `verify` decides on: a spec's stacks, or a Terraform plan with the expectations of a spec or an expectations file. */
export interface VerifyOptions {
  readonly specFile?: string;
  /** `terraform show -json` of a plan: decide on its planned values instead of the spec's stacks. */
  readonly planFile?: string;
  /** Expectations per instance profile (the spec's syntax), for a plan without a spec. */
  readonly expectFile?: string;
}

/** `verify`: decide every expectation and the trust of each role; false when any is not met. */
export async function runVerify(options: VerifyOptions): Promise<boolean> {
  const { source, results } = options.planFile ? await verifyPlan(options.planFile, options) : await verifySpec(options.specFile);
  console.log(source);
  process.stdout.write(renderVerifyReport(results));
  const failures = verifyFindings(results);
  for (const failure of failures) console.error(`error: ${failure.message}`);
  return failures.length === 0;
}

async function verifySpec(specFile: string | undefined): Promise<{ source: string; results: ProfileVerification[] }> {
  const loaded = loadSpec(specFile);
  return { source: `spec: ${loaded.source}`, results: await verifyProfiles(loaded, synthesizeStackModels(loaded)) };
}

async function verifyPlan(planFile: string, options: VerifyOptions): Promise<{ source: string; results: ProfileVerification[] }> {
  const stack = readPlanFile(planFile);
  let expectations: ProfileExpectations[] = [];
  let from = '';
  if (options.expectFile) {
    expectations = readExpectationsFile(options.expectFile);
    from = `, expectations: ${options.expectFile}`;
  } else if (options.specFile) {
    expectations = expectationsOf(loadSpec(options.specFile));
    from = `, expectations: ${options.specFile}`;
  }
  return { source: `plan: ${planFile}${from}`, results: await verifyStack(stack, expectations) };
}
