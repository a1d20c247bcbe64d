/**
 * Evaluates the Terraform template strings of a synthesized configuration as far as they can
 * be known before apply: `${data.aws_partition.current.partition}` and `.dns_suffix` from the
 * provider's region, `${local.name}` and `${jsonencode(local.name)}` from the locals, and the
 * `$${` / `%%{` escapes. A reference to a resource attribute (`${aws_iam_policy.p.arn}`) is known
 * only after apply and becomes an {@link UnknownValue} that keeps the reference; any other
 * expression becomes an unknown value without one.
 */
import { partitionKind } from '../resource-kinds';
import type { ResourceReference, UnknownValue } from './stack-model';

/** What the expressions can read. */
export interface InterpolationScope {
  /** Attributes of `data.aws_partition.<any>`: `partition`, `dns_suffix`, `id`. */
  readonly partition: Readonly<Record<string, string>>;
  /** The configuration's `locals` (values may hold template strings themselves). */
  readonly locals: Readonly<Record<string, unknown>>;
  /** The module's input variables, by name (a root's from its `*.auto.tfvars.json`). @default - none known */
  readonly variables?: Readonly<Record<string, unknown>>;
  /** `each.key` and `each.value` inside a block with `for_each`. @default - not inside one */
  readonly each?: { readonly key: string; readonly value: unknown };
  /** What resource addresses are prefixed with inside a module instance: `module.web["a"].`. @default "" */
  readonly addressPrefix?: string;
}

const RESOURCE_REFERENCE = /^((?:module\.[\w-]+\.)*aws_[a-z0-9_]+\.[\w-]+)\.([a-z_]+)$/;
const PARTITION_REFERENCE = new RegExp(`^data\\.${partitionKind.type}\\.[\\w-]+\\.([a-z_]+)$`);
const LOCAL_REFERENCE = /^local\.([\w-]+)$/;
const JSONENCODE = /^jsonencode\((.*)\)$/s;
const VARIABLE_REFERENCE = /^var\.([\w-]+)$/;
const EACH_REFERENCE = /^each\.(key|value)(?:\.([\w-]+))?$/;

/** Resolves every template string inside `value` (objects and lists walked). */
export function interpolate(value: unknown, scope: InterpolationScope): unknown {
  if (typeof value === 'string') return interpolateString(value, scope);
  if (Array.isArray(value)) return value.map((item) => interpolate(item, scope));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => key !== '//')
        .map(([key, item]) => [interpolateKey(key, scope), interpolate(item, scope)]),
    );
  }
  return value;
}

/** An object key is a template too (a tag key written `a$${b}` is `a${b}`); one whose value is not yet known stays as written. */
function interpolateKey(key: string, scope: InterpolationScope): string {
  const value = interpolateString(key, scope);
  return typeof value === 'string' ? value : key;
}

/** A template string: literal text with `${…}` expressions. A string that is one expression takes the expression's value. */
export function interpolateString(text: string, scope: InterpolationScope): unknown {
  if (!text.includes('{')) return text;
  const parts = splitTemplate(text);
  if (parts.length === 1 && typeof parts[0] !== 'string') return evaluate(parts[0].expression, scope);
  let result = '';
  for (const part of parts) {
    if (typeof part === 'string') {
      result += part;
      continue;
    }
    const value = evaluate(part.expression, scope);
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') result += String(value);
    else return unknown();
  }
  return result;
}

function evaluate(expression: string, scope: InterpolationScope): unknown {
  const trimmed = expression.trim();
  const partition = PARTITION_REFERENCE.exec(trimmed);
  if (partition) return scope.partition[partition[1]] ?? unknown();
  const local = LOCAL_REFERENCE.exec(trimmed);
  if (local) return local[1] in scope.locals ? interpolate(scope.locals[local[1]], scope) : unknown();
  const encoded = JSONENCODE.exec(trimmed);
  if (encoded) {
    const inner = evaluate(encoded[1], scope);
    return containsUnknown(inner) ? unknown() : JSON.stringify(inner);
  }
  const variable = VARIABLE_REFERENCE.exec(trimmed);
  if (variable) return scope.variables && variable[1] in scope.variables ? scope.variables[variable[1]] : unknown();
  const each = EACH_REFERENCE.exec(trimmed);
  if (each && scope.each) {
    if (each[1] === 'key') return each[2] === undefined ? scope.each.key : unknown();
    const value = scope.each.value as Record<string, unknown> | undefined;
    return each[2] === undefined ? value : value && each[2] in value ? value[each[2]] : unknown();
  }
  const resource = RESOURCE_REFERENCE.exec(trimmed);
  if (resource) return unknown({ address: `${scope.addressPrefix ?? ''}${resource[1]}`, attribute: resource[2] });
  return unknown();
}

type TemplatePart = string | { readonly expression: string };

/** Splits a template into literal text and `${…}` expressions; `$${` and `%%{` stand for literal `${` and `%{`. */
function splitTemplate(text: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let literal = '';
  let index = 0;
  while (index < text.length) {
    if (text.startsWith('$${', index) || text.startsWith('%%{', index)) {
      literal += text[index + 1] + '{';
      index += 3;
    } else if (text.startsWith('${', index)) {
      const end = closingBrace(text, index + 2);
      if (end < 0) {
        literal += text.slice(index);
        break;
      }
      if (literal) parts.push(literal);
      literal = '';
      parts.push({ expression: text.slice(index + 2, end) });
      index = end + 1;
    } else {
      literal += text[index];
      index++;
    }
  }
  if (literal || parts.length === 0) parts.push(literal);
  return parts;
}

/** The index of the `}` that closes an expression starting at `start`, skipping nested braces and strings. */
function closingBrace(text: string, start: number): number {
  let depth = 0;
  let quoted = false;
  for (let index = start; index < text.length; index++) {
    const char = text[index];
    if (quoted) {
      if (char === '\\') index++;
      else if (char === '"') quoted = false;
    } else if (char === '"') quoted = true;
    else if (char === '{') depth++;
    else if (char === '}') {
      if (depth === 0) return index;
      depth--;
    }
  }
  return -1;
}

function unknown(reference?: ResourceReference): UnknownValue {
  return reference ? { unknown: true, reference } : { unknown: true };
}

function containsUnknown(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return false;
  if ((value as { unknown?: unknown }).unknown === true) return true;
  return Object.values(value).some(containsUnknown);
}
