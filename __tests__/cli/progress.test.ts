import { PROGRESS_MIN_PROFILES, startProgress } from '../../src/cli/progress';

/** A stream that records what is written; a terminal when `isTTY`. */
function recorder(isTTY: boolean) {
  const written: string[] = [];
  const stream = {
    isTTY,
    columns: 80,
    write: (chunk: string) => (written.push(String(chunk)), true),
    on: () => stream,
    removeListener: () => stream,
    cursorTo: () => true,
    clearLine: () => true,
    moveCursor: () => true,
  };
  return { stream: stream as unknown as NodeJS.WriteStream, written };
}

describe('progress', () => {
  it('shows nothing for a spec small enough to finish in a moment, or when quiet', () => {
    const { stream, written } = recorder(false);
    const small = startProgress('synthesizing', PROGRESS_MIN_PROFILES - 1, { stream });
    small.update(10);
    small.stop();
    const quiet = startProgress('synthesizing', 10_000, { stream, quiet: true });
    quiet.update(5_000);
    quiet.stop();
    expect(written).toEqual([]);
  });

  it('prints plain lines off a terminal, at most every two seconds, and the end', () => {
    const { stream, written } = recorder(false);
    let clock = 0;
    const progress = startProgress('synthesizing', 10_000, { stream, now: () => clock });
    clock = 500;
    progress.update(1_000);
    clock = 2_100;
    progress.update(2_500);
    clock = 3_000;
    progress.update(3_000);
    clock = 4_500;
    progress.stop();
    expect(written).toEqual(['synthesizing: 2,500/10,000 profiles (25%), 2.1 s\n', 'synthesizing: 10,000/10,000 profiles (100%), 4.5 s\n']);
  });

  it('draws a bar on a terminal', () => {
    const { stream, written } = recorder(true);
    const progress = startProgress('synthesizing', 1_000, { stream });
    progress.update(500);
    progress.stop();
    expect(written.join('')).toMatch(/synthesizing\s+\[[^\]]+\] 500\/1000 profiles/);
  });
});
