const cell = new Int32Array(new SharedArrayBuffer(4));

/**
 * Blocks the thread for `ms` milliseconds (for short polling loops in synchronous code). A
 * negative, NaN or infinite `ms` does not block: an unbounded wait is never what a caller meant.
 */
export function sleepSync(ms: number): void {
  if (Number.isFinite(ms) && ms > 0) Atomics.wait(cell, 0, 0, ms);
}
