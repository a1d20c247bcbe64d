/** Timing helpers for the benchmark: run a command several times after a warm-up, take the median. */
import { spawnSync, SpawnSyncOptions } from 'child_process';

export interface Measurement {
  /** Median wall time, milliseconds. */
  readonly medianMs: number;
  readonly runsMs: readonly number[];
}

/** Runs `command` once to warm up, then `runs` times; fails loudly if any run fails. */
export function measureCommand(command: string, args: readonly string[], options: SpawnSyncOptions & { runs: number }): Measurement {
  const once = () => {
    const started = process.hrtime.bigint();
    const result = spawnSync(command, [...args], { stdio: ['ignore', 'ignore', 'pipe'], ...options });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    if (result.status !== 0) {
      throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status}):\n${String(result.stderr).slice(0, 2000)}`);
    }
    return ms;
  };
  once();
  const runsMs = Array.from({ length: options.runs }, once);
  return { medianMs: median(runsMs), runsMs };
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
