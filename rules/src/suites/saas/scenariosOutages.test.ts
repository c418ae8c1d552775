import { deadExporter, firstWeekOutages, neverSeen, rareFailures, slowFunnel } from './scenarios';
import { failedChecks } from './runCase';

/*
 * Classes about what the exporter shows and stops showing: a dead exporter, label values never
 * seen before (and series gone after a restart), rare failures at volume, and a slow funnel whose
 * live counts lag (surge, cold start, restart) while its settled outcomes do not.
 */
describe('scenarios around outages, new label values and slow funnels', () => {
  it.each([deadExporter, firstWeekOutages, neverSeen, rareFailures, slowFunnel])(
    '$name: exactly the expected alerts, at the expected times',
    (c) => {
      expect(failedChecks(c)).toEqual([]);
    },
    300_000
  );
});
