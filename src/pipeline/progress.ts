/** One phase of work counted in units (profiles). */
export interface Progress {
  /** `done` units of the phase are finished. */
  update(done: number): void;
  /** The phase is over. */
  stop(): void;
}
