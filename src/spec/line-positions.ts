/**
 * Lines and columns of character offsets in a text (LF-separated; a CR before an LF counts as
 * the line's last character), 1-based, as every located problem reports them.
 */

/** The offsets the lines of `text` start at: an index for {@link lineAndColumnAt}. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) starts.push(at + 1);
  return starts;
}

/** 1-based line and column of `offset`, by binary search in the text's {@link lineStarts}. */
export function lineAndColumnAt(starts: readonly number[], offset: number): { line: number; column: number } {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (starts[middle] <= offset) low = middle;
    else high = middle - 1;
  }
  return { line: low + 1, column: offset - starts[low] + 1 };
}

/** 1-based line and column of one offset of `text`. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  return lineAndColumnAt(lineStarts(text), offset);
}
