import { createHash, randomBytes } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { MAX_NAME_BYTES, OutputFolderError, sizeText } from './output-folder-error';
import { type OutputLocation, siblingPath } from './output-paths';
import { sleepSync } from './sleep-sync';
import { isProcessAlive } from '../is-process-alive';

/** Seconds a run waits for another run's lock on the same folder before it gives up (default 60). */
export const LOCK_TIMEOUT_ENV = 'INSTANCE_PROFILE_LOCK_TIMEOUT';

const DEFAULT_TIMEOUT_SECONDS = 60;
/** The first pause between two looks at a held lock; each pause doubles, up to {@link MAX_POLL_MS}. */
const POLL_MS = 25;
const MAX_POLL_MS = 500;
/**
 * Looks again at once (without a pause) after the lock changed hands: released, or taken over
 * from a dead run. Each needs another run to act, so few are ever needed; past this many, the
 * run pauses and counts against the deadline like any wait.
 */
const MAX_QUICK_RETRIES = 100;
/**
 * Takeover files of one stale lock a run steps over, each left by a run killed while it took
 * the lock over; past this many the run refuses (every run would be killed at the same step).
 */
const MAX_TAKEOVER_GENERATIONS = 8;

/** What a lock file (or a takeover file) holds. */
interface LockHolder {
  readonly pid: number;
  readonly started: string;
  readonly activity: string;
  readonly token: string;
}

/** How to take a lock. */
export interface LockOptions {
  /** What the run does with the folder, for the messages of runs that wait (`writing`, `reading`). */
  readonly activity: 'writing' | 'reading';
  /** Notices (waiting, taking over a stale lock) go here. */
  readonly log: (line: string) => void;
  /** @default - INSTANCE_PROFILE_LOCK_TIMEOUT seconds, else 60 s */
  readonly timeoutMs?: number;
}

/** The file a run waits on: the lock itself, or the takeover file of a run taking a stale lock over. */
interface Blocker {
  readonly file: string;
  readonly holder?: LockHolder;
  readonly takingOver: boolean;
}

/**
 * Takes `<parent>/.<name>.lock` for this process and returns the function that releases it.
 * The lock appears with its content in one step (a hard link to a file already written,
 * which fails like O_EXCL when the lock exists). While a live process holds it this waits
 * (saying so once, pausing longer each time), and when the timeout is up refuses with an
 * {@link OutputFolderError}; a lock whose process is gone is stale and taken over (saying so),
 * one contender at a time (see {@link takeoverFilePath}). A run killed with the lock held
 * (SIGKILL, or SIGINT/SIGTERM, which end the process at once) leaves a stale lock that the next
 * run takes over; one killed while taking a lock over leaves a takeover file that the next run
 * steps over.
 */
export function acquireOutputLock(location: OutputLocation, options: LockOptions): () => void {
  const lockFile = siblingPath(location, 'lock');
  refuseNameWithoutRoom(location, lockFile);
  const me: LockHolder = { pid: process.pid, started: new Date().toISOString(), activity: options.activity, token: randomBytes(8).toString('hex') };
  const text = JSON.stringify(me) + '\n';
  const deadline = Date.now() + (options.timeoutMs ?? timeoutFromEnvironment());
  let announced = false;
  let pause = POLL_MS;
  let quickRetries = 0;
  while (!createWithContent(lockFile, text)) {
    const held = readLock(lockFile);
    const takeover = held?.holder && !isProcessAlive(held.holder.pid) ? takeOverStale(location, lockFile, held.text, text, options.log) : undefined;
    if (takeover?.outcome === 'taken') options.log(`taking over ${lockFile}: pid ${held!.holder!.pid}, which held it, is no longer running`);
    const changedHands = held === undefined || takeover?.outcome === 'taken' || takeover?.outcome === 'lost';
    if (changedHands && quickRetries++ < MAX_QUICK_RETRIES) continue;
    const blocker: Blocker =
      takeover?.outcome === 'busy'
        ? { file: takeover.file, holder: takeover.holder, takingOver: true }
        : { file: lockFile, holder: held?.holder, takingOver: false };
    const left = deadline - Date.now();
    if (left <= 0) throw gaveUp(location, lockFile, blocker);
    if (!announced && blocker.holder) {
      options.log(
        blocker.takingOver
          ? `waiting for pid ${blocker.holder.pid}, which is taking over the stale lock of ${location.display}`
          : `waiting for pid ${blocker.holder.pid}, which is ${blocker.holder.activity} ${location.display}`,
      );
      announced = true;
    }
    sleepSync(Math.min(pause, left));
    pause = Math.min(pause * 2, MAX_POLL_MS);
  }
  removeDeadLeftovers(lockFile);
  return () => {
    if (readLock(lockFile)?.holder?.token === me.token) fs.rmSync(lockFile, { force: true });
  };
}

