import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildApp } from '../app';
import type { LoadedSpec } from '../spec/model';
import { App } from 'cdktf';
import { renderMermaid } from '../diagram/mermaid';
import { renderModuleReadme } from '../module/module-docs';
import { S3WriterModule } from '../module/s3-writer-module';
import { formatHcl } from './format-hcl';

/** Generated files by path relative to the output folder, in a stable order. */
export type GeneratedFiles = ReadonlyMap<string, string>;

/** Where each stack's files go inside the output folder. */
export const outputLayout = {
  json: (stack: string) => `json/${stack}/main.tf.json`,
  hcl: (stack: string) => `hcl/${stack}/main.tf`,
  diagram: (stack: string) => `diagrams/${stack}.mmd`,
  module: (file: string) => `module/s3-writer/${file}`,
};

/** What to synthesize besides the spec's stacks. */
export interface SynthesizeOptions {
  /** Also generate the reusable `s3-writer` Terraform module. @default false */
  readonly module?: boolean;
}

/**
 * Synthesizes every stack of the spec into Terraform JSON and `terraform fmt`-clean HCL, in
 * memory. cdktf's own synth (with its validations) runs in a scratch folder that is removed.
 */
export function synthesize(loaded: LoadedSpec, options: SynthesizeOptions = {}): GeneratedFiles {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'instance-profile-synth-'));
  try {
    const { app, stacks } = buildApp(loaded, { outdir: scratch });
    app.synth();
    const files = new Map<string, string>();
    for (const stack of stacks) {
      const name = stack.node.id;
      const json = fs.readFileSync(path.join(scratch, 'stacks', name, 'cdk.tf.json'), 'utf8');
      files.set(outputLayout.json(name), json.endsWith('\n') ? json : json + '\n');
      files.set(outputLayout.diagram(name), renderMermaid(JSON.parse(json)));
      files.set(outputLayout.hcl(name), formatHcl(stack.toHclTerraform().hcl));
    }
    if (options.module) {
      for (const [file, content] of synthesizeModule(scratch)) files.set(outputLayout.module(file), content);
    }
    return files;
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

/** The reusable module's files: `main.tf` (no provider, no backend) and `README.md`. */
function synthesizeModule(outdir: string): Map<string, string> {
  const module = new S3WriterModule(new App({ outdir }), 's3-writer');
  return new Map([
    ['main.tf', formatHcl(module.toHclTerraform().hcl)],
    ['README.md', renderModuleReadme()],
  ]);
}
