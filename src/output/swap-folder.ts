import * as fs from 'fs';
import { faultPoint } from './fault-point';
import { leftoverTrees, type OutputLocation, siblingPath } from './output-paths';

/**
 * Puts the complete new tree `next` (a sibling named `.<name>.next-<runId>`) in place of the
 * output folder with two renames: current → `.<name>.prev-<runId>`, next → current. Between
 * them no folder is at the path; {@link recoverOutputFolder} then renames `prev` back. The
 * replaced tree is renamed to `.<name>.old-<runId>` before it is removed, so that a
 * half-removed tree is never mistaken for a complete one.
 */
export function swapIn(location: OutputLocation, next: string, runId: string): void {
  if (!fs.existsSync(location.path)) {
    fs.renameSync(next, location.path);
    return;
  }
  const prev = siblingPath(location, 'prev', runId);
  fs.renameSync(location.path, prev);
  faultPoint('between-renames');
  try {
    fs.renameSync(next, location.path);
  } catch (error) {
    fs.renameSync(prev, location.path);
    throw error;
  }
  faultPoint('before-remove-prev');
  const old = siblingPath(location, 'old', runId);
  fs.renameSync(prev, old);
  fs.rmSync(old, { recursive: true, force: true });
}

/**
 * Repairs what an interrupted run left beside the output folder; call it holding the lock.
 * When the folder is missing and a `prev` tree exists, the run died between the two renames
 * of {@link swapIn}: `prev` is the last complete output and is renamed back. Every other
 * leftover (a half-built `next`, a replaced `prev`, a half-removed `old`) is removed.
 */
export function recoverOutputFolder(location: OutputLocation, log: (line: string) => void): void {
  const leftovers = leftoverTrees(location);
  if (!leftovers.length) return;
  const prev = leftovers.find((tree) => tree.kind === 'prev');
  if (prev && !fs.existsSync(location.path)) {
    fs.renameSync(prev.path, location.path);
    log(`${location.display}: restored the previous output, which an interrupted run had moved aside`);
  }
  for (const tree of leftovers) fs.rmSync(tree.path, { recursive: true, force: true }); // a restored prev is gone already
  log(`${location.display}: removed what an interrupted run had left beside it`);
}
