/**
 * A mistake in how the command was called (exit code 2). It names no type of the command table,
 * so the commands' own modules can throw it without importing the table.
 */
export class UsageError extends Error {
  /** The command whose help page the error points at. @default - the command that was running, or the overview */
  constructor(
    message: string,
    readonly command?: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Exit codes of every command. */
export const EXIT = { ok: 0, invalidInput: 1, usage: 2, internal: 3 } as const;
