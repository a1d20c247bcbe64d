/** `npm run docs`: regenerates the generated parts of README.md and spec.schema.json. */
import * as fs from 'fs';
import * as path from 'path';
import { renderSpecSchema } from '../src/cli/schema-command';
import { replaceBetweenMarkers, renderSpecReference, SPEC_REFERENCE_MARKERS } from '../src/docs/spec-reference';
import { DIAGRAM_MARKERS, mermaidBlock } from '../src/diagram/mermaid';
import { renderRulesTable, RULES_MARKERS } from '../src/docs/rules-table';
import { MODULE_DOCS_MARKERS, renderModuleReference } from '../src/docs/module-reference';
import { loadSpec } from '../src/spec/load-spec';
import { outputLayout, synthesize } from '../src/synth/synthesize';
import { packageRoot } from '../src/package-root';

const root = packageRoot();
const readmePath = path.join(root, 'README.md');
let readme = fs.readFileSync(readmePath, 'utf8');
readme = replaceBetweenMarkers(readme, SPEC_REFERENCE_MARKERS, renderSpecReference());
readme = replaceBetweenMarkers(readme, MODULE_DOCS_MARKERS, renderModuleReference());
readme = replaceBetweenMarkers(readme, RULES_MARKERS, renderRulesTable());
const loaded = loadSpec();
const diagram = synthesize(loaded).get(outputLayout.diagram(loaded.spec.stack))!;
readme = replaceBetweenMarkers(readme, DIAGRAM_MARKERS, mermaidBlock(diagram));
fs.writeFileSync(readmePath, readme);
fs.writeFileSync(path.join(root, 'spec.schema.json'), renderSpecSchema());
console.error('updated README.md (spec reference, rules, diagram, module inputs and outputs) and spec.schema.json');
