/**
 * The built-in example's module in docs/modules.md: the usage, tests, inputs and outputs of the
 * module generated from the built-in example, taken from that module's own README.
 */
import { loadSpec } from '../spec/load-spec';
import { synthesizeModule, synthesizeSpec } from '../pipeline/synthesize';

export { MODULE_DOCS_MARKERS } from '../module/module-docs';

/** The built-in example module's README from its usage on, headings one level down. */
export function renderModuleReference(): string {
  const loaded = loadSpec();
  const readme = synthesizeModule(loaded, synthesizeSpec(loaded)).get('README.md')!;
  return readme.slice(readme.indexOf('## Usage')).trimEnd().replace(/^## /gm, '### ');
}
