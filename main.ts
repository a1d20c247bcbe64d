/**
 * The cdktf app (`cdktf synth`, `cdktf diff`, `cdktf deploy`): builds the stacks of the spec
 * named by INSTANCE_PROFILE_SPEC (or the `spec` context in cdktf.json), or of the built-in
 * example, and synthesizes them into cdktf's output folder.
 */
import { App } from 'cdktf';
import { buildStacks } from './src/app';
import { loadSpec } from './src/spec/load-spec';
import { SpecError } from './src/spec/spec-error';

const app = new App();
try {
  const specFile = process.env.INSTANCE_PROFILE_SPEC || (app.node.tryGetContext('spec') as string | undefined);
  buildStacks(app, loadSpec(specFile));
  app.synth();
} catch (error) {
  if (!(error instanceof SpecError)) throw error;
  console.error(`error: ${error.file}: invalid spec; nothing was synthesized`);
  for (const line of error.message.split('\n')) console.error(`  ${line}`);
  process.exitCode = 1;
}
