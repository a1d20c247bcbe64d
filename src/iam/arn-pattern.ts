/**
 * Whether a policy's resource ARN can name a resource of a given type. A policy ARN may hold
 * wildcards (`*`, `?`) and policy variables; a resource type's ARN format holds `${Placeholder}`
 * parts (`arn:${Partition}:s3:::${BucketName}/${ObjectName}`). Both are patterns, so the
 * question is whether some concrete ARN matches both: the intersection of two wildcard
 * languages, decided on a small product automaton. A placeholder stands for one or more
 * characters; when it is a whole ARN part (`${BucketName}`, `${Region}`) it cannot hold `:` or
 * `/`, so `arn:aws:s3:::bucket/*` is an object ARN and not a bucket ARN, while
 * `arn:aws:s3:::*` can be either.
 */
import { splitArn } from './arn';

/** One position of a resource type format: a literal character or a placeholder. */
type FormatToken = { readonly kind: 'char'; readonly char: string } | { readonly kind: 'placeholder'; readonly name: string; readonly wholePart: boolean };

/** The parts of an ARN format (`arn`, partition, service, region, account, resource). */
function formatParts(format: string): string[] {
  const arn = splitArn(format);
  if (!arn) return [format];
  return ['arn', arn.partition, arn.service, arn.region, arn.account, arn.resource];
}

const PLACEHOLDER = /\$\{([A-Za-z0-9]+)\}/g;

function tokenizeFormat(format: string): FormatToken[] {
  const tokens: FormatToken[] = [];
  formatParts(format).forEach((part, index) => {
    if (index > 0) tokens.push({ kind: 'char', char: ':' });
    const wholePart = /^\$\{[A-Za-z0-9]+\}$/.test(part);
    let last = 0;
    for (const match of part.matchAll(PLACEHOLDER)) {
      for (const char of part.slice(last, match.index)) tokens.push({ kind: 'char', char });
      tokens.push({ kind: 'placeholder', name: match[1], wholePart });
      last = (match.index ?? 0) + match[0].length;
    }
    for (const char of part.slice(last)) tokens.push({ kind: 'char', char });
  });
  return tokens;
}

/**
 * Whether some concrete ARN matches both the policy ARN (with its wildcards) and the resource
 * type's ARN format (with its placeholders). Letter case is ignored, to err on the side of
 * "applies".
 *
 * The product automaton is run as a set of states, one policy position after the other: the
 * states are the format positions, each also with "the placeholder here has consumed a
 * character already". That takes time proportional to the policy ARN's length times the
 * format's and memory proportional to the format's alone, whatever the wildcards. The checks
 * ask this of every ARN of every policy for each resource type of its actions, so it reads the
 * policy ARN into buffers kept between calls and allocates nothing else.
 */
export function arnMatchesFormat(policyArn: string, arnFormat: string): boolean {
  const length = readPolicyArn(policyArn);
  const format = compiledFormat(arnFormat);
  const m = format.chars.length;
  const size = 2 * (m + 1);
  if (states.length < 2 * size) states = new Uint8Array(4 * size);
  // The two state sets are the halves of `states`, at `current` and `next`. State 2j: at format
  // position j; state 2j + 1: inside the placeholder at j, which has consumed a character.
  // Every move goes forward, so a set lies between its lowest and highest state: only that
  // range is read (a few states, where a format is dozens of positions long).
  let current = 0;
  let next = size;
  states.fill(0, 0, size);
  states[0] = 1;
  let low = 0;
  let high = closeOver(states, current, format, false, 0, 0);
  for (let i = 0; i < length; i++) {
    const kind = policyKinds[i];
    if (kind === STAR) high = closeOver(states, current, format, true, low, high);
    states.fill(0, next, next + size);
    let nextLow = size;
    let nextHigh = -1;
    for (let state = low; state <= high; state++) {
      if (!states[current + state]) continue;
      let to = -1;
      if (kind === STAR) {
        // A star may also match no character: the state carries over to the next policy position.
        to = state;
      } else {
        const j = state >> 1;
        if (j === m) continue;
        const char = kind === CHAR ? policyChars[i] : undefined;
        if (format.placeholder[j]) {
          // A placeholder that is a whole ARN part holds no ':' or '/'.
          if (!format.wholePart[j] || char === undefined || (char !== ':' && char !== '/')) to = 2 * j + 1;
        } else if (char === undefined || char === format.chars[j]) to = 2 * (j + 1);
      }
      if (to < 0) continue;
      states[next + to] = 1;
      if (to < nextLow) nextLow = to;
      if (to > nextHigh) nextHigh = to;
    }
    if (nextHigh < 0) return false;
    const previous = current;
    current = next;
    next = previous;
    low = nextLow;
    high = closeOver(states, current, format, false, low, nextHigh);
  }
  return states[current + 2 * m] === 1;
}

/**
 * Adds the states reachable without moving in the policy: a placeholder that has consumed a
 * character may end, and a star (`star`) consumes any character of the format, so it moves
 * over literal characters and into placeholders. Every move goes forward, so one pass from the
 * set's lowest state (`low`) does, as far as its highest (`high`) reaches. The set is the one at
 * offset `at` of `states`; returns its new highest state.
 */
