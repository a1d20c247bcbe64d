/**
 * Worker-thread entry: decides the access of a spec's stacks as they arrive, one message per
 * synthesized stack (what the verifier reads of it, with its profiles' expectations), and posts
 * every result back after the last, so that a large spec is verified on one core while the
 * other synthesizes. The whole run has one time and one set of shared decisions, so that
 * queries of one shape share a decision across stacks.
 */
import { parentPort, workerData } from 'worker_threads';
import type { VerifyMessage, VerifyReply, VerifyWork } from './verify-in-background';
import { type ProfileVerification, verifyStacks } from './verify';
import { SharedDecisions } from './shared-decisions';
import { decodeStackToVerify } from './verifier-stack';

const { now } = workerData as VerifyWork;
const options = { decisions: new SharedDecisions(), now: new Date(now) };
const results: ProfileVerification[] = [];
let decided: Promise<void> = Promise.resolve();
const reply = (message: VerifyReply) => parentPort!.postMessage(message);

parentPort!.on('message', (message: VerifyMessage) => {
  if ('stack' in message) {
    const stack = decodeStackToVerify(message.stack);
    decided = decided.then(async () => void results.push(...(await verifyStacks([stack], options))));
    return;
  }
  decided.then(
    () => reply({ results, counts: options.decisions.counts }),
    (error: unknown) => reply({ error: error instanceof Error ? error.message : String(error) }),
  );
});
