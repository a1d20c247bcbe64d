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
  // Keys as text, as the reader reads them (parse-text.ts), so that a field under a key such as `1` or `true` is found.
  const document = YAML.parseDocument(text, { lineCounter, strict: false, stringKeys: true });
  const at = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  return problems.map((problem) => {
    for (let depth = problem.path.length; depth > 0; depth--) {
      const parent = document.getIn(problem.path.slice(0, depth - 1), true) as { items?: Array<{ key?: YamlNode; value?: YamlNode }> } | undefined;
      const pair = parent?.items?.find((item) => item.key?.value === problem.path[depth - 1]);
      // A field whose value is a block (a mapping or a list), or an unknown field, is pointed at
      // by its key (the line that opens the block); a key with no value still has a place: its key node.
      if (pair?.key?.range && (!pair.value?.range || pair.value.items || (problem.at === 'key' && depth === problem.path.length)))
        return { ...problem, ...at(pair.key.range[0]) };
      const node = document.getIn(problem.path.slice(0, depth), true) as YamlNode | undefined;
      if (node?.range) return { ...problem, ...at(node.range[0]) };
    }
    return problem;
  });
}

/** What is read of a node of the yaml library's document. */
interface YamlNode {
  readonly value?: unknown;
  readonly range?: [number, number, number];
  readonly items?: unknown[];
}
