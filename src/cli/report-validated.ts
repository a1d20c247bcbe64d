import { renderVerifyReport, summaryLine } from '../access/report';
import { formatProblemGroups } from './report-problems';
import type { ValidatedSpec } from '../pipeline/validate-spec';

/** Above this many profiles, the access summary line is printed instead of a table per profile. */
const MAX_ACCESS_TABLES = 10;

/** Where {@link reportValidated} prints. */
export interface ReportStreams {
  /** Progress and notes. @default - standard error */
  readonly log?: (line: string) => void;
  /** Results: the access table. @default - standard output */
  readonly print?: (line: string) => void;
  /** Warnings and suppressed findings. @default - standard error */
  readonly problems?: (line: string) => void;
  /** List every low and suppressed finding. @default false */
  readonly verbose?: boolean;
  /** Only problems: no suppressed findings. @default false */
  readonly quiet?: boolean;
}

/**
 * What a validated spec's run reports, for synth, module and the cdktf app alike: the spec line
 * and notes, the findings (warnings and suppressed ones) on standard error, and the access table
 * (a summary line for many profiles) as the result.
 */
export function reportValidated({ loaded, findings, access, synthesized }: ValidatedSpec, streams: ReportStreams = {}): void {
  const log = streams.log ?? ((line: string) => console.error(line));
  const print = streams.print ?? ((line: string) => console.log(line));
  const profiles = loaded.spec.profiles.length;
  log(`spec: ${loaded.source} (${profiles} profile${profiles === 1 ? '' : 's'})`);
  for (const note of synthesized.notes) log(`note: ${note}`);
  const problems = streams.problems ?? ((line: string) => console.error(line));
  for (const line of formatProblemGroups(loaded.source, findings, { verbose: streams.verbose, suppressed: !streams.quiet })) problems(line);
  print(profiles <= MAX_ACCESS_TABLES ? renderVerifyReport(access).trimEnd() : summaryLine(access));
}
