import * as fs from 'fs';
import { sleepSync } from './sleep-sync';

/** The named moments of an output write at which a test can stop the process (see {@link faultPoint}). */
export type FaultPoint = 'locked' | 'staged-some' | 'carried-over' | 'between-renames' | 'before-remove-prev';

/** The test-only environment variable read by {@link faultPoint}. */
export const FAULT_ENV = 'INSTANCE_PROFILE_FAULT';

/**
 * TEST-ONLY fault injection; does nothing unless INSTANCE_PROFILE_FAULT names this point.
 * `INSTANCE_PROFILE_FAULT=<point>` kills the process here with SIGKILL (as a crash or
 * `kill -9` would); `INSTANCE_PROFILE_FAULT=<point>:<file>` prints
 * `fault point <point>: paused until <file> exists` on stderr and waits until that file exists,
 * so a test can act while the run stands still at a known moment (with its lock held).
 */
export function faultPoint(point: FaultPoint): void {
  const setting = process.env[FAULT_ENV];
  if (!setting || (setting !== point && !setting.startsWith(`${point}:`))) return;
  const file = setting.slice(point.length + 1);
  if (!file) process.kill(process.pid, 'SIGKILL');
  process.stderr.write(`fault point ${point}: paused until ${file} exists\n`);
  while (!fs.existsSync(file)) sleepSync(10);
}
