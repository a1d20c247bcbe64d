/**
 * The generated parts of the docs: which file holds each, between which markers, and what
 * writes it. `npm run docs` writes them all (scripts/update-docs.ts) and a test checks that each
 * file holds what would be written (__tests__/docs/docs.test.ts).
 */
import { renderExampleDiagram, DIAGRAM_MARKERS } from './example-diagram';
import type { Markers } from './markers';
import { MODULE_DOCS_MARKERS, renderModuleReference } from './module-reference';
import { renderRulesTable, RULES_MARKERS } from './rules-table';
import { renderSpecReference, SPEC_REFERENCE_MARKERS } from './spec-reference';

export interface GeneratedSection {
  /** What it is, for messages. */
  readonly name: string;
  /** The Markdown file that holds it, relative to the package root. */
  readonly file: string;
  readonly markers: Markers;
  /** The text between the markers. */
  readonly render: () => string;
}

export const GENERATED_SECTIONS: readonly GeneratedSection[] = [
  { name: 'spec reference', file: 'docs/spec-reference.md', markers: SPEC_REFERENCE_MARKERS, render: renderSpecReference },
  { name: 'security rules', file: 'docs/checks-and-rules.md', markers: RULES_MARKERS, render: renderRulesTable },
  { name: "built-in example's diagram", file: 'docs/output.md', markers: DIAGRAM_MARKERS, render: renderExampleDiagram },
  { name: "built-in example module's usage, inputs and outputs", file: 'docs/modules.md', markers: MODULE_DOCS_MARKERS, render: renderModuleReference },
];
