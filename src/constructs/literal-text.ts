/**
 * The one boundary between text and Terraform code. Terraform reads `${…}` and `%{…}` inside
 * every string of a configuration (HCL and JSON alike) as template sequences: a description
 * `host ${file("/etc/hostname")}` would read a file on the machine that plans it. Text that
 * comes from a spec, a fleet item or a file is never code, so every string the tool writes is
 * escaped here (`$${`, `%%{`) whatever field it fills; only what the tool itself builds as an
 * expression stays live, and the tool builds every expression as a cdktf token
 * ({@link terraformExpression}, or a construct's attribute reference), never as text.
 *
 * Stacks built from a spec extend {@link LiteralTextStack}: each element's configuration is
 * escaped before cdktf resolves its tokens, when cdktf tokens (`${TfToken[…]}`) still tell
 * the tool's references apart from text. Values a construct produces lazily (a policy document
 * that grants add statements to) are escaped by {@link escapeLiteralText} when produced.
 */
import { Fn, TerraformElement, TerraformStack, Token, Tokenization, ref, type IResolvable, type IResolveContext } from 'cdktf';
import type { IConstruct } from 'constructs';
import { CDKTF_TOKEN_MARKERS } from '../spec/parse-text';

/** cdktf's marker of a string token, `${TfToken[TOKEN.12]}`: a reference the program built (the spec reader refuses it in text). */
const [STRING_TOKEN_MARKER] = CDKTF_TOKEN_MARKERS;

const STRING_TOKEN = /\$\{TfToken\[[a-zA-Z0-9:._-]+\]\}/g;

/**
 * `value` with the text of every string (and every object key) escaped for Terraform's
 * template syntax: `${` → `$${`, `%{` → `%%{`. cdktf tokens inside the strings are kept, so
 * the references they stand for stay live; a `$` or `%` just before a token is written as
 * `${"$"}` so that it cannot turn the reference into an escape. Objects that cdktf resolves
 * itself (tokens, lazy values) are kept as they are.
 */
export function escapeLiteralText<T>(value: T): T {
  if (typeof value === 'string') return escapeString(value) as T;
  if (Array.isArray(value)) return value.map((item) => escapeLiteralText(item)) as T;
  if (value && typeof value === 'object' && isPlainData(value)) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [escapeString(key), escapeLiteralText(item)])) as T;
  }
  return value;
}

function escapeString(text: string): string {
  if (!text.includes('{')) return text;
  if (!text.includes(STRING_TOKEN_MARKER)) return escapeText(text, false);
  let result = '';
  let last = 0;
  for (const match of text.matchAll(STRING_TOKEN)) {
    result += escapeText(text.slice(last, match.index), true) + match[0];
    last = match.index + match[0].length;
  }
  return result + escapeText(text.slice(last), false);
}

