import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { OutputFolderError } from './output-folder-error';
import { type OutputLocation, siblingPath } from './output-paths';
import { sleepSync } from './sleep-sync';
import { isProcessAlive } from '../is-process-alive';

/** Seconds a run waits for another run's lock on the same folder before it gives up (default 60). */
export const LOCK_TIMEOUT_ENV = 'INSTANCE_PROFILE_LOCK_TIMEOUT';

const DEFAULT_TIMEOUT_SECONDS = 60;
const POLL_MS = 25;

/** What a lock file holds. */
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

/**
 * Takes `<parent>/.<name>.lock` for this process and returns the function that releases it.
 * The lock appears with its content in one step (a hard link to a file already written,
 * which fails like O_EXCL when the lock exists). While a live process holds it this waits
 * (saying so once), and after the timeout refuses with an {@link OutputFolderError}; a lock
 * whose process is gone is stale and taken over (saying so), one contender at a time.
 * A run killed with the lock held (SIGKILL, or SIGINT/SIGTERM, which end the process at once)
 * leaves a stale lock that the next run takes over.
 */
export function acquireOutputLock(location: OutputLocation, options: LockOptions): () => void {
  const lockFile = siblingPath(location, 'lock');
  const me: LockHolder = { pid: process.pid, started: new Date().toISOString(), activity: options.activity, token: randomBytes(8).toString('hex') };
  const text = JSON.stringify(me) + '\n';
  const deadline = Date.now() + (options.timeoutMs ?? timeoutFromEnvironment());
  let announced = false;
  while (!createWithContent(lockFile, text)) {
    const held = readLock(lockFile);
    if (held === undefined) continue; // released just now
    if (held.holder && !isProcessAlive(held.holder.pid)) {
      if (takeOverStale(lockFile, held.text, text)) options.log(`taking over ${lockFile}: pid ${held.holder.pid}, which held it, is no longer running`);
      continue;
    }
    if (Date.now() >= deadline) {
      const who = held.holder ? `pid ${held.holder.pid} has been ${held.holder.activity} it since ${held.holder.started}` : `${lockFile} names no owner`;
      throw new OutputFolderError(
        location.display,
        `another run holds its lock: ${who}; gave up waiting (lock file ${lockFile}; remove it only if no such run is active)`,
      );
    }
    if (!announced && held.holder) options.log(`waiting for pid ${held.holder.pid}, which is ${held.holder.activity} ${location.display}`);
    announced = true;
    sleepSync(POLL_MS);
  }
  removeDeadDrafts(lockFile);
  return () => {
    if (readLock(lockFile)?.holder?.token === me.token) fs.rmSync(lockFile, { force: true });
  };
}

/**
 * Removes the stale lock whose text was `staleText`, under `<lock>.takeover` so that two runs
 * taking over at once cannot each remove the other's fresh lock; true when this run removed it.
 * (A run killed inside this short step leaves the takeover file; later runs then wait and refuse,
 * naming the lock, rather than guess.)
 */
function takeOverStale(lockFile: string, staleText: string, text: string): boolean {
  const guard = `${lockFile}.takeover`;
  if (!createWithContent(guard, text)) return false;
  try {
    if (readLock(lockFile)?.text !== staleText) return false;
    fs.rmSync(lockFile, { force: true });
    return true;
  } finally {
    fs.rmSync(guard, { force: true });
  }
}

/** Creates `file` holding `text` in one step, unless it exists: writes a draft beside it, then hard-links it. */
function createWithContent(file: string, text: string): boolean {
  const draft = `${file}.draft-${process.pid}-${randomBytes(4).toString('hex')}`;
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

/** Removes the drafts of runs killed between writing a draft and removing it. */
function removeDeadDrafts(lockFile: string): void {
  const base = path.basename(lockFile);
  for (const name of fs.readdirSync(path.dirname(lockFile))) {
    const rest = name.startsWith(base) ? name.slice(base.length).replace(/^\.takeover/, '') : '';
    const pid = rest.startsWith('.draft-') ? Number.parseInt(rest.slice('.draft-'.length), 10) : NaN;
    if (Number.isInteger(pid) && !isProcessAlive(pid)) fs.rmSync(path.join(path.dirname(lockFile), name), { force: true });
  }
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
