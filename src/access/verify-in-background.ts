import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Worker } from 'worker_threads';
import type { LoadedSpec } from '../spec/model';
import type { StackModel } from '../stack-model/stack-model';
import type { ProfileVerification } from './verify';

/**
 * Below this many profiles, verification runs in-process: a worker's start-up (loading
 * iam-simulate a second time) costs more than it saves.
 */
export const WORKER_THRESHOLD_PROFILES = 50;

/** What the worker is started with (plain data). */
export interface VerifyWork {
  readonly loaded: LoadedSpec;
}

/** What the worker is sent: one synthesized stack (structured clone carries its `origins` map), or the end. */
export type VerifyMessage = { readonly stack: StackModel } | { readonly done: true };

/** What the worker answers once every stack is decided: the results of each stack it was sent, in order. */
export type VerifyReply = { readonly results: ProfileVerification[][] } | { readonly error: string };

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
 * At most this many verification workers. The main thread keeps one core busy (synthesis, the
 * checks), so there is one worker per other core: on two cores a second worker was measured to
 * slow both down (5,000 profiles: 8.3 s with two, the same CPU time spread thinner).
 */
export const MAX_WORKERS = 4;

/**
 * Starts verifying a spec's access (see `verifyProfiles`) on the stacks handed to it. A large
 * spec is verified on worker threads, each stack as soon as it is synthesized, the stacks dealt
 * out in turn, so the cores decide while the main thread synthesizes the next stack and runs
 * the checks; a small one is decided in-process once every stack is there.
 */
export function startVerification(loaded: LoadedSpec): BackgroundVerification {
  const script = path.join(__dirname, 'verify-worker.js');
  if (loaded.spec.profiles.length < WORKER_THRESHOLD_PROFILES || !fs.existsSync(script)) return inProcess(loaded);
  const count = Math.max(1, Math.min(MAX_WORKERS, os.availableParallelism() - 1));
  const workers: WorkerHandle[] = [];
  const order: number[] = [];
  let next = 0;
  return {
    add: (stack) => {
      const index = next++ % count;
      workers[index] ??= startWorker(script, { loaded });
      order.push(index);
      workers[index].send({ stack });
    },
    finish: async () => {
      const perStack = await Promise.all(workers.map((worker) => worker.finish()));
      // Each worker answers for its stacks in the order it got them; put them back in stack order.
      const taken = perStack.map(() => 0);
      return order.flatMap((index) => perStack[index][taken[index]++]);
    },
    cancel: () => workers.forEach((worker) => worker.cancel()),
  };
}

interface WorkerHandle {
  send(message: VerifyMessage): void;
  finish(): Promise<ProfileVerification[][]>;
  cancel(): void;
}

function startWorker(script: string, work: VerifyWork): WorkerHandle {
  const worker = new Worker(script, { workerData: work });
  const results = new Promise<ProfileVerification[][]>((resolve, reject) => {
    worker.once('message', (reply: VerifyReply) => {
      if ('results' in reply) resolve(reply.results);
      else reject(new Error(`access verification failed: ${reply.error}`));
      void worker.terminate();
    });
    worker.once('error', reject);
  });
  const send = (message: VerifyMessage) => worker.postMessage(message);
  return {
    send,
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
