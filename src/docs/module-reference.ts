/**
 * The project README's module section: the usage, inputs and outputs of the module generated
 * from the built-in example, taken from that module's own README.
 */
import { loadSpec } from '../spec/load-spec';
import { synthesizeModule, synthesizeSpec } from '../synth/synthesize';

export { MODULE_DOCS_MARKERS } from '../module/module-docs';

/** The built-in example module's README from its usage on, headings two levels down. */
export function renderModuleReference(): string {
  const loaded = loadSpec();
  const readme = synthesizeModule(loaded, synthesizeSpec(loaded)).get('README.md')!;
  return readme
    .slice(readme.indexOf('## Usage'))
    .trimEnd()
    .replace(/^## /gm, '#### ');
}