function closeOver(states: Uint8Array, at: number, format: CompiledFormat, star: boolean, low: number, high: number): number {
  for (let j = low >> 1; j < format.chars.length && 2 * j <= high; j++) {
    const placeholder = format.placeholder[j] === 1;
    if (star && states[at + 2 * j] && placeholder) {
      states[at + 2 * j + 1] = 1;
      if (2 * j + 1 > high) high = 2 * j + 1;
    }
    if (states[at + 2 * j + 1] || (star && states[at + 2 * j] && !placeholder)) {
      states[at + 2 * (j + 1)] = 1;
      if (2 * (j + 1) > high) high = 2 * (j + 1);
    }
  }
  return high;
}

/** The kinds of policy positions: a character, `*` (any run), `?` (one character). */
const CHAR = 0;
const STAR = 1;
const ONE = 2;

/** The automaton's two state sets, kept between calls (grown when a format is longer). */
let states = new Uint8Array(256);
/** The last policy ARN read: each position's kind, and its character in lower case ('' for a wildcard). */
let policyKinds = new Uint8Array(256);
const policyChars: string[] = [];

/** Reads a policy ARN into {@link policyKinds} and {@link policyChars}: `*` and policy variables stand for any run, `?` for one character. Returns its length in positions. */
function readPolicyArn(arn: string): number {
  if (policyKinds.length < arn.length) policyKinds = new Uint8Array(2 * arn.length);
  let length = 0;
  for (let i = 0; i < arn.length; i++) {
    const char = arn[i];
    if (char === '$' && arn[i + 1] === '{') {
      const end = arn.indexOf('}', i + 2);
      if (end !== -1) {
        const inner = arn.slice(i + 2, end);
        // `${*}`, `${?}` and `${$}` are the character itself; any other variable stands for any run.
        const literal = inner === '*' || inner === '?' || inner === '$';
        policyKinds[length] = literal ? CHAR : STAR;
        policyChars[length++] = literal ? inner : '';
        i = end;
        continue;
      }
    }
    const kind = char === '*' ? STAR : char === '?' ? ONE : CHAR;
    policyKinds[length] = kind;
    policyChars[length++] = kind === CHAR ? char.toLowerCase() : '';
  }
  return length;
}

/** A format as the automaton reads it: each position a placeholder (and whether it is a whole ARN part) or a character in lower case. */
interface CompiledFormat {
  readonly placeholder: Uint8Array;
  readonly wholePart: Uint8Array;
  readonly chars: readonly string[];
}

/** Compiled ARN formats: a catalog has a few thousand, and policies ask about the same ones again and again. */
const compiledFormats = new Map<string, CompiledFormat>();

function compiledFormat(format: string): CompiledFormat {
  let compiled = compiledFormats.get(format);
  if (!compiled) {
    const tokens = tokenizeFormat(format);
    compiled = {
      placeholder: Uint8Array.from(tokens, (token) => (token.kind === 'placeholder' ? 1 : 0)),
      wholePart: Uint8Array.from(tokens, (token) => (token.kind === 'placeholder' && token.wholePart ? 1 : 0)),
      chars: tokens.map((token) => (token.kind === 'char' ? token.char.toLowerCase() : '')),
    };
    compiledFormats.set(format, compiled);
  }
  return compiled;
}

/**
 * The placeholder values a concrete-looking ARN gives for a format, e.g. `BucketName` →
 * `my-bucket` for `arn:aws:s3:::my-bucket/*` and `arn:${Partition}:s3:::${BucketName}/${ObjectName}`;
 * `undefined` when the ARN does not have the format's shape. Wildcards are taken literally.
 */
export function placeholderValues(arn: string, arnFormat: string): ReadonlyMap<string, string> | undefined {
  const names: string[] = [];
  const source = formatParts(arnFormat)
    .map((part) => {
      const wholePart = /^\$\{[A-Za-z0-9]+\}$/.test(part);
      const pieces = part.split(PLACEHOLDER);
      // split with a capture group alternates literal text and placeholder names.
      return pieces
        .map((piece, k) => {
          if (k % 2 === 0) return piece.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
          names.push(piece);
          const last = k === pieces.length - 2;
          return wholePart ? '([^:/]+)' : last ? '(.+)' : '([^/]+?)';
        })
        .join('');
    })
    .join(':');
  const match = new RegExp(`^${source}$`, 'i').exec(arn);
  if (!match) return undefined;
  const values = new Map<string, string>();
  names.forEach((name, k) => {
    if (!values.has(name)) values.set(name, match[k + 1]);
  });
  return values;
}

/** Fills a format's placeholders; those `valueOf` does not know stay as `${Name}`. */
export function fillArnFormat(arnFormat: string, valueOf: (name: string) => string | undefined): { text: string; unfilled: number } {
  let unfilled = 0;
  const text = arnFormat.replace(PLACEHOLDER, (whole, name: string) => {
    const value = valueOf(name);
    if (value !== undefined) return value;
    unfilled++;
    return whole;
  });
  return { text, unfilled };
}
