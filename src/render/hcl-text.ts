/**
 * HCL literals for the files the module generator writes as text (tests, examples): values are
 * literal, so `${` and `%{` in them are escaped, never read as templates.
 */
import { escapeLiteralText } from '../constructs/literal-text';

/** A quoted HCL string holding `text` literally. */
export function hclString(text: string): string {
  const escaped = text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t');
  return `"${escapeLiteralText(escaped)}"`;
}

/** An HCL expression for a JSON value, one entry a line (as `formatHcl` lays it out). */
export function hclLiteral(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return hclString(value);
  if (typeof value !== 'object') return String(value);
  if (Array.isArray(value)) return value.length ? `[\n${value.map((item) => `${hclLiteral(item)},`).join('\n')}\n]` : '[]';
  const entries = Object.entries(value);
  return entries.length ? `{\n${entries.map(([key, item]) => `${hclKey(key)} = ${hclLiteral(item)}`).join('\n')}\n}` : '{}';
}

/** An attribute or object key: bare when HCL allows it, else quoted. */
export function hclKey(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_-]*$/.test(name) ? name : hclString(name);
}
