/**
 * Worker-thread entry: decides the access of a loaded spec's stacks (the {@link VerifyWork}
 * passed as `workerData`) as they arrive, one message per synthesized stack, and posts every
 * result back after the last, so that a large spec is verified on one core while the other
 * synthesizes.
 */
import { parentPort, workerData } from 'worker_threads';
import { stacksToVerify } from './expectations';
import type { VerifyMessage, VerifyReply, VerifyWork } from './verify-in-background';
import { type ProfileVerification, verifyStacks } from './verify';

const { loaded } = workerData as VerifyWork;
const results: ProfileVerification[] = [];
let decided: Promise<void> = Promise.resolve();
const reply = (message: VerifyReply) => parentPort!.postMessage(message);

parentPort!.on('message', (message: VerifyMessage) => {
  if ('stack' in message) {
    decided = decided.then(async () => void results.push(...(await verifyStacks(stacksToVerify(loaded, [message.stack])))));
    return;
  }
  decided.then(
    () => reply({ results }),
    (error: unknown) => reply({ error: error instanceof Error ? error.message : String(error) }),
  );
});
