import { type ChildProcess, spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { OutputFolderError } from '../../src/output/output-folder-error';
import { acquireOutputLock, LOCK_TIMEOUT_ENV, takeoverFilePath } from '../../src/output/output-lock';
import { locateOutputFolder } from '../../src/output/output-paths';
import { runCli } from '../helpers/run-cli';
import { tempDir } from '../helpers/temp-dirs';

/** The id of a process that has ended (run to completion just now). */
function deadPid(): number {
  const { pid } = spawnSync(process.execPath, ['-e', '']);
  return pid!;
}

/** What a lock file or a takeover file of run `pid` holds (the format the lock writes). */
function holderText(pid: number, token: string): string {
  return JSON.stringify({ pid, started: '2024-01-01T00:00:00.000Z', activity: 'writing', token }) + '\n';
}

/**
 * The state a run killed while taking over a stale lock leaves beside `<cwd>/out`: the stale lock
 * of a dead run and the dead taker's takeover file. Returns the lock file and the takeover file.
 */
function leaveKilledTakeover(cwd: string, takerPid: number = deadPid()): { lockFile: string; takeover: string } {
  const lockFile = path.join(cwd, '.out.lock');
  const stale = holderText(deadPid(), 'aaaaaaaaaaaaaaaa');
  fs.writeFileSync(lockFile, stale);
  const takeover = takeoverFilePath(lockFile, stale, 1);
  fs.writeFileSync(takeover, holderText(takerPid, 'bbbbbbbbbbbbbbbb'));
  return { lockFile, takeover };
}

const sleepers: ChildProcess[] = [];
/** A live process that does nothing, ended after the tests. */
function liveProcess(): number {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 120000)'], { stdio: 'ignore' });
  sleepers.push(child);
  return child.pid!;
}
afterAll(() => {
  for (const child of sleepers.splice(0)) child.kill();
});

