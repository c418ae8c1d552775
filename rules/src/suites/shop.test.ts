import { productMetricNames } from '@nowcast/otel-exporter/contract';
import { loadSpec, type AnalyticsSpec } from '@nowcast/otel-exporter/spec';
import { defaultWebhookUrl } from '../generate/alertmanager';
import { generateFiles } from '../generate/generate';
import { shopSpecFile } from '../testing/fixtures';
import { exactly, shopAlert as alert } from './shopAlerts';
import { runPromtoolGroups, type AlertCheck, type InputSeries } from '../testing/promtool';
import { at, counterValues, daily, day, during, hour, minute, seriesName } from '../testing/series';

/*
 * The shop's generated rules against eight days of history and one eventful ninth day, 5-minute
 * steps: steady seasonal traffic, a flash-sale conversion drop, a 5x API error spike on one
 * browser version, a payment error spike on one provider, and page views that stop.
 */
const step = 5 * minute;
const end = 8 * day + 23 * hour;
const flashSale = 8 * day + 12 * hour;
const apiSpike = 8 * day + 15 * hour;
const paymentSpike = 8 * day + 17 * hour;
const pageViewsStop = 8 * day + 20 * hour;

let spec: AnalyticsSpec;
beforeAll(async () => {
  spec = await loadSpec(shopSpecFile);
});

function inputSeries(): InputSeries[] {
  const m = productMetricNames(spec.namespace);
  const series: InputSeries[] = [];
  const add = (metric: string, labels: Record<string, string>, increment: (t: number) => number | undefined) =>
    series.push({ series: seriesName(metric, labels), values: counterValues(end, step, increment) });

  // Checkout: seasonal volume (20 to 60 started per 5m per platform), 70% paid; the flash sale
  // doubles the traffic and only 20% pay for an hour.
  const started = (t: number) => 10 * Math.round(4 * daily(t)) * (during(t, flashSale, flashSale + hour) ? 2 : 1);
  const paidShare = (t: number) => (during(t, flashSale, flashSale + hour) ? 0.2 : 0.7);
  for (const platform of ['web', 'ios']) {
    const funnel = { funnel: 'checkout', platform };
    add(m.funnelStep, { ...funnel, step: 'checkout_started', step_index: '2' }, started);
    add(m.funnelStep, { ...funnel, step: 'payment_succeeded', step_index: '3' }, (t) =>
      Math.round(started(t) * paidShare(t))
    );
  }
  // API errors: 30 per 5m per browser version; chrome 121 goes to 180 (6x) for half an hour.
  for (const [browser, version] of [
    ['chrome', '120'],
    ['chrome', '121'],
    ['firefox', '119'],
  ] as const) {
    const spiking = browser === 'chrome' && version === '121';
    add(m.events, { event: 'api_error', browser, browser_version: version, route: '/api/cart' }, (t) =>
      spiking && during(t, apiSpike, apiSpike + 30 * minute) ? 180 : 30
    );
  }
  // Payments: 2% fail; stripe fails 30% for half an hour.
  for (const provider of ['stripe', 'paypal']) {
    const spiking = (t: number) => provider === 'stripe' && during(t, paymentSpike, paymentSpike + 30 * minute);
    add(m.events, { event: 'payment_succeeded', payment_provider: provider }, (t) => (spiking(t) ? 70 : 98));
    add(m.events, { event: 'payment_failed', payment_provider: provider, reason: 'declined' }, (t) =>
      spiking(t) ? 30 : 2
    );
  }
  // Page views: 2/s until they stop.
  add(m.events, { event: 'page_viewed', page: 'home', platform: 'web' }, (t) => (t > pageViewsStop ? 0 : 600));
  return series;
}

describe('shop rules under promtool (8 days of history, 5m steps)', () => {
  it('fires exactly the right alerts, for the right label sets, at the right times', () => {
    const conversionDrop = {
      checkout_conversion_low: [alert(spec, 'checkout_conversion_low', {}, '20%', '70%')],
      checkout_conversion_anomaly: [alert(spec, 'checkout_conversion_anomaly', {}, '20%', '70%')],
    };
    const checks: AlertCheck[] = [
      // Steady seasonal traffic: night, morning, midday.
      ...exactly(8 * day + 3 * hour, {}),
      ...exactly(8 * day + 6 * hour, {}),
      ...exactly(8 * day + 10 * hour, {}),
      // Flash sale at 12:00: pending after one step, firing after two (within 3 evaluations).
      ...exactly(flashSale, {}),
      ...exactly(flashSale + 5 * minute, {}),
      ...exactly(flashSale + 10 * minute, conversionDrop),
      ...exactly(flashSale + 55 * minute, conversionDrop),
      // Recovered at 13:00; resolved once keep_firing_for (10m) has passed.
      ...exactly(flashSale + hour + 30 * minute, {}),
      // One browser version at 6x its API error rate: only that version fires.
      ...exactly(apiSpike + 5 * minute, {}),
      ...exactly(apiSpike + 10 * minute, {
        api_error_browser_spike: [
          alert(spec, 'api_error_browser_spike', { browser: 'chrome', browser_version: '121' }, '0.6/s', '0.1/s'),
        ],
      }),
      ...exactly(apiSpike + hour, {}),
      // Stripe payments failing 30% against 2%: only stripe fires.
      ...exactly(paymentSpike + 10 * minute, {
        payment_error_spike: [alert(spec, 'payment_error_spike', { payment_provider: 'stripe' }, '30%', '2%')],
      }),
      ...exactly(paymentSpike + hour, {}),
      // Page views stop at 20:00.
      ...exactly(pageViewsStop + 5 * minute, {}),
      ...exactly(pageViewsStop + 10 * minute, {
        page_views_stopped: [alert(spec, 'page_views_stopped', {}, '0/s', '2/s')],
      }),
      // Still firing 45m later (the baseline's growth level ends an hour back, so it is not yet dragged down).
      ...exactly(pageViewsStop + 45 * minute, {
        page_views_stopped: [alert(spec, 'page_views_stopped', {}, '0/s', '2/s')],
      }),
    ];
    const run = runPromtoolGroups(generateFiles(spec, { webhookUrl: defaultWebhookUrl }), '5m', [
      { name: 'shop: eventful day after eight steady days', interval: at(step), series: inputSeries(), alerts: checks },
    ]);
    expect(run.output).toContain('SUCCESS');
    expect(run.status).toBe(0);
  }, 180_000);
});
