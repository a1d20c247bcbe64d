/** `npm run docs`: regenerates the generated parts of docs/ (see src/docs/generated-sections.ts) and spec.schema.json. */
import * as fs from 'fs';
import * as path from 'path';
import { renderSpecSchema } from '../src/cli/schema-command';
import { GENERATED_SECTIONS } from '../src/docs/generated-sections';
import { replaceBetweenMarkers } from '../src/docs/markers';
import { packageRoot } from '../src/package-root';

const root = packageRoot();
const texts = new Map<string, string>();
for (const section of GENERATED_SECTIONS) {
  const file = path.join(root, section.file);
  const text = texts.get(file) ?? fs.readFileSync(file, 'utf8');
  texts.set(file, replaceBetweenMarkers(text, section.markers, section.render()));
}
for (const [file, text] of texts) fs.writeFileSync(file, text);
fs.writeFileSync(path.join(root, 'spec.schema.json'), renderSpecSchema());
console.error(`updated ${GENERATED_SECTIONS.map((section) => `${section.file} (${section.name})`).join(', ')} and spec.schema.json`);
