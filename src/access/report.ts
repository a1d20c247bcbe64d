/** The verifier's results as plain text: one table per profile, grouped by stack when there are several, and a summary line. */
import type { ProfileVerification, VerifyRow } from './verify';

const HEADER = ['', 'request', 'expected', 'decision', 'deciding statement'] as const;

/**
 * One table per profile (status, request, expected, decision, deciding statement), the
 * profile's problems and any notes under it, and a summary line: `access: 5 checks in 1
 * profile: 5 met, 0 failed, 0 not evaluated`. Results from more than one stack are grouped
 * under a `stack <name>:` line each, in the order given.
 */
export function renderVerifyReport(results: readonly ProfileVerification[]): string {
  const groups = byStack(results);
  const indent = groups.size > 1 ? '  ' : '';
  const lines: string[] = [];
  for (const [stack, profiles] of groups) {
    if (indent) lines.push(`stack ${stack}:`);
    for (const result of profiles) lines.push(...profileLines(result).map((line) => (line ? `${indent}${line}` : line)));
  }
  lines.push(summaryLine(results));
  return `${lines.join('\n')}\n`;
}

/** `access: 5 checks in 1 profile: 5 met, 0 failed, 0 not evaluated` (`… in 2 profiles across 2 stacks: …` for several stacks). */
export function summaryLine(results: readonly ProfileVerification[]): string {
  const rows = results.flatMap((result) => result.rows);
  if (!rows.length) return 'access: nothing to verify';
  const met = rows.filter((row) => row.met).length;
  const notEvaluated = rows.filter((row) => row.problem !== undefined).length;
  const failed = rows.length - met - notEvaluated;
  const stacks = byStack(results).size;
  const profiles = `${results.length} profile${results.length === 1 ? '' : 's'}${stacks > 1 ? ` across ${stacks} stacks` : ''}`;
  return `access: ${rows.length} checks in ${profiles}: ${met} met, ${failed} failed, ${notEvaluated} not evaluated`;
}

function byStack(results: readonly ProfileVerification[]): Map<string, ProfileVerification[]> {
  const groups = new Map<string, ProfileVerification[]>();
  for (const result of results) {
    const group = groups.get(result.stack);
    if (group) group.push(result);
    else groups.set(result.stack, [result]);
  }
  return groups;
}

function profileLines(result: ProfileVerification): string[] {
  const lines = [`${result.profile}: ${result.roleArn ? `role ${result.roleArn}` : 'no role to check'} (${result.fieldPath})`];
  if (result.rows.length) lines.push(...table([[...HEADER], ...result.rows.map((row) => cells(row, result.roleArn !== ''))]).map((line) => `  ${line}`));
  for (const problem of result.problems) lines.push(`  ${problem.fieldPath}: ${problem.message}`);
  for (const note of result.notes) lines.push(`  note: ${note}`);
  for (const row of result.rows) for (const note of row.notes) lines.push(`  note: ${row.request}: ${note}`);
  lines.push('');
  return lines;
}

function cells(row: VerifyRow, hasRole: boolean): string[] {
  if (row.problem !== undefined) {
    const why = row.blockedByProfile && hasRole ? 'a policy of the role cannot be evaluated (below)' : withoutPrefix(row.problem, 'cannot evaluate: ');
    return ['N/A', row.request, row.expected, 'cannot evaluate', why];
  }
  return [row.met ? 'ok' : 'FAIL', row.request, row.expected, row.decision ?? '', row.deciding];
}

/** Left-aligned columns separated by two spaces; the last column is not padded. */
function table(rows: readonly string[][]): string[] {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  return rows.map((row) =>
    row
      .map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column])))
      .join('  ')
      .trimEnd(),
  );
}

function withoutPrefix(text: string, prefix: string): string {
  return text.startsWith(prefix) ? text.slice(prefix.length) : text;
}
