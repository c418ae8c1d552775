import { day, hour, minute } from '../../testing/series';
import { measureBudget, overBudget } from './falseAlertBudget';
import { saasExactly, saasWith } from './saasAlerts';

/*
 * The false-alert budget for events: common and rare payment errors by gateway, API errors by
 * browser version, page views (anomaly and no_data); the A/B launch guard's is in abLaunch.test.ts.
 * The same run is the weekly-seasonality class: the weekends (40% quieter) with no, one, two and
 * three weeks of history behind them fire nothing.
 */
const weekends = [5, 6, 12, 13, 19, 20, 26, 27];

describe('false-alert budget: four weeks of steady noisy event traffic', () => {
  it('pages never, warns at most once a week per alert, and no weekend fires with 0 to 3 weeks of history', () => {
    const spec = saasWith(['payment_errors', 'api_error_spike', 'traffic_anomaly', 'page_views_stopped']);
    const checks = weekends.flatMap((d) => [3, 12, 20].flatMap((h) => saasExactly(d * day + h * hour, {})));
    const result = measureBudget(
      spec,
      {
        seed: 202,
        step: 15 * minute,
        parts: ['pages', 'purchase', 'api'],
      },
      checks
    );
    console.log(`false-alert budget, events (seed 202, 15m steps)\n${result.table}`);
    expect(result.rows).toHaveLength(4);
    expect(overBudget(result.rows)).toEqual([]);
    expect(result.failedAlertChecks).toEqual([]);
  }, 300_000);
});
