/**
 * The cdktf app (`cdktf synth`, `cdktf diff`, `cdktf deploy`): checks the spec named by
 * INSTANCE_PROFILE_SPEC (or the `spec` context in cdktf.json), or the built-in example, exactly
 * as `npm run synth` does, then builds its stacks and synthesizes them into cdktf's output folder.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdktf';
import { buildStacks } from './src/app';
import { LOCK_FILE_NAME, providerLockFile } from './src/terraform/provider-lock';
import { countText, formatProblemGroups } from './src/cli/report-problems';
import { reportValidated } from './src/cli/report-validated';
import { validateSpec } from './src/pipeline/validate-spec';
import { SpecError } from './src/spec/spec-error';
import { withoutTokenStackTraces } from './src/pipeline/without-token-stack-traces';

async function synthApp(): Promise<void> {
  const app = new App();
  const specFile = process.env.INSTANCE_PROFILE_SPEC || (app.node.tryGetContext('spec') as string | undefined);
  const validated = await validateSpec(specFile);
  const { loaded } = validated;
  withoutTokenStackTraces(() => {
    const stacks = buildStacks(app, loaded);
    app.synth();
    // Each stack's working folder gets the lock file, so cdktf diff and deploy install the
    // provider from a mirror offline, with no `terraform providers lock` against the registry.
    for (const stack of stacks) fs.writeFileSync(path.join(app.outdir, 'stacks', stack.node.id, LOCK_FILE_NAME), providerLockFile());
  });
  // The cdktf CLI shows what an app writes to stdout once, and reports its stderr as errors.
  const toStdout = (line: string) => console.log(line);
  reportValidated(validated, { log: toStdout, problems: toStdout, print: toStdout });
}

synthApp().catch((error: unknown) => {
  if (!(error instanceof SpecError)) throw error;
  // On failure the cdktf CLI prints the app's stderr in its own report.
  console.error(`error: ${error.file}: ${countText(error.problems)}; nothing was synthesized`);
  for (const line of formatProblemGroups(error.file, error.problems)) console.error(`  ${line}`);
  process.exitCode = 1;
});