/** Literal text; `beforeExpression` when an expression follows it, which a trailing `$` or `%` would escape. */
function escapeText(text: string, beforeExpression: boolean): string {
  const escaped = text.replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{');
  const last = escaped[escaped.length - 1];
  return beforeExpression && (last === '$' || last === '%') ? `${escaped.slice(0, -1)}\${"${last}"}` : escaped;
}

function isPlainData(value: object): boolean {
  if (Tokenization.isResolvable(value)) return false;
  // A plain object's prototype is its realm's Object.prototype (whatever realm made it), or none.
  const prototype = Object.getPrototypeOf(value);
  return prototype === null || Object.getPrototypeOf(prototype) === null;
}

/**
 * `value` (strings, lists, string maps; tokens inside them kept) made ready to pass to one of
 * cdktf's functions (`Fn.merge([tags, …])`). cdktf writes a function's arguments into the
 * expression itself, escaping only `${` and line breaks of the values (and nothing of the keys):
 * text is passed as `Fn.rawString` (which escapes `"` too), and the rest of Terraform's string
 * syntax (`\`, `%{`, and `${` in keys) is escaped here, so the argument is the literal text
 * whatever it holds.
 */
export function functionArgument<T>(value: T): T {
  if (typeof value === 'string') {
    if (!Token.isUnresolved(value)) return rawText(value) as T;
    const text = value.replace(STRING_TOKEN, '');
    if (!text.length) return value;
    // Text with template sequences (or a `$`/`%` just before a reference) beside a reference: its
    // pieces joined, each text piece raw, so that cdktf reads no text as code.
    if (/[$%]\{/.test(text) || /[$%]\$\{TfToken\[/.test(value))
      return Fn.join(
        '',
        splitTokens(value).map((piece) => (piece.token ? piece.text : rawText(piece.text))),
      ) as T;
    return escapeForFunction(value, false) as T;
  }
  if (Array.isArray(value)) return value.map((item) => functionArgument(item)) as T;
  if (value && typeof value === 'object' && isPlainData(value)) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [escapeForFunction(key, true), functionArgument(item)])) as T;
  }
  return value;
}

/** Literal text as a function argument: cdktf's raw string, with what it does not escape escaped here. */
function rawText(text: string): string {
  return Fn.rawString(text.replace(/\\/g, '\\\\').replace(/%\{/g, '%%{'));
}

/** A string's literal pieces and its cdktf tokens, in order. */
function splitTokens(value: string): Array<{ readonly text: string; readonly token: boolean }> {
  const pieces: Array<{ text: string; token: boolean }> = [];
  let last = 0;
  for (const match of value.matchAll(STRING_TOKEN)) {
    if (match.index > last) pieces.push({ text: value.slice(last, match.index), token: false });
    pieces.push({ text: match[0], token: true });
    last = match.index + match[0].length;
  }
  if (last < value.length) pieces.push({ text: value.slice(last), token: false });
  return pieces;
}

function escapeForFunction(text: string, key: boolean): string {
  const quoted = text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/%\{/g, '%%{');
  return key ? quoted.replace(/\$\{(?!TfToken\[)/g, () => '$${').replace(/\n/g, '\\n') : quoted;
}

/**
 * A Terraform expression the tool builds (`var.items`, `each.value.team`, `self.id == var.id`),
 * as a cdktf token that resolves to `${<expression>}`: the only way text becomes code.
 * Never pass it text from a spec.
 */
export function terraformExpression(expression: string): string {
  return Token.asString(ref(expression));
}

/**
 * A string that has already passed the boundary (a value read from a configuration this tool
 * synthesized: its text escaped, its references live), carried into another configuration as it is.
 */
export function synthesizedText(text: string): string {
  const verbatim: IResolvable = { creationStack: [], resolve: (_context: IResolveContext) => text, toString: () => text };
  return Token.asString(verbatim);
}

const escaped = new WeakSet<TerraformElement>();

/** Escapes the text of every element in `scope`'s stack (once each) when the stack is rendered. */
function keepTextLiteral(stack: TerraformStack): void {
  for (const node of stack.node.findAll()) {
    if (!TerraformElement.isTerraformElement(node) || escaped.has(node) || TerraformStack.of(node) !== stack) continue;
    escaped.add(node);
    const configuration = node.toTerraform.bind(node);
    node.toTerraform = () => escapeLiteralText(configuration());
  }
}

/**
 * A stack whose strings are literal text, whatever construct set them: see the module's doc.
 * Use it as the base of a stack that takes text from others (a spec, a fleet item, a file).
 */
export class LiteralTextStack extends TerraformStack {
  override toTerraform(): ReturnType<TerraformStack['toTerraform']> {
    keepTextLiteral(this);
    return super.toTerraform();
  }
}

/** Whether `scope` is in a stack that keeps its text literal. */
export function keepsTextLiteral(scope: IConstruct): boolean {
  return TerraformStack.of(scope) instanceof LiteralTextStack;
}
