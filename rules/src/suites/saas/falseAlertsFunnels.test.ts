import { minute } from '../../testing/series';
import { measureBudget, overBudget } from './falseAlertBudget';
import { saasWith } from './saasAlerts';

/** The false-alert budget for funnels: the fast purchase funnel (live) and the slow trial funnel (settled). */
describe('false-alert budget: four weeks of steady noisy funnel traffic', () => {
  it('pages never and warns at most once a week per alert', () => {
    const spec = saasWith(['purchase_conversion_low', 'purchase_conversion_anomaly', 'trial_conversion_anomaly']);
    const result = measureBudget(spec, { seed: 101, step: 15 * minute, parts: ['purchase', 'trial'] });
    console.log(`false-alert budget, funnels (seed 101, 15m steps)\n${result.table}`);
    expect(result.rows).toHaveLength(3);
    expect(overBudget(result.rows)).toEqual([]);
  }, 300_000);
});
