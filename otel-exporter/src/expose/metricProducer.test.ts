import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { runTypeScript } from '../testing/runTypeScript';

interface OtlpValue {
  stringValue?: string;
}
interface OtlpPoint {
  attributes?: { key: string; value: OtlpValue }[];
  asDouble?: number;
  asInt?: string;
  count?: string | number;
  sum?: number;
}
interface OtlpMetric {
  name: string;
  sum?: { dataPoints: OtlpPoint[]; isMonotonic?: boolean; aggregationTemporality?: number };
  gauge?: { dataPoints: OtlpPoint[] };
  histogram?: { dataPoints: OtlpPoint[] };
}
interface OtlpRequest {
  resourceMetrics: { scopeMetrics: { scope: { name: string }; metrics: OtlpMetric[] }[] }[];
}

/** A local OTLP/HTTP receiver: keeps every decoded JSON request. */
async function startReceiver(): Promise<{ server: Server; url: string; requests: OtlpRequest[] }> {
  const requests: OtlpRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const text = req.headers['content-encoding'] === 'gzip' ? gunzipSync(body).toString() : body.toString();
      requests.push(JSON.parse(text) as OtlpRequest);
      res.setHeader('Content-Type', 'application/json');
      res.end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}/v1/metrics`, requests };
}

function attributesOf(point: OtlpPoint): Record<string, string> {
  return Object.fromEntries((point.attributes ?? []).map((a) => [a.key, a.value.stringValue ?? '']));
}

function valueOf(point: OtlpPoint): number {
  return point.asDouble ?? Number(point.asInt ?? 0);
}

describe('NowcastMetricProducer', () => {
  it('sends the same counts through the real OTLP/HTTP metric exporter', async () => {
    const receiver = await startReceiver();
    try {
      const output = await runTypeScript(join(__dirname, 'otlpExport.child.ts'), { NOWCAST_OTLP_URL: receiver.url });
      const truth = JSON.parse(output) as Record<
        'paid' | 'revenue' | 'stripe' | 'pricingViews' | 'signups' | 'received',
        number
      >;
      expect(truth.paid).toBe(50);
      expect(receiver.requests.length).toBeGreaterThan(0);
      const metrics = receiver.requests
        .flatMap((r) => r.resourceMetrics)
        .flatMap((r) => r.scopeMetrics)
        .filter((s) => s.scope.name === '@nowcast/otel-exporter')
        .flatMap((s) => s.metrics);
      const metric = (name: string) => {
        const found = metrics.find((m) => m.name === name);
        if (found === undefined) throw new Error(`no metric ${name} in ${metrics.map((m) => m.name).join(', ')}`);
        return found;
      };
      const points = (name: string, kind: 'sum' | 'gauge' | 'histogram') => metric(name)[kind]?.dataPoints ?? [];
      const sum = (points: OtlpPoint[], match: Record<string, string>) =>
        points
          .filter((p) => Object.entries(match).every(([k, v]) => attributesOf(p)[k] === v))
          .reduce((t, p) => t + valueOf(p), 0);
      expect(metric('product_events').sum?.isMonotonic).toBe(true);
      const events = points('product_events', 'sum');
      expect(sum(events, { event: 'payment_succeeded' })).toBe(truth.paid);
      expect(sum(events, { event: 'payment_succeeded', payment_provider: 'stripe' })).toBe(truth.stripe);
      expect(sum(points('product_event_value_eur', 'sum'), { event: 'payment_succeeded' })).toBe(truth.revenue);
      const steps = points('product_funnel_step', 'sum');
      expect(sum(steps, { funnel: 'signup', step_index: '0' })).toBe(truth.pricingViews);
      expect(sum(steps, { funnel: 'signup', step_index: '1' })).toBe(truth.signups);
      const conversion = points('product_funnel_conversion_seconds', 'histogram');
      expect(conversion.filter((p) => attributesOf(p).funnel === 'signup').map((p) => Number(p.count))).toEqual([
        truth.signups,
      ]);
      expect(points('product_active_users_register', 'gauge')).toHaveLength(2 * 3 * 1024);
      expect(sum(points('nowcast_exporter_events_received', 'sum'), {})).toBe(truth.received);
    } finally {
      await new Promise((resolve) => receiver.server.close(resolve));
    }
  });
});
