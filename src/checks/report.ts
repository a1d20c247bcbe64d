/**
 * Findings as a plain-text table for the terminal: level, rule, severity, field, message, one
 * row per finding (suppressed ones with their reason), and a summary line
 * "N errors, M warnings, K suppressed".
 */
import { formatFieldPath } from '../spec/spec-error';
import type { Finding } from './finding';

/** Counts of the findings that matter for the exit code. */
export interface FindingCounts {
  /** Errors not suppressed: they fail the run. */
  readonly errors: number;
  /** Warnings not suppressed. */
  readonly warnings: number;
  /** Suppressed findings of any level. */
  readonly suppressed: number;
}

/** Options of {@link formatFindingsTable}. */
export interface ReportOptions {
  /** Wrap the message column to fit this many columns (e.g. `process.stdout.columns`). @default - no wrapping */
  readonly width?: number;
}

const HEADERS = ['level', 'rule', 'severity', 'field', 'message'] as const;
const GAP = '  ';
/** Narrowest the message column gets when wrapping. */
const MIN_MESSAGE_WIDTH = 30;

/** Counts errors, warnings and suppressed findings. */
export function countFindings(findings: readonly Finding[]): FindingCounts {
  const active = findings.filter((finding) => !finding.suppressedBecause);
  return {
    errors: active.filter((finding) => finding.level === 'error').length,
    warnings: active.filter((finding) => finding.level === 'warning').length,
    suppressed: findings.length - active.length,
  };
}

/** "2 errors, 1 warning, 0 suppressed". */
export function summaryLine(findings: readonly Finding[]): string {
  const { errors, warnings, suppressed } = countFindings(findings);
  return `${plural(errors, 'error')}, ${plural(warnings, 'warning')}, ${suppressed} suppressed`;
}

/** The findings as an aligned table followed by the summary line; "no findings" when empty. */
export function formatFindingsTable(findings: readonly Finding[], options: ReportOptions = {}): string {
  if (findings.length === 0) return `no findings\n${summaryLine(findings)}\n`;
  const rows = findings.map((finding) => [
    finding.suppressedBecause ? `${finding.level} (suppressed)` : finding.level,
    finding.rule,
    finding.severity ?? '-',
    fieldOf(finding),
    finding.suppressedBecause ? `${finding.message} [suppressed: ${finding.suppressedBecause}]` : finding.message,
  ]);
  const widths = HEADERS.slice(0, -1).map((header, column) => Math.max(header.length, ...rows.map((row) => row[column].length)));
  const indent = widths.reduce((sum, width) => sum + width + GAP.length, 0);
  const messageWidth = options.width ? Math.max(MIN_MESSAGE_WIDTH, options.width - indent) : Infinity;
  const render = (cells: readonly string[]) => {
    const lead =
      cells
        .slice(0, -1)
        .map((cell, column) => cell.padEnd(widths[column]))
        .join(GAP) + GAP;
    const [first, ...rest] = wrap(cells[cells.length - 1], messageWidth);
    return [lead + first, ...rest.map((line) => ' '.repeat(indent) + line)].map((line) => line.trimEnd()).join('\n');
  };
  return [render(HEADERS), ...rows.map(render), summaryLine(findings)].join('\n') + '\n';
}

function fieldOf(finding: Finding): string {
  const field = formatFieldPath(finding.path) || '(spec)';
  return finding.line ? `${field} (line ${finding.line})` : field;
}

/** Splits text into lines of at most `width` characters at spaces (a longer word gets a line of its own). */
function wrap(text: string, width: number): string[] {
  if (text.length <= width) return [text];
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  lines.push(line);
  return lines;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
