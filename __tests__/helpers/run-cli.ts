import { main } from '../../src/cli/main';

/** What a CLI run printed and returned. */
export interface CliRun {
  readonly code: number;
  readonly stderr: string;
  readonly stdout: string;
}

/** Runs the CLI in-process from `cwd`, capturing what it prints. */
export async function runCli(argv: string[], cwd: string): Promise<CliRun> {
  const stderr: string[] = [];
  const stdout: string[] = [];
  const error = jest.spyOn(console, 'error').mockImplementation((...args) => void stderr.push(args.join(' ')));
  const log = jest.spyOn(console, 'log').mockImplementation((...args) => void stdout.push(args.join(' ')));
  const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    stdout.push(String(chunk).replace(/\n$/, ''));
    return true;
  });
  const previous = process.cwd();
  process.chdir(cwd);
  try {
    return { code: await main(argv), stderr: stderr.join('\n'), stdout: stdout.join('\n') };
  } finally {
    process.chdir(previous);
    error.mockRestore();
    log.mockRestore();
    write.mockRestore();
  }
}
