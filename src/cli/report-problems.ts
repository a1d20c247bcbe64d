import type { Finding } from '../checks/finding';
import { formatProblem, SpecProblem } from '../spec/spec-error';

/** A problem is an error unless it is a finding that says otherwise. */
function levelOf(problem: SpecProblem): 'error' | 'warning' | 'suppressed' {
  const finding = problem as Partial<Finding>;
  if (finding.suppressedBecause) return 'suppressed';
  return finding.level === 'warning' ? 'warning' : 'error';
}

/** One line per problem, with the rule id when it has one, and the reason of a suppression. */
function problemLine(file: string, problem: SpecProblem, repeats = 1): string {
  const finding = problem as Partial<Finding>;
  const rule = finding.rule ? ` [${finding.rule}${finding.severity ? `, ${finding.severity}` : ''}]` : '';
  const reason = finding.suppressedBecause ? ` (suppressed: ${finding.suppressedBecause})` : '';
  const shown = repeats > 1 ? { ...problem, path: itemsWildcard(problem.path) } : problem;
  return `${formatProblem(file, shown)}${rule}${reason}${repeats > 1 ? ` (×${repeats} items)` : ''}`;
}

/** `fleets[0].items[3].instance` → `fleets[0].items[*].instance`: the same field of every item of a fleet. */
function itemsWildcard(path: ReadonlyArray<string | number>): Array<string | number> {
  return path.map((segment, i) => (i > 0 && path[i - 1] === 'items' && typeof segment === 'number' ? '*' : segment));
}

/** The same finding on each item of a fleet, once: grouped by rule, message, reason and field. */
function groupRepeats(problems: readonly SpecProblem[]): Array<{ readonly problem: SpecProblem; readonly repeats: number }> {
  const groups = new Map<string, { problem: SpecProblem; repeats: number }>();
  for (const problem of problems) {
    const finding = problem as Partial<Finding>;
    const key = JSON.stringify([finding.rule, finding.message, finding.suppressedBecause, itemsWildcard(problem.path)]);
    const group = groups.get(key);
    if (group) group.repeats++;
    else groups.set(key, { problem, repeats: 1 });
  }
  return [...groups.values()];
}

/** How problems are listed. */
export interface ProblemListOptions {
  /** List low findings and suppressed ones one by one (else each kind is summarized in one line). @default false */
  readonly verbose?: boolean;
  /** Report suppressed findings (accepted ones, so not problems). @default true */
  readonly suppressed?: boolean;
}

/** "EC2_DETAILED_MONITORING ×3, IAM_X ×1" */
function ruleCounts(problems: readonly SpecProblem[]): string {
  const counts = new Map<string, number>();
  for (const problem of problems) {
    const rule = (problem as Partial<Finding>).rule ?? 'other';
    counts.set(rule, (counts.get(rule) ?? 0) + 1);
  }
  return [...counts].map(([rule, count]) => `${rule} ×${count}`).join(', ');
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/**
 * Problems grouped as errors, warnings and suppressed findings, each group under its heading.
 * Every error is listed; a finding repeated on each item of a fleet is listed once with its
 * count. Unless `verbose`, low warnings and suppressed findings are summarized in one line each.
 */
export function formatProblemGroups(file: string, problems: readonly SpecProblem[], options: ProblemListOptions = {}): string[] {
  const lines: string[] = [];
  const errors = problems.filter((problem) => levelOf(problem) === 'error');
  const warnings = problems.filter((problem) => levelOf(problem) === 'warning');
  const suppressed = problems.filter((problem) => levelOf(problem) === 'suppressed');
  const isLow = (problem: SpecProblem) => (problem as Partial<Finding>).severity === 'low';
  const listedWarnings = options.verbose ? warnings : warnings.filter((problem) => !isLow(problem));
  const low = options.verbose ? [] : warnings.filter(isLow);
  if (errors.length) lines.push('errors:', ...groupRepeats(errors).map(({ problem, repeats }) => `  ${problemLine(file, problem, repeats)}`));
  if (warnings.length) lines.push('warnings:', ...groupRepeats(listedWarnings).map(({ problem, repeats }) => `  ${problemLine(file, problem, repeats)}`));
  if (low.length)
    lines.push(
      `  ${plural(low.length, 'low finding')} (${ruleCounts(low)}): --verbose lists them; set the field, or suppress the rule with a reason (suppressions)`,
    );
  if (!suppressed.length || options.suppressed === false) return lines;
  if (options.verbose) lines.push('suppressed:', ...groupRepeats(suppressed).map(({ problem, repeats }) => `  ${problemLine(file, problem, repeats)}`));
  else lines.push(`suppressed: ${plural(suppressed.length, 'finding')} (${ruleCounts(suppressed)}), each with its reason; --verbose lists them`);
  return lines;
}

/** "2 errors, 1 warning" for the problems of a failed run. */
export function countText(problems: readonly SpecProblem[]): string {
  const errors = problems.filter((problem) => levelOf(problem) === 'error').length;
  const warnings = problems.filter((problem) => levelOf(problem) === 'warning').length;
  return warnings ? `${plural(errors, 'error')}, ${plural(warnings, 'warning')}` : plural(errors, 'error');
}
