import { productMetricNames } from '@nowcast/otel-exporter/contract';
import { loadSpec, type AnalyticsSpec } from '@nowcast/otel-exporter/spec';
import { defaultWebhookUrl } from '../generate/alertmanager';
import { likelyCauseQuery } from '../generate/annotations';
import { generateFiles } from '../generate/generate';
import { buildModel } from '../model/model';
import { signalSeries } from '../model/signal';
import { expectedAlert } from '../testing/expect';
import { storeSpecFile } from '../testing/fixtures';
import { queryWithPromtool } from '../testing/measure';
import { runPromtoolGroups, type AlertCheck, type ExpectedAlert, type InputSeries } from '../testing/promtool';
import { at, counterValues, daily, day, during, hour, minute, seriesName } from '../testing/series';

/*
 * Three weeks of seasonal history with one odd (holiday) week, then a normal day: the
 * median of the weeks outvotes the holiday, so nothing fires; a genuine drop on that day still does.
 * Input every 5m, rules every 15m (to keep 23 days fast).
 */
const step = 5 * minute;
const end = 22 * day + 23 * hour;
const holiday = { from: 14 * day, to: 21 * day };
const realDrop = { from: 22 * day + 18 * hour, to: 22 * day + 19 * hour };
const ordersStop = { from: 22 * day + 10 * hour, to: 22 * day + 12 * hour };
// The ads campaign's links break: no visits from ads (30% of them) for an hour.
const adsBroken = { from: 22 * day + 20 * hour, to: 22 * day + 21 * hour };
const sources = { search: 0.5, ads: 0.3, direct: 0.2 };
const alertNames = ['purchase_conversion_anomaly', 'visits_anomaly', 'orders_stopped'] as const;

let spec: AnalyticsSpec;
beforeAll(async () => {
  spec = await loadSpec(storeSpecFile);
});

const isHoliday = (t: number) => during(t, holiday.from, holiday.to);
// 150 to 450 visits per 5m over the day; a third of that in the holiday week; by source.
const usualVisits = (t: number) => 10 * Math.round((isHoliday(t) ? 9 : 30) * daily(t));
const visitsFrom = (source: keyof typeof sources, t: number) =>
  source === 'ads' && during(t, adsBroken.from, adsBroken.to) ? 0 : usualVisits(t) * sources[source];
const visits = (t: number) => visitSources.reduce((n, s) => n + visitsFrom(s, t), 0);

const visitSources = Object.keys(sources) as (keyof typeof sources)[];

/** The visit events by source: all a traffic alert reads. */
function visitSeries(): InputSeries[] {
  const m = productMetricNames(spec.namespace);
  return visitSources.map((source) => ({
    series: seriesName(m.events, { event: 'visit', source }),
    values: counterValues(end, step, (t) => visitsFrom(source, t)),
  }));
}

function series(): InputSeries[] {
  const m = productMetricNames(spec.namespace);
  // 90% order in the holiday week (gift shoppers), 30% during the real drop, none while order
  // tracking is broken (10:00 to 12:00).
  const share = (t: number) => (isHoliday(t) ? 0.9 : during(t, realDrop.from, realDrop.to) ? 0.3 : 0.5);
  const orders = (t: number) => (during(t, ordersStop.from, ordersStop.to) ? 0 : Math.round(visits(t) * share(t)));
  return [
    { series: seriesName(m.funnelStep, { funnel: 'purchase', step: 'visit', step_index: '0' }), increment: visits },
    { series: seriesName(m.funnelStep, { funnel: 'purchase', step: 'order', step_index: '1' }), increment: orders },
    { series: seriesName(m.events, { event: 'order' }), increment: orders },
  ]
    .map((s) => ({ series: s.series, values: counterValues(end, step, s.increment) }))
    .concat(visitSeries());
}

function exactly(time: number, firing: Partial<Record<(typeof alertNames)[number], ExpectedAlert[]>>): AlertCheck[] {
  return alertNames.map((alertname) => ({ evalTime: at(time), alertname, alerts: firing[alertname] ?? [] }));
}

/** `1` when `expr` is within 0.01 of `expected`, for the funnel: promtool compares exact values. */
function near(expr: string, expected: number) {
  return `abs(${expr} - ${expected}) < bool 0.01`;
}

