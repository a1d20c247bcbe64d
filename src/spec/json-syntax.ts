/**
 * Finds the first syntax problem of a JSON text, with its offset: what `JSON.parse` refuses
 * (its messages do not always say where), a key given twice in one object (which
 * `JSON.parse` silently resolves to the last one), and nesting deeper than the input limit.
 * Iterative, so no input can overflow the stack.
 */
import { INPUT_LIMITS } from './input-limits';

/** A JSON syntax problem: what is wrong, at which character offset. */
export interface JsonSyntaxProblem {
  readonly offset: number;
  readonly message: string;
}

type State = 'value' | 'firstValueOrEnd' | 'key' | 'firstKeyOrEnd' | 'colon' | 'commaOrEnd' | 'done';

interface Frame {
  readonly kind: 'object' | 'array';
  readonly keys: Set<string>;
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const WHITESPACE = /[ \t\n\r]*/y;
/** A run of string characters that need no look: not a quote, a backslash or a control character. */
const PLAIN_RUN = /[^"\\\u0000-\u001f]*/y;
const LITERALS = ['true', 'false', 'null'];

/** The first problem of `text` as JSON, or `undefined` when it is well-formed with unique keys. */
export function findJsonSyntaxProblem(text: string): JsonSyntaxProblem | undefined {
  const stack: Frame[] = [];
  let state: State = 'value';
  let offset = 0;
  const fail = (message: string, at = offset): JsonSyntaxProblem => ({ offset: at, message });
  const afterValue = (): State => (stack.length ? 'commaOrEnd' : 'done');

  for (;;) {
    WHITESPACE.lastIndex = offset;
    WHITESPACE.exec(text);
    offset = WHITESPACE.lastIndex;
    if (offset >= text.length) {
      return state === 'done'
        ? undefined
        : fail(
            text.trim()
              ? `the file ends inside ${stack.length ? `an unclosed ${stack[stack.length - 1].kind === 'object' ? '{' : '['}` : 'a value'}`
              : 'the file is empty; a JSON value is expected',
          );
    }
    const char = text[offset];
    const frame = stack[stack.length - 1];
    switch (state) {
      case 'done':
        return fail(`unexpected ${describe(char)} after the end of the JSON value`);
      case 'colon':
        if (char !== ':') return fail(`expected ':' after the property name, found ${describe(char)}`);
        state = 'value';
        offset++;
        break;
      case 'commaOrEnd': {
        const close = frame.kind === 'object' ? '}' : ']';
        if (char === ',') state = frame.kind === 'object' ? 'key' : 'value';
        else if (char === close) {
          stack.pop();
          state = afterValue();
        } else return fail(`expected ',' or '${close}' after ${frame.kind === 'object' ? 'a property value' : 'a list entry'}, found ${describe(char)}`);
        offset++;
        break;
      }
      case 'key':
      case 'firstKeyOrEnd':
        if (char === '}') {
          if (state === 'key') return fail("a trailing comma before '}'; JSON allows none: remove the comma");
          stack.pop();
          state = afterValue();
          offset++;
        } else if (char === '"') {
          const end = scanString(text, offset);
          if (typeof end !== 'number') return end;
          const raw = text.slice(offset + 1, end - 1);
          const key = raw.includes('\\') ? (JSON.parse(text.slice(offset, end)) as string) : raw;
          if (frame.keys.has(key)) return fail(`the key "${key}" is given twice in one object; JSON readers keep only one of them`);
          frame.keys.add(key);
          offset = end;
          state = 'colon';
        } else return fail(`expected a double-quoted property name, found ${describe(char)}`);
        break;
      case 'value':
      case 'firstValueOrEnd':
        if (char === ']' && frame?.kind === 'array') {
          if (state === 'value') return fail("a trailing comma before ']'; JSON allows none: remove the comma");
          stack.pop();
          state = afterValue();
          offset++;
        } else if (char === '{' || char === '[') {
          if (stack.length >= INPUT_LIMITS.nestingDepth)
            return fail(`nested more than ${INPUT_LIMITS.nestingDepth} levels deep; that is the most this tool reads`);
          stack.push({ kind: char === '{' ? 'object' : 'array', keys: new Set() });
          state = char === '{' ? 'firstKeyOrEnd' : 'firstValueOrEnd';
          offset++;
        } else if (char === '"') {
          const end = scanString(text, offset);
          if (typeof end !== 'number') return end;
          offset = end;
          state = afterValue();
        } else {
          const length = scalarLength(text, offset);
          if (!length) return fail(`expected a value (a string in double quotes, a number, true, false, null, an object or a list), found ${describe(char)}`);
          offset += length;
          state = afterValue();
        }
        break;
    }
  }
}

/** The offset just past the string that starts at `start` (a `"`), or the problem in it. */
function scanString(text: string, start: number): number | JsonSyntaxProblem {
  for (let offset = start + 1; offset < text.length; offset++) {
    PLAIN_RUN.lastIndex = offset;
    PLAIN_RUN.exec(text);
    offset = PLAIN_RUN.lastIndex;
    if (offset >= text.length) break;
    const char = text[offset];
    if (char === '"') return offset + 1;
    if (char === '\\') {
      const escape = text[offset + 1];
      if (escape === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(offset + 2, offset + 6))) offset += 5;
      else if (escape !== undefined && '"\\/bfnrt'.includes(escape)) offset++;
      else return { offset, message: `an invalid escape "\\${escape ?? ''}" in a string; JSON knows \\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX` };
    } else if (char < ' ') {
      return {
        offset,
        message: `a ${char === '\n' ? 'line break' : 'control character'} inside a string; write it as ${char === '\n' ? '\\n' : char === '\t' ? '\\t' : '\\uXXXX'}`,
      };
    }
  }
  return { offset: start, message: 'a string that is never closed (a missing ")' };
}

/** The length of the number or literal at `offset`, or 0 when there is none. */
function scalarLength(text: string, offset: number): number {
  const literal = LITERALS.find((word) => text.startsWith(word, offset));
  if (literal) return literal.length;
  NUMBER.lastIndex = offset;
  return NUMBER.exec(text)?.[0].length ?? 0;
}

function describe(char: string): string {
  return char === '\n' ? 'a line break' : `'${char}'`;
}
