import * as os from 'os';
import * as path from 'path';

/**
 * Where this test run keeps what its test files share: planned fixtures, the provider's schema,
 * the ids of the providers started in debug mode. The global teardown stops those providers and
 * removes the folder.
 */
export function testRunCacheDir(): string {
  return path.join(os.tmpdir(), `test-run-cache-${process.env.TEST_RUN_STARTED_MS ?? process.pid}`);
}
