import { productMetricNames } from '@nowcast/otel-exporter/contract';
import { loadSpec, type AnalyticsSpec } from '@nowcast/otel-exporter/spec';
import { defaultWebhookUrl } from '../generate/alertmanager';
import { generateFiles } from '../generate/generate';
import { shopSpecFile } from '../testing/fixtures';
import { exactly, shopAlert as alert } from './shopAlerts';
import { runPromtoolGroups, type AlertCheck, type InputSeries } from '../testing/promtool';
import { at, counterValues, daily, during, hour, minute, seriesName } from '../testing/series';

/*
 * The shop's generated rules over one day at 1-minute steps (its alerts judge 2-minute windows):
 * steady seasonal traffic, a flash sale whose payments through stripe fail, a 10x API error ratio
 * on one browser version, a payment error spike on one provider, and page views that stop. With
 * no week of history the conversion alerts judge the threshold and the anomaly's fallback bound,
 * the spikes the previous hour; weeks of history are the SaaS suites' (suites/saas).
 */
const step = minute;
const end = 22 * hour + 30 * minute;
const flashSale = 12 * hour;
const apiSpike = 15 * hour;
const paymentSpike = 17 * hour;
const pageViewsStop = 20 * hour;

let spec: AnalyticsSpec;
beforeAll(async () => {
  spec = await loadSpec(shopSpecFile);
});

function inputSeries(): InputSeries[] {
  const m = productMetricNames(spec.namespace);
  const series: InputSeries[] = [];
  const add = (metric: string, labels: Record<string, string>, increment: (t: number) => number | undefined) =>
    series.push({ series: seriesName(metric, labels), values: counterValues(end, step, increment) });
  const sale = (t: number) => during(t, flashSale, flashSale + hour);

  // Payment funnel (live: payments take seconds): 30 checkouts a minute through stripe, 10 through
  // paypal at midday, 70% paid. The sale doubles them and stripe pays 5% for its hour.
  for (const [provider, share] of [
    ['stripe', 3],
    ['paypal', 1],
  ] as const) {
    const started = (t: number) => Math.round(10 * share * daily(t) * (sale(t) ? 2 : 1));
    const paid = (t: number) => Math.round(started(t) * (sale(t) && provider === 'stripe' ? 0.05 : 0.7));
    const funnel = { funnel: 'payment', payment_provider: provider };
    add(m.funnelStep, { ...funnel, step: 'checkout_started', step_index: '0' }, started);
    add(m.funnelStep, { ...funnel, step: 'payment_succeeded', step_index: '1' }, paid);
  }
  // Page views (100 a minute per browser version) and API errors (2 per 100 views); chrome 121's
  // errors go to 20 per 100 (10x, the alert's factor is 3) for half an hour. All stop at 20:00.
  for (const [browser, version] of [
    ['chrome', '120'],
    ['chrome', '121'],
    ['firefox', '119'],
  ] as const) {
    const stopped = (t: number) => t > pageViewsStop;
    const spiking = (t: number) =>
      browser === 'chrome' && version === '121' && during(t, apiSpike, apiSpike + 30 * minute);
    const split = { browser, browser_version: version };
    add(m.events, { event: 'page_viewed', page: 'home', platform: 'web', ...split }, (t) => (stopped(t) ? 0 : 100));
    add(m.events, { event: 'api_error', route: '/api/cart', ...split }, (t) => (stopped(t) ? 0 : spiking(t) ? 20 : 2));
  }
  // Payments: 100 a minute per provider, 2% fail; stripe fails 30% for half an hour.
  for (const provider of ['stripe', 'paypal']) {
    const spiking = (t: number) => provider === 'stripe' && during(t, paymentSpike, paymentSpike + 30 * minute);
    add(m.events, { event: 'payment_succeeded', payment_provider: provider }, (t) => (spiking(t) ? 70 : 98));
    add(m.events, { event: 'payment_failed', payment_provider: provider, reason: 'declined' }, (t) =>
      spiking(t) ? 30 : 2
    );
  }
  return series;
}
describe('shop rules under promtool (a day at 1-minute steps)', () => {
  it('fires exactly the right alerts, for the right label sets, at the right times', () => {
    // The page names the failing provider: stripe lost the conversions, paypal (almost) none.
    const conversionDrop = (value: string, baseline: string, cause: string) => ({
      checkout_conversion_low: [alert(spec, 'checkout_conversion_low', {}, value, baseline, cause)],
      checkout_conversion_anomaly: [alert(spec, 'checkout_conversion_anomaly', {}, value, baseline, cause)],
    });
    const checks: AlertCheck[] = [
      // Steady seasonal traffic: night, morning, midday.
      ...exactly(3 * hour, {}),
      ...exactly(6 * hour, {}),
      ...exactly(flashSale, {}),
      // The sale at 12:00: stripe's payments fail; the 2-minute window holds it at 12:02, `for` 30s.
      // Its baseline before any week of history is the hour before the last (the sale does not move it).
      ...exactly(
        flashSale + 4 * minute,
        conversionDrop('21.67%', '70.9%', 'payment_provider stripe (118 fewer), payment_provider paypal (1 fewer)')
      ),
      ...exactly(
        flashSale + 55 * minute,
        conversionDrop('21.01%', '70.12%', 'payment_provider stripe (117 fewer), payment_provider paypal (0 fewer)')
      ),
      ...exactly(flashSale + hour + 5 * minute, {}),
      // One browser version at 10x its API error ratio (the alert's factor is 3): only that version fires.
      ...exactly(apiSpike + 5 * minute, {
        api_error_browser_spike: [
          alert(spec, 'api_error_browser_spike', { browser: 'chrome', browser_version: '121' }, '20%', '2%'),
        ],
      }),
      ...exactly(apiSpike + 35 * minute, {}),
      // Stripe payments failing 30% against 2%: only stripe fires.
      ...exactly(paymentSpike + 5 * minute, {
        payment_error_spike: [alert(spec, 'payment_error_spike', { payment_provider: 'stripe' }, '30%', '2%')],
      }),
      ...exactly(paymentSpike + 35 * minute, {}),
      // Page views stop at 20:00: no_data after its 5m window and `for` 5m, and still 45 minutes on.
      ...exactly(pageViewsStop + 3 * minute, {}),
      ...exactly(pageViewsStop + 12 * minute, {
        page_views_stopped: [alert(spec, 'page_views_stopped', {}, '0/s', '5/s')],
      }),
      // On a first day the expectation is the hour before the last, which the stop drains after two
      // hours; with a week of history it fires for as long as the stop lasts (suites/saas).
      ...exactly(pageViewsStop + 45 * minute, {
        page_views_stopped: [alert(spec, 'page_views_stopped', {}, '0/s', '5/s')],
      }),
    ];
    const run = runPromtoolGroups(generateFiles(spec, { webhookUrl: defaultWebhookUrl }), at(step), [
      {
        name: 'shop: a day of seasonal traffic and incidents',
        interval: at(step),
        series: inputSeries(),
        alerts: checks,
      },
    ]);
    expect(run.output).toContain('SUCCESS');
    expect(run.status).toBe(0);
  }, 180_000);
});
