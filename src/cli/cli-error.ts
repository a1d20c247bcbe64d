import type { Command } from './commands';

/** A mistake in how the command was called (exit code 2). */
export class UsageError extends Error {
  /** The command whose help page the error points at. @default - the overview */
  constructor(
    message: string,
    readonly command?: Command,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Exit codes of every command. */
export const EXIT = { ok: 0, invalidInput: 1, usage: 2, internal: 3 } as const;
