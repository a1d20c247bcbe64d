/** Timing helpers for the benchmark: run a command several times after a warm-up, take the median. */
import { spawnSync, SpawnSyncOptions } from 'child_process';

export interface Measurement {
  /** Median wall time, milliseconds. */
  readonly medianMs: number;
  readonly runsMs: readonly number[];
}

/** A command to time: what to run, where, with what environment. */
export interface TimedCommand {
  readonly command: string;
  readonly args: readonly string[];
  readonly options: SpawnSyncOptions;
}

/** Runs `command` once to warm up, then `runs` times; fails loudly if any run fails. */
export function measureCommand(command: string, args: readonly string[], options: SpawnSyncOptions & { runs: number }): Measurement {
  const [measurement] = measureAlternating([{ command, args, options }], options.runs);
  return measurement;
}

/**
 * Times several commands in turns (a warm-up of each, then run 1 of each, run 2 of each, ...),
 * so that a machine that speeds up or slows down meanwhile affects all of them alike; compare
 * them run by run with {@link runDifferences}.
 */
export function measureAlternating(commands: readonly TimedCommand[], runs: number): Measurement[] {
  for (const command of commands) timeOnce(command);
  const runsMs = commands.map((): number[] => []);
  for (let run = 0; run < runs; run++) commands.forEach((command, i) => runsMs[i].push(timeOnce(command)));
  return runsMs.map((times) => ({ medianMs: median(times), runsMs: times }));
}

/** The run-by-run differences `a − b` of two alternating measurements. */
export function runDifferences(a: Measurement, b: Measurement): number[] {
  return a.runsMs.map((ms, run) => ms - b.runsMs[run]);
}

function timeOnce({ command, args, options }: TimedCommand): number {
  const started = process.hrtime.bigint();
  const result = spawnSync(command, [...args], { stdio: ['ignore', 'ignore', 'pipe'], ...options });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status}):\n${String(result.stderr).slice(0, 2000)}`);
  }
  return ms;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** `1234.5` → `1.23 s`; `345.6` → `346 ms`. */
export function formatMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`;
}
