/**
 * Worker-thread entry: verifies the access of a loaded spec (passed as `workerData`) and posts
 * the results back, so that a large spec is verified on one core while the other synthesizes.
 */
import { parentPort, workerData } from 'worker_threads';
import type { LoadedSpec } from '../spec/model';
import { verifyProfiles } from './verify';

verifyProfiles(workerData as LoadedSpec).then(
  (results) => parentPort!.postMessage({ results }),
  (error: unknown) => parentPort!.postMessage({ error: error instanceof Error ? error.message : String(error) }),
);
