/**
 * How many checks the access proofs of this process decided, and how many times they called
 * iam-simulate for them, for the benchmark: the counts made here, and those a verification
 * worker reports with its results.
 */

/** Checks decided, and iam-simulate calls made for them. */
export interface DecisionCounts {
  readonly decided: number;
  readonly simulated: number;
}

let made: DecisionCounts = { decided: 0, simulated: 0 };

/** Adds `counts` to this process's. */
export function countDecisions(counts: DecisionCounts): void {
  made = { decided: made.decided + counts.decided, simulated: made.simulated + counts.simulated };
}

/** The counts so far in this process. */
export function decisionsMade(): DecisionCounts {
  return made;
}
