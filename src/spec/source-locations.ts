/**
 * Finds the line and column of a field in a YAML or JSON spec file, so that every problem
 * can point at its place in the file. JSON is scanned for the fields asked (`json-locations.ts`);
 * YAML is parsed into its document, which is loaded only when there is a problem to report.
 */
import type { SpecProblem } from './spec-error';
import { jsonFieldPlaces } from './json-locations';
import { lineAndColumnAt, lineStarts } from './line-positions';

/** Adds line and column to each problem whose field (or nearest existing parent) is in `text`. */
export function locateProblems(text: string, problems: readonly SpecProblem[]): SpecProblem[] {
  if (!problems.length) return [];
  return (/^\s*[[{]/.test(text) && locateInJson(text, problems)) || locateInYaml(text, problems);
}

/**
 * {@link locateProblems} for JSON text, placing each problem where the YAML reading would (YAML
 * reads JSON alike); `undefined` when the text is not JSON as `json-locations.ts` reads it.
 */
function locateInJson(text: string, problems: readonly SpecProblem[]): SpecProblem[] | undefined {
  const places = jsonFieldPlaces(
    text,
    problems.map((problem) => problem.path),
  );
  if (!places) return undefined;
  const lines = lineStarts(text);
  return problems.map((problem) => {
    for (let depth = problem.path.length; depth > 0; depth--) {
      const place = places.placeOf(problem.path.slice(0, depth));
      if (!place) continue;
      const byKey = place.keyOffset !== undefined && (place.isBlock || (problem.at === 'key' && depth === problem.path.length));
      return { ...problem, ...lineAndColumnAt(lines, byKey ? place.keyOffset! : place.valueOffset) };
    }
    return problem;
  });
}

/** {@link locateProblems} by the YAML reading of any text (JSON included): its document's nodes. */
export function locateInYaml(text: string, problems: readonly SpecProblem[]): SpecProblem[] {
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
