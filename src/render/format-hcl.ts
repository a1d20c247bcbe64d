/**
 * Makes cdktf's HCL output `terraform fmt`-clean without running Terraform: interpolation-only
 * strings (`"${aws_iam_role.x.name}"`) become bare expressions, lines are indented two spaces
 * per nesting level, the `=` of consecutive attributes are aligned as `terraform fmt` aligns
 * them, and blank lines are normalized to one between top-level blocks.
 *
 * It handles the line-per-item layout cdktf writes (no heredocs, strings on one line).
 */

interface Line {
  /** The line without indentation or trailing space. */
  readonly text: string;
  /** Bracket nesting depth the line starts at. */
  readonly depth: number;
  /** Net change of bracket depth over the line. */
  readonly delta: number;
  /** The line starts with a closing bracket. */
  readonly closes: boolean;
  /** Offset of the attribute's `=` when the line is a whole single-line attribute. */
  readonly assignAt?: number;
}

const CLOSERS = '}])';

export function formatHcl(source: string): string {
  const lines = analyze(source.split('\n').map((line) => spaceInlineObjects(unwrapInterpolationOnly(line.trim()))));
  return render(alignAssignments(normalizeBlankLines(lines)));
}

/** Replaces each string literal that is exactly one `${…}` interpolation by its expression. */
export function unwrapInterpolationOnly(line: string): string {
  if (!line.includes('"${')) return line;
  let out = '';
  let copied = 0;
  let i = line.indexOf('"');
  while (i !== -1) {
    const literal = scanString(line, i);
    if (literal.onlyInterpolation) {
      out += line.slice(copied, i) + unwrapInterpolationOnly(line.slice(i + 3, literal.end - 1).trim());
      copied = literal.end + 1;
    }
    i = line.indexOf('"', literal.end + 1);
  }
  return out + line.slice(copied);
}

/** `{"Name" = "x"}` → `{ "Name" = "x" }`: an object written on one line has a space inside each brace, as `terraform fmt` writes it. */
export function spaceInlineObjects(line: string): string {
  if (!line.includes('{')) return line;
  const opens: number[] = [];
  const pairs: Array<[number, number]> = [];
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '"') i = scanString(line, i).end;
    else if (c === '#' || (c === '/' && line[i + 1] === '/')) break;
    else if (c === '{') opens.push(i);
    else if (c === '}' && opens.length) pairs.push([opens.pop()!, i]);
  }
  const inner = pairs.filter(([open, close]) => close > open + 1);
  if (!inner.length) return line;
  const at = new Map<number, string>();
  for (const [open, close] of inner) {
    if (line[open + 1] !== ' ') at.set(open + 1, ' ');
    if (line[close - 1] !== ' ') at.set(close, ' ');
  }
  let out = '';
  for (let i = 0; i <= line.length; i++) out += (at.get(i) ?? '') + (line[i] ?? '');
  return out;
}

/** Scans a string literal starting at `start` (a `"`). */
function scanString(line: string, start: number): { end: number; onlyInterpolation: boolean } {
  let j = start + 1;
  let onlyInterpolation = false;
  while (j < line.length) {
    const c = line[j];
    if (c === '\\') {
      j += 2;
    } else if (c === '"') {
      return { end: j, onlyInterpolation };
    } else if ((c === '$' || c === '%') && line[j + 1] === c && line[j + 2] === '{') {
      j += 3; // `$${` and `%%{` are escaped, literal text
    } else if ((c === '$' || c === '%') && line[j + 1] === '{') {
      const close = skipTemplate(line, j + 2);
      onlyInterpolation = c === '$' && j === start + 1 && line[close + 1] === '"';
      j = close + 1;
    } else {
      j++;
    }
  }
  return { end: line.length - 1, onlyInterpolation: false };
}

/** Returns the index of the `}` that closes a template sequence whose body starts at `start`. */
export function skipTemplate(line: string, start: number): number {
  let depth = 1;
  let k = start;
  while (k < line.length) {
    const c = line[k];
    if (c === '"') {
      k = scanString(line, k).end + 1;
      continue;
    }
    if (c === '{') depth++;
    if (c === '}' && --depth === 0) return k;
    k++;
  }
  return line.length - 1;
}

/** Computes depth, bracket change and the attribute `=` of every line. */
function analyze(texts: string[]): Line[] {
  let depth = 0;
  return texts.map((text) => {
    let delta = 0;
    let assignAt: number | undefined;
    let deltaAtAssign = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (c === '"') {
        i = scanString(text, i).end;
      } else if (c === '{' || c === '[' || c === '(') {
        delta++;
      } else if (c === '}' || c === ']' || c === ')') {
        delta--;
      } else if (c === '=' && assignAt === undefined && i > 0 && isPlainEquals(text, i)) {
        assignAt = i;
        deltaAtAssign = delta;
      } else if (c === '#' || (c === '/' && text[i + 1] === '/')) {
        break;
      }
    }
    const closes = CLOSERS.includes(text[0] ?? '');
    const line: Line = {
      text,
      depth: depth + (closes ? -1 : 0),
      delta,
      closes,
      assignAt: assignAt !== undefined && delta === deltaAtAssign && deltaAtAssign === 0 ? assignAt : undefined,
    };
    depth += delta;
    return line;
  });
}

function isPlainEquals(text: string, i: number): boolean {
  return !'=!<>'.includes(text[i - 1]) && !'=>'.includes(text[i + 1] ?? '');
}

/** One blank line between top-level blocks; none at the start or end of a block, none doubled. */
function normalizeBlankLines(lines: Line[]): Line[] {
  const kept: Line[] = [];
  for (const line of lines) {
    if (line.text === '') continue;
    const previous = kept[kept.length - 1];
    if (previous && line.depth === 0 && !line.closes && previous.depth === 0 && previous.closes) {
      kept.push({ text: '', depth: 0, delta: 0, closes: false });
    }
    kept.push(line);
  }
  return kept;
}

/** Pads the key of consecutive single-line attributes so their `=` line up. */
function alignAssignments(lines: Line[]): string[] {
  const out: string[] = [];
  let chain: Line[] = [];
  const flush = () => {
    const width = Math.max(...chain.map((line) => line.text.slice(0, line.assignAt).trimEnd().length));
    for (const line of chain) {
      const key = line.text.slice(0, line.assignAt).trimEnd();
      out.push(indent(line.depth) + key.padEnd(width) + ' = ' + line.text.slice(line.assignAt! + 1).trimStart());
    }
    chain = [];
  };
  for (const line of lines) {
    if (line.assignAt !== undefined) {
      chain.push(line);
      continue;
    }
    if (chain.length) flush();
    out.push(line.text === '' ? '' : indent(line.depth) + line.text);
  }
  if (chain.length) flush();
  return out;
}

function indent(depth: number): string {
  return '  '.repeat(Math.max(0, depth));
}

function render(lines: string[]): string {
  return lines.join('\n') + '\n';
}
