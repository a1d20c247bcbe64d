/** Prints the access decisions per second on the built-in example (a fresh process, 3 seconds). */
import { measureDecisionsPerSecond } from './decisions-per-second';
import { loadSpec } from '../../src/spec/load-spec';

void measureDecisionsPerSecond(loadSpec(), 3).then((perSecond) => console.log(String(perSecond)));
