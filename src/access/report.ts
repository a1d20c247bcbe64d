/** The verifier's results as plain text: one table per profile and a summary line. */
import type { ProfileVerification, VerifyRow } from './verify';

const HEADER = ['', 'request', 'expected', 'decision', 'deciding statement'] as const;

/**
 * One table per profile (status, request, expected, decision, deciding statement), the
 * profile's unresolvable policies and any notes under it, and a summary line: `access: 5 checks in 1 profile: 5 met, 0 failed, 0 not evaluated`.
 */
export function renderVerifyReport(results: readonly ProfileVerification[]): string {
  const lines: string[] = [];
  for (const result of results) {
    lines.push(`${result.profile}: role ${result.roleArn} (${result.fieldPath})`);
    lines.push(...table([[...HEADER], ...result.rows.map(cells)]).map((line) => `  ${line}`));
    for (const problem of result.problems) lines.push(`  ${problem.fieldPath}: ${problem.message}`);
    for (const row of result.rows) for (const note of row.notes) lines.push(`  note: ${row.request}: ${note}`);
    lines.push('');
  }
  lines.push(summaryLine(results));
  return `${lines.join('\n')}\n`;
}

/** `access: 5 checks in 1 profile: 5 met, 0 failed, 0 not evaluated`. */
export function summaryLine(results: readonly ProfileVerification[]): string {
  const rows = results.flatMap((result) => result.rows);
  if (!rows.length) return 'access: nothing to verify';
  const met = rows.filter((row) => row.met).length;
  const notEvaluated = rows.filter((row) => row.problem !== undefined).length;
  const failed = rows.length - met - notEvaluated;
  const profiles = `${results.length} profile${results.length === 1 ? '' : 's'}`;
  return `access: ${rows.length} checks in ${profiles}: ${met} met, ${failed} failed, ${notEvaluated} not evaluated`;
}

function cells(row: VerifyRow): string[] {
  if (row.problem !== undefined) {
    const why = row.blockedByProfile ? 'a policy of the role cannot be resolved (below)' : withoutPrefix(row.problem, 'cannot evaluate: ');
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
