import { failedChecks } from './runCase';
import { afterOneOffs, gradualDrift } from './scenarios';

/*
 * Classes that need weeks of history: a holiday week and a one-off sale must not leak into the
 * next days' baselines; a steady drift is a trend, not an anomaly (once two weeks show it).
 */
describe('scenarios over weeks of seeded noisy traffic', () => {
  it.each([afterOneOffs, gradualDrift])(
    '$name: exactly the expected alerts, at the expected times',
    (c) => {
      expect(failedChecks(c)).toEqual([]);
    },
    300_000
  );
});
