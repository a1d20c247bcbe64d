/**
 * The cdktf app (`cdktf synth`, `cdktf diff`, `cdktf deploy`): checks the spec named by
 * INSTANCE_PROFILE_SPEC (or the `spec` context in cdktf.json), or the built-in example, exactly
 * as `npm run synth` does, then builds its stacks and synthesizes them into cdktf's output folder.
 */
import { App } from 'cdktf';
import { buildStacks } from './src/app';
import { countText, formatProblemGroups } from './src/cli/report-problems';
import { validateSpec } from './src/cli/validate-spec';
import { SpecError } from './src/spec/spec-error';
import { withoutTokenStackTraces } from './src/synth/without-token-stack-traces';

async function synthApp(): Promise<void> {
  const app = new App();
  const specFile = process.env.INSTANCE_PROFILE_SPEC || (app.node.tryGetContext('spec') as string | undefined);
  const { loaded } = await validateSpec(specFile);
  withoutTokenStackTraces(() => {
    buildStacks(app, loaded);
    app.synth();
  });
}

synthApp().catch((error: unknown) => {
  if (!(error instanceof SpecError)) throw error;
  console.error(`error: ${error.file}: ${countText(error.problems)}; nothing was synthesized`);
  for (const line of formatProblemGroups(error.file, error.problems)) console.error(`  ${line}`);
  process.exitCode = 1;
});
