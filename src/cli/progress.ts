/**
 * Progress of a long run, on standard error: a progress bar on a terminal (cli-progress), plain
 * lines otherwise (CI logs), and nothing at all for a spec small enough to finish in a moment.
 */
import { SingleBar } from 'cli-progress';
import type { Progress } from '../pipeline/progress';

/** Below this many profiles a run takes well under a second: it shows no progress. */
export const PROGRESS_MIN_PROFILES = 500;

/** Plain progress lines are printed at most this often (and at the end). */
const LINE_INTERVAL_MS = 2000;

export type { Progress };

/** Where and how progress is shown; the defaults are the CLI's. */
export interface ProgressOptions {
  /** @default process.stderr */
  readonly stream?: NodeJS.WriteStream;
  /** Show nothing (`--quiet`). @default false */
  readonly quiet?: boolean;
  /** @default Date.now */
  readonly now?: () => number;
}

const SILENT: Progress = { update: () => undefined, stop: () => undefined };

/** Progress of `total` units of `phase` ("synthesizing"); silent for small totals, when quiet, or when there is nothing to count. */
export function startProgress(phase: string, total: number, options: ProgressOptions = {}): Progress {
  const stream = options.stream ?? process.stderr;
  if (options.quiet || total < PROGRESS_MIN_PROFILES) return SILENT;
  if (stream.isTTY) return terminalBar(phase, total, stream);
  return plainLines(phase, total, stream, options.now ?? Date.now);
}

function terminalBar(phase: string, total: number, stream: NodeJS.WriteStream): Progress {
  const bar = new SingleBar({
    stream,
    format: `${phase.padEnd(12)} [{bar}] {value}/{total} profiles, {duration}s`,
    barsize: 30,
    hideCursor: true,
    clearOnComplete: true,
    etaBuffer: 20,
  });
  bar.start(total, 0);
  return {
    update: (done) => bar.update(done),
    stop: () => bar.stop(),
  };
}

function plainLines(phase: string, total: number, stream: NodeJS.WriteStream, now: () => number): Progress {
  const started = now();
  let last = started;
  let shown = -1;
  const line = (done: number) => {
    shown = done;
    stream.write(
      `${phase}: ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')} profiles (${Math.floor((100 * done) / total)}%), ${((now() - started) / 1000).toFixed(1)} s\n`,
    );
  };
  return {
    update: (done) => {
      if (now() - last < LINE_INTERVAL_MS) return;
      last = now();
      line(done);
    },
    stop: () => {
      if (shown !== total) line(total);
    },
  };
}
