/** Throughput of the access verifier, for the project's benchmark script. */
import { stacksToVerify } from '../../src/access/expectations';
import { planVerification } from '../../src/access/plan';
import { simulate } from '../../src/iam/simulator';
import type { LoadedSpec } from '../../src/spec/model';
import { synthesizeStackModels } from '../../src/pipeline/synthesize';

/**
 * Decisions per second: the checks of the spec's stacks (expectations and trust checks of every
 * profile) are planned once, decided once to warm up, then decided again and again, one after
 * the other, for at least `seconds`. Checks that cannot be evaluated are left out; 0 when none is left.
 */
export async function measureDecisionsPerSecond(loaded: LoadedSpec, seconds: number): Promise<number> {
  const planned = planVerification(stacksToVerify(loaded, synthesizeStackModels(loaded)));
  const queries = planned.flatMap((profile) => profile.checks.flatMap((check) => (check.query ? [check.query] : [])));
  if (!queries.length) return 0;
  for (const query of queries) await simulate(query);
  const start = process.hrtime.bigint();
  const budget = BigInt(Math.round(seconds * 1e9));
  let decisions = 0;
  let elapsed = 0n;
  do {
    for (const query of queries) await simulate(query);
    decisions += queries.length;
    elapsed = process.hrtime.bigint() - start;
  } while (elapsed < budget);
  return decisions / (Number(elapsed) / 1e9);
}
