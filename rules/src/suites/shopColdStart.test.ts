import { productMetricNames } from '@nowcast/otel-exporter/contract';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { loadSpec, specFromObject, type AnalyticsSpec } from '@nowcast/otel-exporter/spec';
import { defaultWebhookUrl } from '../generate/alertmanager';
import { generateFiles } from '../generate/generate';
import { runPromtoolGroups, type InputSeries } from '../testing/promtool';
import { at, counterValues, during, hour, minute, seriesName } from '../testing/series';
import { shopSpecFile } from '../testing/fixtures';
import { exactly, shopAlert } from './shopAlerts';

/*
 * The shop's rules with no history at all (a new install), 1-minute steps: the anomaly alert has
 * no baseline, so only its static fallback bound may fire, and only on a real drop; low volume
 * never fires anything.
 */
const step = minute;
const end = 6 * hour;

let spec: AnalyticsSpec;
beforeAll(async () => {
  spec = await loadSpec(shopSpecFile);
});

/** The shop spec with every alert's volume guard switched off (`minVolume: 0`). */
function withoutVolumeGuard(): AnalyticsSpec {
  const raw = parse(readFileSync(shopSpecFile, 'utf8')) as { alerts: Record<string, Record<string, unknown>> };
  for (const alert of Object.values(raw.alerts)) alert.minVolume = 0;
  const result = specFromObject(raw);
  if (!result.ok) throw new Error('the shop spec without volume guards is invalid');
  return result.spec;
}

function coldStartSeries(): InputSeries[] {
  const m = productMetricNames(spec.namespace);
  const series: InputSeries[] = [];
  const add = (metric: string, labels: Record<string, string>, increment: (t: number) => number | undefined) =>
    series.push({ series: seriesName(metric, labels), values: counterValues(end, step, increment) });
  // 30 started a minute through stripe, 10 through paypal; 70% paid, 55% from 2h (outside a ±5% band, above every
  // static bound), 20% from 3h to 4h (a real drop).
  const paidShare = (t: number) => (during(t, 2 * hour, 3 * hour) ? 0.55 : during(t, 3 * hour, 4 * hour) ? 0.2 : 0.7);
  for (const [provider, started] of [
    ['stripe', 30],
    ['paypal', 10],
  ] as const) {
    const funnel = { funnel: 'payment', payment_provider: provider };
    add(m.funnelStep, { ...funnel, step: 'checkout_started', step_index: '0' }, () => started);
    add(m.funnelStep, { ...funnel, step: 'payment_succeeded', step_index: '1' }, (t) => started * paidShare(t));
  }
  // Page views at 1/s per browser version until the exporter dies at 5h (the series is gone, not
  // flat); API errors at 5 per 100 views, chrome 121 at 30 per 100 from 2h30 to 3h.
  for (const version of ['120', '121']) {
    const split = { browser: 'chrome', browser_version: version };
    add(m.events, { event: 'page_viewed', page: 'home', platform: 'web', ...split }, (t) =>
      t > 5 * hour ? undefined : 60
    );
    add(m.events, { event: 'api_error', route: '/api/cart', ...split }, (t) =>
      t > 5 * hour ? undefined : version === '121' && during(t, 2.5 * hour, 3 * hour) ? 18 : 3
    );
  }
  return series;
}

/** A quiet shop: a handful of events, wild ratios, and a trickle of page views that stops. */
function lowVolumeSeries(): InputSeries[] {
  const m = productMetricNames(spec.namespace);
  const series: InputSeries[] = [];
  const add = (metric: string, labels: Record<string, string>, increment: (t: number) => number | undefined) =>
    series.push({ series: seriesName(metric, labels), values: counterValues(end, step, increment) });
  const every = (t: number, minutes: number) => (Math.round(t / minute) % minutes === 0 ? 1 : 0);
  const funnel = { funnel: 'payment', payment_provider: 'stripe' };
  add(m.funnelStep, { ...funnel, step: 'checkout_started', step_index: '0' }, (t) => every(t, 3));
  // Paid: 1 in 2 at first, then none at all for an hour (0% conversion on 20 attempts).
  add(m.funnelStep, { ...funnel, step: 'payment_succeeded', step_index: '1' }, (t) =>
    during(t, 2 * hour, 3 * hour) ? 0 : every(t, 6)
  );
  // One browser version: no errors, then bursts of 3 (infinitely many times its baseline).
  const browser = { browser: 'chrome', browser_version: '121' };
  add(m.events, { event: 'api_error', route: '/api/cart', ...browser }, (t) =>
    during(t, 3 * hour, 4 * hour) ? 3 * every(t, 2) : 0
  );
  // Payments: 1 a minute, and every other one fails for an hour (50% against 0%; 5 in 5m).
  add(m.events, { event: 'payment_succeeded', payment_provider: 'stripe' }, (t) =>
    during(t, 4 * hour, 5 * hour) ? every(t, 2) : 1
  );
  add(m.events, { event: 'payment_failed', payment_provider: 'stripe', reason: 'declined' }, (t) =>
    during(t, 4 * hour, 5 * hour) ? 1 - every(t, 2) : 0
  );
  // A page view every 3 minutes, stopping at 5h: too few to call it an outage.
  add(m.events, { event: 'page_viewed', page: 'home', platform: 'web', ...browser }, (t) =>
    t > 5 * hour ? 0 : every(t, 3)
  );
  return series;
}

