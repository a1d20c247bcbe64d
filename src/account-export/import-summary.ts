/**
 * The summary of an import: each thing of the account the spec cannot express, or that was
 * left out, with what was done with it.
 */

/** One thing the spec does not say as the account has it, and what `import` did with it. */
export interface ImportSummaryItem {
  /** What it is about: `role WebServerRole`, `instance i-0123456789abcdef0`. */
  readonly subject: string;
  /** What the account has: `has the inline policy WebServerLogs`. */
  readonly finding: string;
  /** What was done with it: `not in the spec; the role keeps it …`. */
  readonly action: string;
}

/** The summary as lines: `- <subject> <finding>; <action>`. */
export function formatImportSummary(items: readonly ImportSummaryItem[]): string[] {
  return items.map((item) => `- ${item.subject} ${item.finding}; ${item.action}`);
}

/** `a`, `a and b`, `a, b and c`. */
export function listed(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
