import { measureDecisionsPerSecond } from '../../src/access/benchmark';
import { loadSpec } from '../../src/spec/load-spec';

test('measureDecisionsPerSecond decides the default spec repeatedly', async () => {
  const perSecond = await measureDecisionsPerSecond(loadSpec(), 0.25);
  expect(perSecond).toBeGreaterThan(10);
});