/** The refusal of a run whose wait for the lock (or for a takeover of it) is over. */
function gaveUp(location: OutputLocation, lockFile: string, blocker: Blocker): OutputFolderError {
  const { file, holder } = blocker;
  if (blocker.takingOver) {
    const who = holder ? `pid ${holder.pid} is taking over its stale lock (${holder.activity} since ${holder.started})` : `${file} names no owner`;
    return new OutputFolderError(
      location.display,
      `another run is taking over its stale lock: ${who}; gave up waiting (takeover file ${file}; remove it only if no such run is active)`,
    );
  }
  const who = holder
    ? `pid ${holder.pid} has been ${holder.activity} it since ${holder.started}`
    : fs.existsSync(lockFile)
      ? `${lockFile} names no owner`
      : `${lockFile} kept changing hands`;
  return new OutputFolderError(
    location.display,
    `another run holds its lock: ${who}; gave up waiting (lock file ${lockFile}; remove it only if no such run is active)`,
  );
}

/**
 * The takeover file of generation `generation` (1, 2, …) for the stale lock whose text is
 * `staleText`: `<lock>.takeover-<digest of the text>.<generation>`. A run takes a stale lock
 * over only while it holds such a file, so that two runs taking over at once cannot each remove
 * the other's fresh lock. A run killed while holding one leaves it; as its process is gone, the
 * next run takes the next generation (the takeover files of a live run are never stepped over,
 * so one live run at most holds a takeover file of the lock).
 */
export function takeoverFilePath(lockFile: string, staleText: string, generation: number): string {
  return `${lockFile}.takeover-${createHash('sha256').update(staleText).digest('hex').slice(0, 8)}.${generation}`;
}

/** What became of a takeover: done by this run, done by another, or waiting on another run's takeover file. */
type Takeover = { readonly outcome: 'taken' | 'lost' } | { readonly outcome: 'busy'; readonly file: string; readonly holder?: LockHolder };

/**
 * Removes the stale lock whose text was `staleText`, holding a takeover file of it (see
 * {@link takeoverFilePath}): `taken` when this run removed it, `lost` when another run did (the
 * lock holds something else now), `busy` when a live run (or a file naming no owner) holds the
 * takeover file this run would need. Each takeover file of a dead run it steps over is logged.
 */
function takeOverStale(location: OutputLocation, lockFile: string, staleText: string, text: string, log: (line: string) => void): Takeover {
  for (let generation = 1; generation <= MAX_TAKEOVER_GENERATIONS; generation++) {
    const file = takeoverFilePath(lockFile, staleText, generation);
    if (createWithContent(file, text)) {
      try {
        const removed = readLock(lockFile)?.text === staleText;
        if (removed) fs.rmSync(lockFile, { force: true });
        // The stale text is gone from the lock for good: the takeover files of the dead runs before guard nothing now.
        for (let earlier = 1; earlier < generation; earlier++) removeIfDead(takeoverFilePath(lockFile, staleText, earlier));
        return { outcome: removed ? 'taken' : 'lost' };
      } finally {
        fs.rmSync(file, { force: true });
      }
    }
    const held = readLock(file);
    if (held === undefined) return { outcome: 'lost' }; // its run finished the takeover just now
    if (!held.holder || isProcessAlive(held.holder.pid)) return { outcome: 'busy', file, holder: held.holder };
    // Left by a run killed during its takeover: the next generation decides.
    log(`stepping over ${file}: pid ${held.holder.pid}, which was taking over ${lockFile}, is no longer running`);
  }
  throw new OutputFolderError(
    location.display,
    `its stale lock ${lockFile} cannot be taken over: ${MAX_TAKEOVER_GENERATIONS} takeover files beside it were left by runs killed while taking it over; when no run is active, remove ${lockFile} and ${lockFile}.takeover-*`,
  );
}

