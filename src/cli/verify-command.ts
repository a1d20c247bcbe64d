import { verifyFindings } from '../access/findings';
import { renderVerifyReport } from '../access/report';
import { verifyProfiles } from '../access/verify';
import { loadSpec } from '../spec/load-spec';

/** `verify`: decide every expectation and the trust of each role; false when any is not met. */
export async function runVerify(specFile: string | undefined): Promise<boolean> {
  const loaded = loadSpec(specFile);
  const results = await verifyProfiles(loaded);
  console.log(`spec: ${loaded.source}`);
  process.stdout.write(renderVerifyReport(results));
  const failures = verifyFindings(results);
  for (const failure of failures) console.error(`error: ${failure.message}`);
  return failures.length === 0;
}
