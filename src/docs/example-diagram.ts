/** The built-in example's diagram as docs/output.md shows it: the synthesized diagram file in a Mermaid block. */
import { mermaidBlock } from '../diagram/mermaid';
import { loadSpec } from '../spec/load-spec';
import { outputLayout, synthesize } from '../pipeline/synthesize';

export { DIAGRAM_MARKERS } from '../diagram/mermaid';

/** The diagram `npm run synth` writes for the built-in example, as a fenced Markdown block. */
export function renderExampleDiagram(): string {
  const loaded = loadSpec();
  return mermaidBlock(synthesize(loaded).get(outputLayout.diagram(loaded.spec.stack))!);
}
