/**
 * How many times the access proofs of this process called iam-simulate, for the benchmark: the
 * calls made here, and those a verification worker reports with its results.
 */
let made = 0;

/** Adds `calls` iam-simulate calls to the count. */
export function countSimulations(calls: number): void {
  made += calls;
}

/** The iam-simulate calls counted so far in this process. */
export function simulationsMade(): number {
  return made;
}