/** The draft `createWithContent` writes before linking it as `file`: `<file>.draft-<pid>-<8 hex digits>`. */
function draftPath(file: string, pid: number = process.pid): string {
  return `${file}.draft-${pid}-${randomBytes(4).toString('hex')}`;
}

/** The highest process id Linux hands out (2^22, `pid_max` at most), for the longest draft name. */
const MAX_PID = 4_194_304;

/**
 * Refuses an output folder whose name leaves no room for the files its lock puts beside it
 * (the longest, a takeover file's draft, adds about 50 bytes to it).
 */
function refuseNameWithoutRoom(location: OutputLocation, lockFile: string): void {
  const longest = path.basename(draftPath(takeoverFilePath(lockFile, '', MAX_TAKEOVER_GENERATIONS), MAX_PID));
  const bytes = Buffer.byteLength(longest);
  if (bytes <= MAX_NAME_BYTES) return;
  const most = MAX_NAME_BYTES - (bytes - Buffer.byteLength(location.name));
  throw new OutputFolderError(
    location.display,
    `the folder name is too long: "${location.name}" is ${sizeText(location.name)}; a run keeps files named after it beside it (up to ${longest.length - location.name.length} more bytes, as in ${longest.replace(location.name, '<name>')}), and a file system allows at most ${MAX_NAME_BYTES} bytes for one name, so it may be at most ${most} bytes`,
  );
}

/** Creates `file` holding `text` in one step, unless it exists: writes a draft beside it, then hard-links it. */
function createWithContent(file: string, text: string): boolean {
  const draft = draftPath(file);
  fs.writeFileSync(draft, text, { flag: 'wx' });
  try {
    fs.linkSync(draft, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    fs.rmSync(draft, { force: true });
  }
}

/**
 * Removes what killed runs left beside the lock: drafts (of the lock or a takeover file) of runs
 * killed between writing and removing them, and takeover files of runs killed while taking the
 * lock over. Called holding the lock, whose text no takeover file guards, so none is needed.
 */
function removeDeadLeftovers(lockFile: string): void {
  const folder = path.dirname(lockFile);
  const base = path.basename(lockFile);
  for (const name of fs.readdirSync(folder)) {
    const match = name.startsWith(base) ? LEFTOVER_NAME.exec(name.slice(base.length)) : null;
    if (!match || (!match[1] && !match[2])) continue;
    removeIfDead(path.join(folder, name), match[2] === undefined ? undefined : Number.parseInt(match[2], 10));
  }
}

/** After the lock's name: `.takeover` (earlier versions), `.takeover-<digest>.<generation>`, `.draft-<pid>-<hex>`, or a takeover file's draft. */
const LEFTOVER_NAME = /^(\.takeover(?:-[0-9a-f]{8}\.\d+)?)?(?:\.draft-(\d+)-[0-9a-f]+)?$/;

/** Removes `file` when the run it names (`pid`, or the holder written in it) is no longer running. */
function removeIfDead(file: string, pid: number | undefined = readLock(file)?.holder?.pid): void {
  if (pid !== undefined && Number.isInteger(pid) && !isProcessAlive(pid)) fs.rmSync(file, { force: true });
}

function readLock(lockFile: string): { text: string; holder?: LockHolder } | undefined {
  let text: string;
  try {
    text = fs.readFileSync(lockFile, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const holder = JSON.parse(text) as LockHolder;
    return Number.isInteger(holder.pid) ? { text, holder } : { text };
  } catch {
    return { text };
  }
}

function timeoutFromEnvironment(): number {
  const seconds = Number(process.env[LOCK_TIMEOUT_ENV]);
  return (process.env[LOCK_TIMEOUT_ENV] && Number.isFinite(seconds) && seconds >= 0 ? seconds : DEFAULT_TIMEOUT_SECONDS) * 1000;
}
