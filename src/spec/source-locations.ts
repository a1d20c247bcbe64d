/**
 * Finds the line and column of a field in a YAML or JSON spec file, so that every problem
 * can point at its place in the file. Only loaded when there is a problem to report.
 */
import type { SpecProblem } from './spec-error';

/** Adds line and column to each problem whose field (or nearest existing parent) is in `text`. */
export function locateProblems(text: string, problems: readonly SpecProblem[]): SpecProblem[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const YAML = require('yaml') as typeof import('yaml');
  const lineCounter = new YAML.LineCounter();
  const document = YAML.parseDocument(text, { lineCounter, strict: false });
  return problems.map((problem) => {
    for (let depth = problem.path.length; depth > 0; depth--) {
      const node = document.getIn(problem.path.slice(0, depth), true) as { range?: [number, number, number] } | undefined;
      const offset = node?.range?.[0];
      if (offset !== undefined) {
        const { line, col } = lineCounter.linePos(offset);
        return { ...problem, line, column: col };
      }
      // A key that exists with no value still has a place: the pair's key node.
      const parent = document.getIn(problem.path.slice(0, depth - 1), true) as
        | { items?: Array<{ key?: { value?: unknown; range?: [number, number, number] } }> }
        | undefined;
      const pair = parent?.items?.find((item) => item.key?.value === problem.path[depth - 1]);
      if (pair?.key?.range) {
        const { line, col } = lineCounter.linePos(pair.key.range[0]);
        return { ...problem, line, column: col };
      }
    }
    return problem;
  });
}
