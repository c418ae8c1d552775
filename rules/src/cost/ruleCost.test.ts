import { loadSpec } from '@nowcast/otel-exporter/spec';
import { ruleFiles } from '../generate/generate';
import { shopSpecFile } from '../testing/fixtures';
import { alertCosts, costReport, readsOf } from './ruleCost';

describe('what the generated rules cost and need', () => {
  it('finds every series a rule reads, with its range and offset, and no function, keyword or label', () => {
    const reads = readsOf(
      'sum by (event) (rate(a_total{event="x"}[5m])) / on (event) last_over_time(b:c:d{funnel="f"}[10m] offset 6d23h30m) and e:f:g unless time() - h:i:j',
      new Set(['b:c:d', 'e:f:g', 'h:i:j'])
    );
    expect(reads).toEqual([
      { name: 'a_total', matchers: { event: 'x' }, rangeSeconds: 300, offsetSeconds: 0 },
      { name: 'b:c:d', matchers: { funnel: 'f' }, rangeSeconds: 600, offsetSeconds: 6 * 86400 + 23 * 3600 + 1800 },
      { name: 'e:f:g', matchers: {}, rangeSeconds: 0, offsetSeconds: 0 },
      { name: 'h:i:j', matchers: {}, rangeSeconds: 0, offsetSeconds: 0 },
    ]);
  });

  it("prints each shop alert's history, series and samples per minute, and the retention the rules need", async () => {
    const spec = await loadSpec(shopSpecFile);
    const costs = alertCosts(spec, ruleFiles(spec));
    const report = costReport(costs);
    console.log(report.join('\n'));
    expect(costs).toHaveLength(spec.alerts.length);
    const anomaly = costs.find((c) => c.alert === 'checkout_conversion_anomaly');
    // Three weeks back at the same hour, and the trend's weekly levels before them.
    expect(anomaly?.retentionSeconds).toBeGreaterThanOrEqual(3 * 7 * 86400);
    expect(anomaly?.historySeconds).toBeGreaterThan(anomaly?.retentionSeconds ?? 0);
    // Bounded per label set: hourly levels are read, never a day of 30-second samples.
    for (const c of costs) expect(c.samplesPerMinutePerLabelSet).toBeLessThan(5_000);
    expect(report.at(-1)).toMatch(/^retention: the rules read 3w\S* back; Prometheus keeps 2w1d by default/);
  });
});
