import type { Finding } from '../checks/finding';
import { formatProblem, SpecProblem } from '../spec/spec-error';

/** A problem is an error unless it is a finding that says otherwise. */
function levelOf(problem: SpecProblem): 'error' | 'warning' | 'suppressed' {
  const finding = problem as Partial<Finding>;
  if (finding.suppressedBecause) return 'suppressed';
  return finding.level === 'warning' ? 'warning' : 'error';
}

/** One line per problem, with the rule id when it has one, and the reason of a suppression. */
function problemLine(file: string, problem: SpecProblem): string {
  const finding = problem as Partial<Finding>;
  const rule = finding.rule ? ` [${finding.rule}${finding.severity ? `, ${finding.severity}` : ''}]` : '';
  const reason = finding.suppressedBecause ? ` (suppressed: ${finding.suppressedBecause})` : '';
  return `${formatProblem(file, problem)}${rule}${reason}`;
}

/** Errors are all listed; of warnings and suppressed findings (a fleet repeats them per item), this many. */
export const MAX_LISTED_NOTICES = 20;

/**
 * Problems grouped as errors, warnings and suppressed findings, each group under its heading.
 * Every error is listed; warnings and suppressed findings up to {@link MAX_LISTED_NOTICES},
 * then a count (the `check` command lists them all).
 */
export function formatProblemGroups(file: string, problems: readonly SpecProblem[]): string[] {
  const lines: string[] = [];
  for (const group of ['error', 'warning', 'suppressed'] as const) {
    const members = problems.filter((problem) => levelOf(problem) === group);
    if (!members.length) continue;
    lines.push(`${group === 'error' ? 'errors' : group === 'warning' ? 'warnings' : 'suppressed'}:`);
    const listed = group === 'error' ? members : members.slice(0, MAX_LISTED_NOTICES);
    for (const problem of listed) lines.push(`  ${problemLine(file, problem)}`);
    if (listed.length < members.length) lines.push(`  … and ${members.length - listed.length} more (the check command lists them all)`);
  }
  return lines;
}

/** "2 errors, 1 warning" for the problems of a failed run. */
export function countText(problems: readonly SpecProblem[]): string {
  const errors = problems.filter((problem) => levelOf(problem) === 'error').length;
  const warnings = problems.filter((problem) => levelOf(problem) === 'warning').length;
  const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
  return warnings ? `${plural(errors, 'error')}, ${plural(warnings, 'warning')}` : plural(errors, 'error');
}
