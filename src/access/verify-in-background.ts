import * as fs from 'fs';
import * as path from 'path';
import { Worker } from 'worker_threads';
import type { LoadedSpec } from '../spec/model';
import type { ProfileVerification } from './verify';

/**
 * Below this many profiles, verification runs in-process: a worker's start-up (loading
 * iam-simulate a second time) costs more than it saves.
 */
export const WORKER_THRESHOLD_PROFILES = 50;

/**
 * Starts verifying a spec's access and returns the pending result. Large specs are verified on
 * a worker thread, so the caller can synthesize on the main thread meanwhile (two cores, two
 * jobs); small ones in-process, after the caller's synchronous work.
 */
export function verifyInBackground(loaded: LoadedSpec): Promise<ProfileVerification[]> {
  const script = path.join(__dirname, 'verify-worker.js');
  if (loaded.spec.profiles.length < WORKER_THRESHOLD_PROFILES || !fs.existsSync(script)) {
    return Promise.resolve().then(async () => (await import('./verify')).verifyProfiles(loaded));
  }
  return new Promise((resolve, reject) => {
    const worker = new Worker(script, { workerData: loaded });
    worker.once('message', (message: { results?: ProfileVerification[]; error?: string }) => {
      if (message.results) resolve(message.results);
      else reject(new Error(`access verification failed: ${message.error}`));
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}
