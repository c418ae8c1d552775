import { join } from 'node:path';
import { loadSpec, type AnalyticsSpec } from '@nowcast/otel-exporter/spec';
import { runPromtoolTests } from '@nowcast/test-support';
import { buildDashboard, dashboardQueries, dashboardUid } from './dashboard';
import { grafanaFiles } from './provisioning';

let shop: AnalyticsSpec;
beforeAll(async () => {
  shop = await loadSpec(join(__dirname, '../../../examples/shop/analytics.yaml'));
});

describe('dashboard', () => {
  it('takes its uid from links.dashboard', () => {
    expect(dashboardUid(shop)).toBe('nowcast-shop');
    expect(dashboardUid({ ...shop, links: {} })).toBe('nowcast-product');
  });

  it('has live activity, a funnel panel per funnel (and per breakdown), and the time series', () => {
    const dashboard = buildDashboard(shop);
    expect(dashboard.panels.map((p) => [p.type, p.title])).toEqual([
      ['nowcast-analytics-panel', 'Live activity'],
      ['nowcast-analytics-panel', 'Funnel: checkout'],
      ['nowcast-analytics-panel', 'Funnel: checkout by platform'],
      ['nowcast-analytics-panel', 'Funnel: signup'],
      ['nowcast-analytics-panel', 'Funnel: payment'],
      ['nowcast-analytics-panel', 'Funnel: payment by payment_provider'],
      ['timeseries', 'Events per second'],
      ['timeseries', 'Value per minute (items)'],
      ['timeseries', 'Value per minute (EUR)'],
      ['timeseries', 'checkout: conversion from the first step (live and settled)'],
      ['timeseries', 'signup: conversion from the first step (live and settled)'],
      ['timeseries', 'payment: conversion from the first step (live and settled)'],
      ['timeseries', 'Active users'],
    ]);
    const byPlatform = dashboard.panels[2];
    expect(byPlatform?.options).toMatchObject({
      mode: 'funnel',
      breakdownLabel: 'platform',
      stepsRefIds: ['A'],
      outcomesRefId: 'B',
      baselineRefId: 'C',
      medianRefId: 'D',
      calculation: 'lastNotNull',
    });
    expect(byPlatform?.targets.map((target) => [target.refId, target.expr, target.instant])).toEqual([
      [
        'A',
        'sum by (step, step_index, platform) (increase(product_funnel_step_total{funnel="checkout"}[$__range]))',
        true,
      ],
      [
        'B',
        'sum by (reached_step, platform) (increase(product_funnel_attempts_total{funnel="checkout"}[$__range]))',
        true,
      ],
      [
        'C',
        'sum by (reached_step, platform) (increase(product_funnel_attempts_total{funnel="checkout"}[$__range] offset 1w))',
        true,
      ],
      [
        'D',
        'histogram_quantile(0.5, sum by (step, le, platform) (increase(product_funnel_conversion_seconds_bucket{funnel="checkout"}[$__range])))',
        true,
      ],
    ]);
    expect(dashboard.panels[0]).toMatchObject({
      maxDataPoints: 11_000,
      options: { mode: 'live', activeUsersRefId: 'A', ratesRefId: 'B', feedRefId: 'C' },
      targets: [
        {
          refId: 'A',
          expr: 'scope_window:product_active_users:estimate{scope="visitors", window="5m"}',
          range: true,
          interval: '15s',
        },
        { refId: 'B', expr: 'sum by (event) (rate(product_events_total[$__rate_interval]))', instant: true },
        {
          refId: 'C',
          expr: 'sum by (event) (increase(product_events_total[$__range]))',
          instant: true,
          exemplar: true,
          interval: '1s',
        },
      ],
    });
  });

  it('sets a funnel’s minimum volume from the spec’s conversion alerts on it, and none without one', () => {
    const dashboard = buildDashboard(shop);
    const options = (title: string) => dashboard.panels.find((panel) => panel.title === title)?.options;
    // The shop's two conversion alerts judge the payment funnel at minVolume 30; none judges signup.
    expect(options('Funnel: signup')).not.toHaveProperty('minVolume');
    expect(options('Funnel: payment')).toMatchObject({ minVolume: 30 });
    expect(options('Funnel: payment by payment_provider')).toMatchObject({ minVolume: 30 });
  });

  it('lays panels out on the 24-column grid without overlaps', () => {
    const cells = new Set<string>();
    for (const { gridPos } of buildDashboard(shop).panels) {
      expect(gridPos.x + gridPos.w).toBeLessThanOrEqual(24);
      for (let x = gridPos.x; x < gridPos.x + gridPos.w; x++) {
        for (let y = gridPos.y; y < gridPos.y + gridPos.h; y++) {
          expect(cells.has(`${x},${y}`)).toBe(false);
          cells.add(`${x},${y}`);
        }
      }
    }
  });

  it('writes only PromQL that Prometheus parses (promtool evaluates every query)', () => {
    const queries = dashboardQueries(buildDashboard(shop)).map((q) =>
      q.replace(/\$__range/g, '1h').replace(/\$__rate_interval/g, '1m')
    );
    const run = runPromtoolTests({
      rule_files: [],
      tests: [
        {
          interval: '1m',
          input_series: [],
          promql_expr_test: queries.map((expr) => ({ expr, eval_time: '1m', exp_samples: [] })),
        },
      ],
    });
    expect(run.output).toContain('SUCCESS');
    expect(run.status).toBe(0);
  });

  it('provisions the data source with exemplars and the dashboard provider', () => {
    const files = grafanaFiles(shop, { prometheusUrl: 'http://prometheus:9090' });
    expect(files.map((f) => f.path)).toEqual([
      'grafana/datasources/nowcast.yml',
      'grafana/dashboards/nowcast.yml',
      'grafana/dashboards/nowcast/nowcast-shop.json',
    ]);
    expect(files[0]?.content).toContain('url: http://prometheus:9090');
    expect(files[0]?.content).toContain('uid: nowcast-prometheus');
    expect(JSON.parse(files[2]?.content ?? '')).toMatchObject({ uid: 'nowcast-shop', refresh: '10s' });
  });
});
