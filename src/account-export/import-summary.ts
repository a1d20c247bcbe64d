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

/** The most names a list shows; longer lists end with how many more there are. */
export const NAMES_SHOWN = 20;

/** `a`, `a and b`, `a, b and c`; past {@link NAMES_SHOWN} names, `a, b, … and 4,980 more`. */
export function listed(items: readonly string[]): string {
  if (items.length > NAMES_SHOWN) return `${items.slice(0, NAMES_SHOWN).join(', ')} and ${(items.length - NAMES_SHOWN).toLocaleString('en')} more`;
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
