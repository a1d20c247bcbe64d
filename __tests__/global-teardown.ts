import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { stopProvidersLeftIn } from './helpers/attached-provider';
import { testRunCacheDir } from './helpers/test-run-cache';

/**
 * After the run: stops the AWS providers started in debug mode that a worker killed before its
 * exit left running (./helpers/attached-provider), then removes the folder test files share
 * (./helpers/test-run-cache) and the `cdktf.outdir.*` folders cdktf's `Testing.app()` makes in the
 * temp dir per app and never removes, those this run made.
 */
export default async function globalTeardown(): Promise<void> {
  const started = Number(process.env.TEST_RUN_STARTED_MS ?? Date.now());
  const cache = testRunCacheDir();
  stopProvidersLeftIn(cache);
  for (const name of fs.readdirSync(os.tmpdir())) {
    const dir = path.join(os.tmpdir(), name);
    if (!name.startsWith('cdktf.outdir.') && dir !== cache) continue;
    try {
      if (fs.statSync(dir).mtimeMs >= started) fs.rmSync(dir, { recursive: true, force: true });
    } catch {
      // gone already
    }
  }
}
