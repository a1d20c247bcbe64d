import * as fs from 'fs';
import * as path from 'path';
import { Worker } from 'worker_threads';
import type { LoadedSpec } from '../spec/model';
import type { StackModel } from '../stack-model/stack-model';
import type { ProfileVerification } from './verify';
import { stackToVerifyOf } from './expectations';
import { countDecisions, type DecisionCounts } from './simulation-count';
import { encodeStackToVerify } from './verifier-stack';

/**
 * Below this many profiles, verification runs in-process: a worker's start-up (loading
 * iam-simulate a second time) costs more than it saves.
 */
export const WORKER_THRESHOLD_PROFILES = 50;

/** What the worker is started with (plain data). */
export interface VerifyWork {
  /** The time of the run's checks, in milliseconds since the epoch. */
  readonly now: number;
}

/** What the worker is sent: one synthesized stack as the verifier reads it, with its profiles' expectations (`encodeStackToVerify`), or the end. */
export type VerifyMessage = { readonly stack: string } | { readonly done: true };

/** What the worker answers once every stack is decided: the results, and how many checks it decided with how many iam-simulate calls. */
export type VerifyReply = { readonly results: ProfileVerification[]; readonly counts: DecisionCounts } | { readonly error: string };

/** Verification that runs while the stacks are synthesized: they are handed over one by one. */
export interface BackgroundVerification {
  /** Hands over the next synthesized stack. */
  add(stack: StackModel): void;
  /** Every stack is handed over: the results, in stack order. */
  finish(): Promise<ProfileVerification[]>;
  /** The results are not wanted (the checks failed): stops the work. */
  cancel(): void;
}

/**
 * Starts verifying a spec's access (see `verifyProfiles`) on the stacks handed to it. A large
 * spec is verified on a worker thread, each stack as soon as it is synthesized, so one core
 * decides while the other synthesizes the next stack and runs the checks; a small one is
 * decided in-process once every stack is there.
 */
export function startVerification(loaded: LoadedSpec): BackgroundVerification {
  const script = path.join(__dirname, 'verify-worker.js');
  if (loaded.spec.profiles.length < WORKER_THRESHOLD_PROFILES || !fs.existsSync(script)) return inProcess(loaded);
  const work: VerifyWork = { now: Date.now() };
  const worker = new Worker(script, { workerData: work });
  const results = new Promise<ProfileVerification[]>((resolve, reject) => {
    worker.once('message', (reply: VerifyReply) => {
      if ('results' in reply) {
        countDecisions(reply.counts);
        resolve(reply.results);
      } else reject(new Error(`access verification failed: ${reply.error}`));
      void worker.terminate();
    });
    worker.once('error', reject);
  });
  const send = (message: VerifyMessage) => worker.postMessage(message);
  const toVerify = stackToVerifyOf(loaded);
  return {
    add: (stack) => send({ stack: encodeStackToVerify(toVerify(stack)) }),
    finish: () => {
      send({ done: true });
      return results;
    },
    cancel: () => {
      results.catch(() => undefined);
      void worker.terminate();
    },
  };
}

function inProcess(loaded: LoadedSpec): BackgroundVerification {
  const stacks: StackModel[] = [];
  return {
    add: (stack) => stacks.push(stack),
    finish: async () => (await import('./verify')).verifyProfiles(loaded, stacks),
    cancel: () => undefined,
  };
}
