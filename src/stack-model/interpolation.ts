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
  return new Interpolator().interpolate(value, scope);
}

/** A value's evaluation, read once from its text: a module's body is evaluated once per instance. */
type Evaluation = (scope: InterpolationScope) => unknown;

/**
 * Interpolates the values of one configuration: each string, object and list is read once (its
 * template split, its expressions classified) and then evaluated in every scope it is asked
 * for, so that a module's resources cost one reading for all of its `for_each` instances. The
 * values must not change while it is used (one is made per configuration read).
 */
export class Interpolator {
  private readonly objects = new WeakMap<object, Evaluation>();
  private readonly strings = new Map<string, Evaluation>();

  /** Resolves every template string inside `value` (objects and lists walked). */
  interpolate(value: unknown, scope: InterpolationScope): unknown {
    return this.evaluation(value)(scope);
  }

  private evaluation(value: unknown): Evaluation {
    if (typeof value === 'string') return this.stringEvaluation(value);
    if (value === null || typeof value !== 'object') return () => value;
    let evaluation = this.objects.get(value);
    if (!evaluation) {
      evaluation = Array.isArray(value) ? this.listEvaluation(value) : this.objectEvaluation(value as Record<string, unknown>);
      this.objects.set(value, evaluation);
    }
    return evaluation;
  }

  private listEvaluation(list: readonly unknown[]): Evaluation {
    const items = list.map((item) => this.evaluation(item));
    return (scope) => items.map((item) => item(scope));
  }

  private objectEvaluation(object: Readonly<Record<string, unknown>>): Evaluation {
    const entries = Object.entries(object)
      .filter(([key]) => key !== '//')
      .map(([key, item]) => [this.keyEvaluation(key), this.evaluation(item)] as const);
    return (scope) => Object.fromEntries(entries.map(([key, item]) => [key(scope), item(scope)]));
  }

  /** An object key is a template too (a tag key written `a$${b}` is `a${b}`); one whose value is not yet known stays as written. */
  private keyEvaluation(key: string): (scope: InterpolationScope) => string {
    if (!key.includes('{')) return () => key;
    const evaluation = this.stringEvaluation(key);
    return (scope) => {
      const value = evaluation(scope);
      return typeof value === 'string' ? value : key;
    };
  }

  /** A template string: literal text with `${…}` expressions. A string that is one expression takes the expression's value. */
  private stringEvaluation(text: string): Evaluation {
    if (!text.includes('{')) return () => text;
    let evaluation = this.strings.get(text);
    if (evaluation) return evaluation;
    const parts = splitTemplate(text).map((part) => (typeof part === 'string' ? part : this.expressionEvaluation(part.expression)));
    if (parts.length === 1) {
      const [part] = parts;
      evaluation = typeof part === 'string' ? () => part : part;
    } else {
      evaluation = (scope) => {
        let result = '';
        for (const part of parts) {
          if (typeof part === 'string') {
            result += part;
            continue;
          }
          const value = part(scope);
          if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') result += String(value);
          else return unknown();
        }
        return result;
      };
    }
    this.strings.set(text, evaluation);
    return evaluation;
  }

  private expressionEvaluation(expression: string): Evaluation {
    const trimmed = expression.trim();
    const partition = PARTITION_REFERENCE.exec(trimmed);
    if (partition) return (scope) => scope.partition[partition[1]] ?? unknown();
    const local = LOCAL_REFERENCE.exec(trimmed);
    if (local) return (scope) => (local[1] in scope.locals ? this.interpolate(scope.locals[local[1]], scope) : unknown());
    const encoded = JSONENCODE.exec(trimmed);
    if (encoded) {
      const inner = this.expressionEvaluation(encoded[1]);
      return (scope) => {
        const value = inner(scope);
        return containsUnknown(value) ? unknown() : JSON.stringify(value);
      };
    }
    const variable = VARIABLE_REFERENCE.exec(trimmed);
    if (variable) return (scope) => (scope.variables && variable[1] in scope.variables ? scope.variables[variable[1]] : unknown());
    const each = EACH_REFERENCE.exec(trimmed);
    const resource = RESOURCE_REFERENCE.exec(trimmed);
    return (scope) => {
      if (each && scope.each) {
        if (each[1] === 'key') return each[2] === undefined ? scope.each.key : unknown();
        const value = scope.each.value as Record<string, unknown> | undefined;
        return each[2] === undefined ? value : value && each[2] in value ? value[each[2]] : unknown();
      }
      if (resource) return unknown({ address: `${scope.addressPrefix ?? ''}${resource[1]}`, attribute: resource[2] });
      return unknown();
    };
  }
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