describe('store rules under promtool (3 weeks of seasonal history, one holiday week)', () => {
  it('outvotes the holiday week, stays quiet through the seasonal day, and still catches a real drop and stopped orders', () => {
    const conversion = 'funnel:store_funnel_conversion_step0_to_step1:ratio10m';
    const quietTimes = [1, 6, 9, 13, 15].map((h) => 22 * day + h * hour);
    const conversionAnomaly = (value: string) =>
      expectedAlert(
        spec,
        'purchase_conversion_anomaly',
        {
          funnel: 'purchase',
          severity: 'warning',
          team: 'product',
          nowcast_kind: 'anomaly',
          nowcast_target: 'purchase:visit->order',
        },
        { value, baseline: '50%' }
      );
    const drop = conversionAnomaly('30%');
    const ordersStopped = expectedAlert(
      spec,
      'orders_stopped',
      { event: 'order', severity: 'critical', team: 'product', nowcast_kind: 'no_data', nowcast_target: 'order' },
      // The median of the same hour's order rate three weeks back (hourly levels, trend 1).
      { value: '0/s', baseline: '0.722/s' }
    );
    const run = runPromtoolGroups(generateFiles(spec, { webhookUrl: defaultWebhookUrl }), '15m', [
      {
        name: 'store: a normal day after a holiday week',
        interval: at(step),
        series: series(),
        alerts: [
          ...quietTimes.flatMap((t) => exactly(t, {})),
          ...exactly(realDrop.from + 15 * minute, {}),
          ...exactly(realDrop.from + 30 * minute, { purchase_conversion_anomaly: [drop] }),
          // Order tracking breaks: no orders (no_data) and so 0% conversion (anomaly) fire together;
          // Alertmanager mutes the anomaly as a symptom (alertmanager.test.ts).
          ...exactly(ordersStop.from + 15 * minute, {}),
          ...exactly(ordersStop.from + 30 * minute, {
            purchase_conversion_anomaly: [conversionAnomaly('0%')],
            orders_stopped: [ordersStopped],
          }),
        ],
        exprs: [
          // A week ago (the holiday) conversion was 90%: a one-week baseline would page all day…
          {
            evalTime: at(22 * day + 12 * hour),
            expr: `${conversion}_offset_weeks{weeks_ago="1"} > bool 0.85`,
            samples: [{ labels: '{funnel="purchase", weeks_ago="1"}', value: 1 }],
          },
          // …but the median of three weeks is the usual 50%.
          {
            evalTime: at(22 * day + 12 * hour),
            expr: near(`${conversion}_reference`, 0.5),
            samples: [{ labels: '{funnel="purchase"}', value: 1 }],
          },
          // Traffic: the holiday week's third of the usual is growth-corrected (clamped ×2) and outvoted.
          {
            evalTime: at(22 * day + 12 * hour),
            expr: 'count by (event) (event:store_events:rate10m_offset_weeks)',
            samples: [
              { labels: '{event="order"}', value: 3 },
              { labels: '{event="visit"}', value: 3 },
            ],
          },
        ],
      },
    ]);
    expect(run.output).toContain('SUCCESS');
    expect(run.status).toBe(0);
  }, 180_000);

  it('names the likely cause of a traffic anomaly: the source whose visits fell, by how many', () => {
    // The traffic alert alone, on the visits alone, keeps the two promtool runs short.
    const visitsOnly = { ...spec, alerts: spec.alerts.filter((a) => a.name === 'visits_anomaly') };
    const files = generateFiles(visitsOnly, { webhookUrl: defaultWebhookUrl });
    const signal = buildModel(visitsOnly).alerts[0]?.signal;
    const cause = signal === undefined ? undefined : likelyCauseQuery(signal);
    if (signal === undefined || cause === undefined) throw new Error('visits_anomaly names no likely cause');
    const time = adsBroken.from + 30 * minute;
    const queries = [
      signalSeries(signal, signal.names.value),
      `${signalSeries(signal, signal.names.reference)} or ${signalSeries(signal, signal.names.recent)}`,
      cause.query,
    ].map((expr) => ({ expr, time }));
    const { samples } = queryWithPromtool(files, 15 * minute, visitSeries(), queries, [], step);
    const [[value] = [], [reference] = [], causes = []] = samples;
    if (value === undefined || reference === undefined) throw new Error('no visit rate or reference');
    // Ads bring 30% of the visits the reference expects in the 10m window: all of them are missing;
    // search and direct move by less than one visit, so they are no cause.
    const [first, ...others] = [...causes].sort((a, b) => Math.abs(b.value) - Math.abs(a.value));
    expect(first?.labels.nowcast_cause).toBe('source ads');
    expect(first?.value).toBeCloseTo(-0.3 * reference.value * 600, 0);
    expect(others).toEqual([]);

    // The annotation renders those numbers (promtool proves the template: query, order, format).
    const perSecond = (x: number) => `${Number(x.toPrecision(3))}/s`;
    const likelyCause = [first, ...others]
      .map(
        (c) =>
          `${c?.labels.nowcast_cause ?? ''} (${(c?.value ?? 0) < 0 ? '-' : '+'}${Math.abs(Math.round(c?.value ?? 0))} events)`
      )
      .join(', ');
    const anomaly = expectedAlert(
      visitsOnly,
      'visits_anomaly',
      { event: 'visit', severity: 'warning', team: 'product', nowcast_kind: 'anomaly', nowcast_target: 'visit' },
      { value: perSecond(value.value), baseline: perSecond(reference.value), likelyCause }
    );
    const run = runPromtoolGroups(files, '15m', [
      {
        name: 'store: the ads links break',
        interval: at(step),
        series: visitSeries(),
        alerts: [{ evalTime: at(time), alertname: 'visits_anomaly', alerts: [anomaly] }],
      },
    ]);
    expect(run.output).toContain('SUCCESS');
    expect(run.status).toBe(0);
  }, 180_000);
});
