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

/** One character position of a policy ARN. */
type PolicyToken = { readonly kind: 'char'; readonly char: string } | { readonly kind: 'star' } | { readonly kind: 'one' };

/** One position of a resource type format: a literal character or a placeholder. */
type FormatToken = { readonly kind: 'char'; readonly char: string } | { readonly kind: 'placeholder'; readonly name: string; readonly wholePart: boolean };

/** What a placeholder may hold. */
function placeholderAccepts(token: { wholePart: boolean }, char: string | undefined): boolean {
  if (!token.wholePart) return true;
  return char === undefined ? true : char !== ':' && char !== '/';
}

function sameChar(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** Tokenizes a policy ARN: `*` and policy variables stand for any run, `?` for one character. */
function policyTokens(arn: string): PolicyToken[] {
  const tokens: PolicyToken[] = [];
  for (let i = 0; i < arn.length; i++) {
    const char = arn[i];
    if (char === '$' && arn[i + 1] === '{') {
      const end = arn.indexOf('}', i + 2);
      if (end !== -1) {
        const inner = arn.slice(i + 2, end);
        if (inner === '*' || inner === '?' || inner === '$') tokens.push({ kind: 'char', char: inner });
        else tokens.push({ kind: 'star' });
        i = end;
        continue;
      }
    }
    tokens.push(char === '*' ? { kind: 'star' } : char === '?' ? { kind: 'one' } : { kind: 'char', char });
  }
  return tokens;
}

/** The parts of an ARN format (`arn`, partition, service, region, account, resource). */
function formatParts(format: string): string[] {
  const arn = splitArn(format);
  if (!arn) return [format];
  return ['arn', arn.partition, arn.service, arn.region, arn.account, arn.resource];
}

const PLACEHOLDER = /\$\{([A-Za-z0-9]+)\}/g;

/** Tokenized ARN formats: a catalog has a few thousand, and policies ask about the same ones again and again. */
const tokenizedFormats = new Map<string, readonly FormatToken[]>();

/** Tokenizes a resource type's ARN format (once per format). */
function formatTokens(format: string): readonly FormatToken[] {
  let tokens = tokenizedFormats.get(format);
  if (!tokens) {
    tokens = tokenizeFormat(format);
    tokenizedFormats.set(format, tokens);
  }
  return tokens;
}

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
 * format's and memory proportional to the format's alone, whatever the wildcards.
 */
export function arnMatchesFormat(policyArn: string, arnFormat: string): boolean {
  const policy = policyTokens(policyArn);
  const format = formatTokens(arnFormat);
  const m = format.length;
  // State 2j: at format position j; state 2j + 1: inside the placeholder at j, which has consumed a character.
  let current = new Uint8Array(2 * (m + 1));
  let next = new Uint8Array(2 * (m + 1));
  current[0] = 1;
  for (let i = 0; ; i++) {
    const p = policy[i];
    closeOver(current, format, p?.kind === 'star');
    if (!p) return current[2 * m] === 1;
    next.fill(0);
    let any = false;
    for (let state = 0; state < current.length; state++) {
      if (!current[state]) continue;
      // A star may also match no character: the state carries over to the next policy position.
      if (p.kind === 'star') {
        next[state] = 1;
        any = true;
        continue;
      }
      const j = state >> 1;
      const f = format[j];
      if (!f) continue;
      if (f.kind === 'char' ? p.kind !== 'char' || sameChar(p.char, f.char) : placeholderAccepts(f, p.kind === 'char' ? p.char : undefined)) {
        next[f.kind === 'char' ? 2 * (j + 1) : 2 * j + 1] = 1;
        any = true;
      }
    }
    if (!any) return false;
    [current, next] = [next, current];
  }
}

/**
 * Adds the states reachable without moving in the policy: a placeholder that has consumed a
 * character may end, and a star (`star`) consumes any character of the format, so it moves
 * over literal characters and into placeholders. Every move goes forward, so one pass does.
 */
function closeOver(states: Uint8Array, format: readonly FormatToken[], star: boolean): void {
  for (let j = 0; j < format.length; j++) {
    const f = format[j];
    if (star && states[2 * j] && f.kind === 'placeholder') states[2 * j + 1] = 1;
    if (states[2 * j + 1] || (star && states[2 * j] && f.kind === 'char')) states[2 * (j + 1)] = 1;
  }
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