const lowVolumeTimes = [1, 2, 2.5, 3, 3.5, 4, 4.5, 5, 5.5, 6];

/** A fresh start: API errors trickle in while the shop comes up, then settle at 0.5/s. */
function rampUpSeries(): InputSeries[] {
  const m = productMetricNames(spec.namespace);
  const split = { browser: 'app', browser_version: '1' };
  const errors = { event: 'api_error', route: '/api/cart', ...split };
  const views = { event: 'page_viewed', page: 'home', platform: 'web', ...split };
  return [
    { series: seriesName(m.events, errors), values: counterValues(hour, step, (t) => (t <= 3 * minute ? 1 : 30)) },
    { series: seriesName(m.events, views), values: counterValues(hour, step, (t) => (t <= 3 * minute ? 20 : 600)) },
  ];
}

describe('shop rules under promtool without history (1m steps)', () => {
  it('cold start: the fallback bound fires on a real drop, the band stays quiet, a spike is judged against the last hour, no_data catches a dead exporter', () => {
    // Before a week of history the annotation's baseline is the hour before the last; stripe carries
    // three times paypal's checkouts, so it loses three times the conversions.
    const cause = (stripe: number, paypal: number) =>
      `payment_provider stripe (${stripe} fewer), payment_provider paypal (${paypal} fewer)`;
    const low = (value: string, baseline: string, lost: [number, number]) =>
      shopAlert(spec, 'checkout_conversion_low', {}, value, baseline, cause(...lost));
    const anomaly = (value: string, baseline: string, lost: [number, number]) =>
      shopAlert(spec, 'checkout_conversion_anomaly', {}, value, baseline, cause(...lost));
    const run = runPromtoolGroups(generateFiles(spec, { webhookUrl: defaultWebhookUrl }), '1m', [
      {
        name: 'shop: cold start',
        interval: at(step),
        series: coldStartSeries(),
        alerts: [
          ...exactly(1 * hour, {}),
          // Without a week of history the spike is judged against the previous hour of a label set
          // at least an hour old (before 2h none is: nothing is judged): 30% is over 3x 5%, from 2h30.
          ...exactly(2.5 * hour, {}),
          ...exactly(2.5 * hour + 10 * minute, {
            api_error_browser_spike: [
              shopAlert(spec, 'api_error_browser_spike', { browser: 'chrome', browser_version: '121' }, '30%', '5%'),
            ],
          }),
          // 55% is 15 points under the 70% so far, but with no baseline there is no band to leave.
          ...exactly(2 * hour + 30 * minute, {}),
          // The real drop: the threshold (50%) and the fallback (40%) both fire within 4 minutes.
          ...exactly(3 * hour + 4 * minute, {
            checkout_conversion_low: [low('20%', '69.14%', [29, 10])],
            checkout_conversion_anomaly: [anomaly('20%', '69.14%', [29, 10])],
          }),
          ...exactly(3 * hour + 15 * minute, {
            checkout_conversion_low: [low('20%', '66.43%', [28, 9])],
            checkout_conversion_anomaly: [anomaly('20%', '66.43%', [28, 9])],
          }),
          ...exactly(4 * hour + 30 * minute, {}),
          // The exporter died at 5h: the series is gone, not zero.
          ...exactly(5 * hour + 4 * minute, {}),
          // Its last samples count for Prometheus' 5-minute lookback; gone from 5h06, `for` 5m.
          ...exactly(5 * hour + 15 * minute, {
            page_views_stopped: [shopAlert(spec, 'page_views_stopped', {}, '0/s', '2/s')],
          }),
        ],
      },
      {
        name: 'shop: low-volume noise',
        interval: at(step),
        series: lowVolumeSeries(),
        alerts: lowVolumeTimes.flatMap((h) => exactly(h * hour, {})),
      },
      {
        // The first minutes of a new install are its ramp-up, not a baseline: steady traffic after
        // them is no spike, before and after the previous hour may stand in (10m of history).
        name: 'shop: ramp-up after a fresh start',
        interval: at(step),
        series: rampUpSeries(),
        alerts: [8, 12, 16, 22, 30, 45].flatMap((minutes) => exactly(minutes * minute, {})),
      },
    ]);
    expect(run.output).toContain('SUCCESS');
    expect(run.status).toBe(0);
  }, 180_000);

  it('low-volume noise fires nothing even without the volume floor: the significance test alone silences it', () => {
    const run = runPromtoolGroups(generateFiles(withoutVolumeGuard(), { webhookUrl: defaultWebhookUrl }), '1m', [
      {
        name: 'shop without volume floors: low-volume noise',
        interval: at(step),
        series: lowVolumeSeries(),
        alerts: lowVolumeTimes.flatMap((h) => exactly(h * hour, {})),
      },
    ]);
    expect(run.output).toContain('SUCCESS');
    expect(run.status).toBe(0);
  }, 180_000);
});
