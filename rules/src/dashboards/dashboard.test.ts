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
      ['timeseries', 'Events per second'],
      ['timeseries', 'Value per minute (items)'],
      ['timeseries', 'Value per minute (EUR)'],
      ['timeseries', 'checkout: conversion from the first step (live and settled)'],
      ['timeseries', 'signup: conversion from the first step (live and settled)'],
      ['timeseries', 'Active users'],
    ]);
    const byPlatform = dashboard.panels[2];
    expect(byPlatform?.options).toMatchObject({ mode: 'funnel', breakdownLabel: 'platform', comparisonRefId: 'B' });
    expect(byPlatform?.targets[0]?.expr).toBe(
      'sum by (step, step_index, platform) (increase(product_funnel_step_total{funnel="checkout"}[$__range]))'
    );
    expect(dashboard.panels[0]?.targets).toEqual([
      { refId: 'A', expr: 'scope_window:product_active_users:estimate{scope="visitors", window="5m"}', range: true },
      { refId: 'B', expr: 'sum by (event) (rate(product_events_total[1m]))', range: true, exemplar: true },
    ]);
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
