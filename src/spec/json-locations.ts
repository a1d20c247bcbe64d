/**
 * Finds where fields are in a JSON text, in one pass over it, without building its document:
 * the offsets of the keys and values at the paths asked for. A spec of thousands of profiles is
 * read once by `JSON.parse`; locating a few findings in it then costs a scan, not a second
 * parse into YAML nodes. Iterative, so no input can overflow the stack.
 */

/** Where a field is: its key (a member of an object; none for a list entry) and its value. */
export interface JsonFieldPlace {
  readonly keyOffset?: number;
  readonly valueOffset: number;
  /** Whether the value is an object or a list. */
  readonly isBlock: boolean;
}

/** The paths asked for, as a tree: the places of its nodes are filled in by the scan. */
interface PathNode {
  readonly children: Map<string | number, PathNode>;
  place?: JsonFieldPlace;
}

interface Frame {
  readonly kind: 'object' | 'array';
  /** The node of this object's or list's path, or undefined when no asked path goes through it. */
  readonly node: PathNode | undefined;
  index: number;
}

const WHITESPACE = /[ \t\n\r]*/y;
/** A run of string characters other than a quote or a backslash. */
const PLAIN_RUN = /[^"\\]*/y;
/** A run of characters that neither open nor close a string, an object or a list. */
const OUTSIDE_STRINGS = /[^"{}[\]]*/y;
const SCALAR = /[^,}\]\s]*/y;

/**
 * The place of each path of `paths` (and of each of its prefixes) that `text` holds, by the
 * path's position in `paths`' tree; `undefined` when `text` is not JSON as this scan reads it
 * (the caller then locates another way).
 */
export function jsonFieldPlaces(text: string, paths: ReadonlyArray<ReadonlyArray<string | number>>): JsonPlaces | undefined {
  const root: PathNode = { children: new Map() };
  for (const path of paths) {
    let node = root;
    for (const segment of path) {
      let child = node.children.get(segment);
      if (!child) node.children.set(segment, (child = { children: new Map() }));
      node = child;
    }
  }
  return scan(text, root) ? new JsonPlaces(root) : undefined;
}

/** The places found by {@link jsonFieldPlaces}. */
export class JsonPlaces {
  constructor(private readonly root: PathNode) {}

  /** The place of `path`, when the text holds it. */
  placeOf(path: ReadonlyArray<string | number>): JsonFieldPlace | undefined {
    let node: PathNode | undefined = this.root;
    for (const segment of path) {
      node = node.children.get(segment);
      if (!node) return undefined;
    }
    return node.place;
  }
}

/** Fills in the places of the tree's nodes; false when the text is not well-formed JSON. */
function scan(text: string, root: PathNode): boolean {
  const stack: Frame[] = [];
  let offset = skipWhitespace(text, 0);
  // The node of the value about to be read, and its key's offset.
  let node: PathNode | undefined = root;
  let keyOffset: number | undefined;
  for (;;) {
    // A value.
    const char = text[offset];
    if (char === undefined) return false;
    if (node && node !== root) node.place = { keyOffset, valueOffset: offset, isBlock: char === '{' || char === '[' };
    if ((char === '{' || char === '[') && node && node.children.size) {
      stack.push({ kind: char === '{' ? 'object' : 'array', node, index: 0 });
      offset = skipWhitespace(text, offset + 1);
      const empty = text[offset] === (char === '{' ? '}' : ']');
      if (empty) {
        stack.pop();
        offset = skipWhitespace(text, offset + 1);
      } else {
        const next = enter(text, offset, stack[stack.length - 1]);
        if (!next) return false;
        ({ offset, node, keyOffset } = next);
        continue;
      }
    } else {
      const end = skipValue(text, offset);
      if (end < 0) return false;
      offset = skipWhitespace(text, end);
    }
    // After a value: a comma and the next entry, or the end of one or more objects and lists.
    for (;;) {
      const frame = stack[stack.length - 1];
      if (!frame) return offset >= text.length;
      const close = frame.kind === 'object' ? '}' : ']';
      if (text[offset] === ',') {
        frame.index++;
        const next = enter(text, skipWhitespace(text, offset + 1), frame);
        if (!next) return false;
        ({ offset, node, keyOffset } = next);
        break;
      }
      if (text[offset] !== close) return false;
      stack.pop();
      offset = skipWhitespace(text, offset + 1);
    }
  }
}

/** Reads the start of an entry of `frame` at `offset` (a key and its colon for an object): where its value starts, and its node. */
function enter(text: string, offset: number, frame: Frame): { offset: number; node: PathNode | undefined; keyOffset: number | undefined } | undefined {
  if (frame.kind === 'array') return { offset, node: frame.node?.children.get(frame.index), keyOffset: undefined };
  if (text[offset] !== '"') return undefined;
  const end = stringEnd(text, offset);
  if (end < 0) return undefined;
  const raw = text.slice(offset + 1, end - 1);
  let key: string;
  try {
    key = raw.includes('\\') ? (JSON.parse(text.slice(offset, end)) as string) : raw;
  } catch {
    return undefined;
  }
  const colon = skipWhitespace(text, end);
  if (text[colon] !== ':') return undefined;
  return { offset: skipWhitespace(text, colon + 1), node: frame.node?.children.get(key), keyOffset: offset };
}

/** The offset just past the value at `offset` (its nested values skipped whole), or -1. */
function skipValue(text: string, offset: number): number {
  const char = text[offset];
  if (char === '"') return stringEnd(text, offset);
  if (char !== '{' && char !== '[') {
    SCALAR.lastIndex = offset;
    SCALAR.exec(text);
    return SCALAR.lastIndex > offset ? SCALAR.lastIndex : -1;
  }
  let depth = 0;
  for (let at = offset; at < text.length;) {
    OUTSIDE_STRINGS.lastIndex = at;
    OUTSIDE_STRINGS.exec(text);
    at = OUTSIDE_STRINGS.lastIndex;
    const next = text[at];
    if (next === undefined) return -1;
    if (next === '"') {
      at = stringEnd(text, at);
      if (at < 0) return -1;
      continue;
    }
    depth += next === '{' || next === '[' ? 1 : -1;
    at++;
    if (depth === 0) return at;
  }
  return -1;
}

/** The offset just past the string that starts at `start` (a `"`), or -1 when it is never closed. */
function stringEnd(text: string, start: number): number {
  for (let offset = start + 1; offset < text.length; offset += 2) {
    PLAIN_RUN.lastIndex = offset;
    PLAIN_RUN.exec(text);
    offset = PLAIN_RUN.lastIndex;
    if (text[offset] === '"') return offset + 1;
    // A backslash: it and the character it escapes are skipped.
  }
  return -1;
}

function skipWhitespace(text: string, offset: number): number {
  WHITESPACE.lastIndex = offset;
  WHITESPACE.exec(text);
  return WHITESPACE.lastIndex;
}
