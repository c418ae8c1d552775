import { DataPointType, type MetricData } from '@opentelemetry/sdk-metrics';
import {
  createNowcast,
  eventValueFamily,
  loadSpec,
  productFamilies,
  selfFamilies,
  type AnalyticsSpec,
  type MetricFamily,
} from '@nowcast/otel-exporter';
import { prometheusNameOf, type OtlpMetricKind } from '@nowcast/test-support';
import { generateFiles, defaultWebhookUrl } from '@nowcast/rules';
import { join } from 'node:path';
import { parse } from 'yaml';

interface RuleFile {
  groups: { rules: { expr: string }[] }[];
}

/*
 * Units survive the OTLP → Prometheus translation: every family the exporter sends over OTLP,
 * translated the way the Collector (and Prometheus' OTLP receiver) does, is named exactly as in
 * the exporter's own /metrics, and every raw metric the generated rules query is one of them.
 */

let shop: AnalyticsSpec;
beforeAll(async () => {
  shop = await loadSpec(join(__dirname, '../../../examples/shop/analytics.yaml'));
});

function kindOf(family: Pick<MetricFamily, 'type'>): OtlpMetricKind {
  return family.type === 'counter' ? 'monotonic_sum' : family.type;
}

function kindOfData(metric: MetricData): OtlpMetricKind {
  switch (metric.dataPointType) {
    case DataPointType.SUM:
      return metric.isMonotonic ? 'monotonic_sum' : 'sum';
    case DataPointType.GAUGE:
      return 'gauge';
    default:
      return 'histogram';
  }
}

describe('the OTLP → Prometheus translation reproduced for tests', () => {
  it.each([
    // Cases from the Collector's own normalize_name_test.go.
    ['system.filesystem.usage', 'By', 'gauge', 'system_filesystem_usage_bytes'],
    ['system.io', 'By', 'monotonic_sum', 'system_io_bytes_total'],
    ['network_transmitted_bytes_total', 'By', 'monotonic_sum', 'network_transmitted_bytes_total'],
    ['system.cpu.utilization', '1', 'gauge', 'system_cpu_utilization_ratio'],
    ['system.network.packets', '{packets}', 'monotonic_sum', 'system_network_packets_total'],
    ['broken.metric.speed', 'km/h', 'gauge', 'broken_metric_speed_km_per_hour'],
    ['foo', 'hello/world', 'gauge', 'foo_hello_per_world'],
  ] as const)('%s [%s, %s] → %s', (name, unit, kind, expected) => {
    expect(prometheusNameOf(name, unit, kind)).toBe(expected);
  });

  it('would have renamed a gauge of unit "1" (the registers before the contract gave them a unit)', () => {
    expect(prometheusNameOf('product_active_users_register', '1', 'gauge')).toBe('product_active_users_register_ratio');
  });
});

describe('every family keeps its name through the translation', () => {
  it('for every descriptor of the contract, value units included', () => {
    const families = [
      ...Object.values(productFamilies(shop.namespace)),
      ...shop.events.flatMap((e) => (e.value === undefined ? [] : [eventValueFamily(shop.namespace, e.value.unit)])),
      ...Object.values(selfFamilies),
    ];
    for (const family of families) {
      expect({ family: family.otelName, as: prometheusNameOf(family.otelName, family.unit, kindOf(family)) }).toEqual({
        family: family.otelName,
        as: family.name,
      });
    }
  });

  it('for what the MetricProducer really sends, equal to the /metrics families, covering what the rules query', async () => {
    const nowcast = createNowcast({ spec: shop, sweepIntervalMs: 0, userIdKey: 'k' });
    try {
      const { resourceMetrics } = await nowcast.producer.collect();
      const sent = resourceMetrics.scopeMetrics.flatMap((s) => s.metrics);
      const translated = new Set(
        sent.map((m) => prometheusNameOf(m.descriptor.name, m.descriptor.unit, kindOfData(m)))
      );
      const exposed = new Set(
        nowcast
          .metrics('prometheus')
          .split('\n')
          .flatMap((line) => /^# TYPE (\S+) /.exec(line)?.[1] ?? [])
      );
      expect([...translated].sort()).toEqual([...exposed].sort());
      expect(translated).toContain('product_event_value_eur_total');
      expect(translated).toContain('product_event_value_items_total');

      // Raw metrics in the generated rules' expressions: names without a colon (recorded series
      // have one), outside quoted label values.
      const expressions = generateFiles(shop, { webhookUrl: defaultWebhookUrl })
        .filter((f) => f.path.startsWith('prometheus/rules/'))
        .flatMap((f) => (parse(f.content) as RuleFile).groups.flatMap((g) => g.rules.map((r) => r.expr)))
        .map((expr) => expr.replace(/"(?:[^"\\]|\\.)*"/g, '""'));
      const queried = new Set(
        expressions.flatMap((expr) =>
          [...expr.matchAll(/(?<![\w:])((?:product|nowcast_exporter)_[a-z_]+)(?![\w:])/g)].map((m) =>
            (m[1] ?? '').replace(/_(bucket|sum|count)$/, '')
          )
        )
      );
      expect(queried.size).toBeGreaterThan(3);
      for (const name of queried) expect(translated).toContain(name);
    } finally {
      await nowcast.shutdown();
    }
  });
});