describe('acquireOutputLock with what a run killed during a takeover leaves', () => {
  it('steps over the takeover file of the dead run, takes the stale lock over, and leaves nothing behind', () => {
    const cwd = tempDir('lock-');
    const { lockFile, takeover } = leaveKilledTakeover(cwd);
    const lines: string[] = [];
    const started = Date.now();

    const release = acquireOutputLock(locateOutputFolder('out', cwd), { activity: 'writing', log: (line) => lines.push(line), timeoutMs: 2000 });

    expect(Date.now() - started).toBeLessThan(2000);
    expect(JSON.parse(fs.readFileSync(lockFile, 'utf8'))).toMatchObject({ pid: process.pid });
    expect(lines).toEqual([
      expect.stringMatching(new RegExp(`^stepping over ${takeover}: pid \\d+, which was taking over ${lockFile}, is no longer running$`)),
      expect.stringMatching(new RegExp(`^taking over ${lockFile}: pid \\d+, which held it, is no longer running$`)),
    ]);
    expect(fs.readdirSync(cwd)).toEqual(['.out.lock']);
    release();
    expect(fs.readdirSync(cwd)).toEqual([]);
  });

  it('with a takeover timeout of 0 s, still takes the stale lock over (no wait is needed)', () => {
    const cwd = tempDir('lock-');
    leaveKilledTakeover(cwd);

    const release = acquireOutputLock(locateOutputFolder('out', cwd), { activity: 'writing', log: () => undefined, timeoutMs: 0 });

    release();
    expect(fs.readdirSync(cwd)).toEqual([]);
  });

  it('steps over several generations of dead takeovers', () => {
    const cwd = tempDir('lock-');
    const lockFile = path.join(cwd, '.out.lock');
    const stale = holderText(deadPid(), 'cccccccccccccccc');
    fs.writeFileSync(lockFile, stale);
    for (const generation of [1, 2, 3]) fs.writeFileSync(takeoverFilePath(lockFile, stale, generation), holderText(deadPid(), `${generation}`.repeat(16)));
    const lines: string[] = [];

    const release = acquireOutputLock(locateOutputFolder('out', cwd), { activity: 'writing', log: (line) => lines.push(line), timeoutMs: 1000 });

    expect(lines.filter((line) => line.startsWith('stepping over '))).toHaveLength(3);
    release();
    expect(fs.readdirSync(cwd)).toEqual([]);
  });

  it('removes the takeover file earlier versions left (".lock.takeover") once it holds the lock', () => {
    const cwd = tempDir('lock-');
    fs.writeFileSync(path.join(cwd, '.out.lock'), holderText(deadPid(), 'dddddddddddddddd'));
    fs.writeFileSync(path.join(cwd, '.out.lock.takeover'), holderText(deadPid(), 'eeeeeeeeeeeeeeee'));

    const release = acquireOutputLock(locateOutputFolder('out', cwd), { activity: 'writing', log: () => undefined, timeoutMs: 1000 });

    expect(fs.readdirSync(cwd)).toEqual(['.out.lock']);
    release();
  });

  it('waits for a live run taking the lock over, backing off, and gives up within the timeout naming its takeover file', () => {
    const cwd = tempDir('lock-');
    const taker = liveProcess();
    const { lockFile, takeover } = leaveKilledTakeover(cwd, taker);
    const lines: string[] = [];
    const started = Date.now();

    let error: unknown;
    try {
      acquireOutputLock(locateOutputFolder('out', cwd), { activity: 'writing', log: (line) => lines.push(line), timeoutMs: 600 });
    } catch (caught) {
      error = caught;
    }

    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(600);
    expect(elapsed).toBeLessThan(1500);
    expect(error).toBeInstanceOf(OutputFolderError);
    expect((error as OutputFolderError).reason).toBe(
      `another run is taking over its stale lock: pid ${taker} is taking over its stale lock (writing since 2024-01-01T00:00:00.000Z); gave up waiting (takeover file ${takeover}; remove it only if no such run is active)`,
    );
    expect(lines).toEqual([`waiting for pid ${taker}, which is taking over the stale lock of out`]);
    expect(fs.readdirSync(cwd).sort()).toEqual([path.basename(lockFile), path.basename(takeover)].sort());
  });

  it('gives up within the timeout on a takeover file that names no owner', () => {
    const cwd = tempDir('lock-');
    const { takeover } = leaveKilledTakeover(cwd);
    fs.writeFileSync(takeover, 'not a lock\n');
    const started = Date.now();

    expect(() => acquireOutputLock(locateOutputFolder('out', cwd), { activity: 'writing', log: () => undefined, timeoutMs: 300 })).toThrow(
      `another run is taking over its stale lock: ${takeover} names no owner; gave up waiting (takeover file ${takeover}; remove it only if no such run is active)`,
    );
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('refuses at once, naming the files to remove, when too many runs were killed taking the same lock over', () => {
    const cwd = tempDir('lock-');
    const lockFile = path.join(cwd, '.out.lock');
    const stale = holderText(deadPid(), 'ffffffffffffffff');
    fs.writeFileSync(lockFile, stale);
    const dead = deadPid();
    for (let generation = 1; generation <= 8; generation++)
      fs.writeFileSync(takeoverFilePath(lockFile, stale, generation), holderText(dead, `${generation}`.repeat(16)));

    expect(() => acquireOutputLock(locateOutputFolder('out', cwd), { activity: 'writing', log: () => undefined, timeoutMs: 60_000 })).toThrow(
      `its stale lock ${lockFile} cannot be taken over: 8 takeover files beside it were left by runs killed while taking it over; when no run is active, remove ${lockFile} and ${lockFile}.takeover-*`,
    );
  });
});

describe('synth after a run was killed during a lock takeover (through the CLI)', () => {
  const withLockTimeout = async <T>(seconds: string, body: () => Promise<T>): Promise<T> => {
    const previous = process.env[LOCK_TIMEOUT_ENV];
    process.env[LOCK_TIMEOUT_ENV] = seconds;
    try {
      return await body();
    } finally {
      if (previous === undefined) delete process.env[LOCK_TIMEOUT_ENV];
      else process.env[LOCK_TIMEOUT_ENV] = previous;
    }
  };

  it('recovers: exit 0, the output written, and nothing left beside it', async () => {
    const cwd = tempDir('lock-cli-');
    leaveKilledTakeover(cwd);
    const started = Date.now();

    const { code, stderr } = await withLockTimeout('2', () => runCli(['synth', '-o', 'out', '-q'], cwd));

    expect(code).toBe(0);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(stderr).toMatch(/stepping over \S+\.out\.lock\.takeover-[0-9a-f]{8}\.1: pid \d+, which was taking over \S+\.out\.lock, is no longer running/);
    expect(stderr).toMatch(/taking over \S+\.out\.lock: pid \d+, which held it, is no longer running/);
    expect(fs.readdirSync(cwd)).toEqual(['out']);
    expect(fs.readdirSync(path.join(cwd, 'out'))).toContain('hcl');
  });

  it('with a live run taking the lock over: exit 1 within the lock timeout, a plain message, and nothing written', async () => {
    const cwd = tempDir('lock-cli-');
    const taker = liveProcess();
    const { takeover } = leaveKilledTakeover(cwd, taker);
    const before = fs.readdirSync(cwd).sort();
    const started = Date.now();

    const { code, stderr } = await withLockTimeout('1', () => runCli(['synth', '-o', 'out', '-q'], cwd));

    expect(code).toBe(1);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(stderr.split('\n').pop()).toBe(
      `error: out: another run is taking over its stale lock: pid ${taker} is taking over its stale lock (writing since 2024-01-01T00:00:00.000Z); gave up waiting (takeover file ${takeover}; remove it only if no such run is active); nothing was written`,
    );
    expect(fs.readdirSync(cwd).sort()).toEqual(before);
  });
});
