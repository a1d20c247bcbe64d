/** `npm run docs`: regenerates the spec reference in README.md and spec.schema.json. */
import * as fs from 'fs';
import * as path from 'path';
import { renderSpecSchema } from '../src/cli/schema-command';
import { renderSpecReference, updateReadme } from '../src/docs/spec-reference';
import { packageRoot } from '../src/package-root';

const root = packageRoot();
const readmePath = path.join(root, 'README.md');
fs.writeFileSync(readmePath, updateReadme(fs.readFileSync(readmePath, 'utf8'), renderSpecReference()));
fs.writeFileSync(path.join(root, 'spec.schema.json'), renderSpecSchema());
console.error('updated README.md (spec reference) and spec.schema.json');
