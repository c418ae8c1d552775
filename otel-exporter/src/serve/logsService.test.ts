import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import type { CliIo } from '../cli/io';
import { main } from '../cli/main';
import { eventValueFamily, productMetricNames, selfMetricNames } from '../contract';
import { createNowcast } from '../nowcast';
import { loadShopSpec } from '../testing/fixtures';
import { collectSamples, sumOf } from '../testing/samples';
import type { AnalyticsSpec } from '../spec/model';
import { startLogsService } from './logsService';
import { anyValue, forEachLogRecord, type DecodedLogRecord } from './otlpJsonLogs';

let shop: AnalyticsSpec;
beforeAll(async () => {
  shop = await loadShopSpec();
});

const names = productMetricNames('product');
const revenue = eventValueFamily('product', 'EUR').name;
const traceId = '5b8efff798038103d269b633813fc60c';
const spanId = 'eee19b7ec3c1b174';

const str = (key: string, value: string) => ({ key, value: { stringValue: value } });

/** What a Collector's otlphttp exporter (encoding: json) sends. */
function exportRequest(now: number) {
  return {
    resourceLogs: [
      {
        resource: { attributes: [str('service.name', 'shop')] },
        scopeLogs: [
          {
            scope: { name: 'shop' },
            logRecords: [
              {
                timeUnixNano: String(now * 1e6),
                eventName: 'payment_succeeded',
                traceId,
                spanId,
                attributes: [
                  str('user.id', 'u1'),
                  str('payment_provider', 'stripe'),
                  { key: 'amount', value: { doubleValue: 12.5 } },
                ],
              },
              {
                timeUnixNano: String(now * 1e6),
                attributes: [str('event.name', 'signed_up'), str('anonymous.id', 'a1'), str('platform', 'ios')],
              },
              { body: { stringValue: 'an ordinary log line' }, attributes: [str('user.id', 'u1')] },
              {
                eventName: 'added_to_cart',
                attributes: [
                  { key: 'user.id', value: { intValue: '7' } },
                  { key: 'quantity', value: { intValue: '-1' } },
                ],
              },
            ],
          },
        ],
      },
    ],
  };
}

describe('OTLP JSON logs', () => {
  it('decodes every AnyValue kind', () => {
    expect(anyValue({ stringValue: 'a' })).toBe('a');
    expect(anyValue({ intValue: '42' })).toBe(42);
    expect(anyValue({ doubleValue: 1.5 })).toBe(1.5);
    expect(anyValue({ boolValue: false })).toBe(false);
    expect(anyValue({ arrayValue: { values: [{ stringValue: 'x' }] } })).toEqual(['x']);
    expect(anyValue({ kvlistValue: { values: [str('k', 'v')] } })).toEqual({ k: 'v' });
    expect(anyValue({})).toBeUndefined();
  });

  it('reads event names, attributes, times and trace ids; rejects a body of the wrong shape', () => {
    const records: DecodedLogRecord[] = [];
    expect(forEachLogRecord(exportRequest(1_700_000_000_000), 5, (r) => records.push(r))).toBeUndefined();
    expect(records.map((r) => [r.name, r.timestampMs, r.traceId, r.spanId])).toEqual([
      ['payment_succeeded', 1_700_000_000_000, traceId, spanId],
      ['signed_up', 1_700_000_000_000, undefined, undefined],
      [undefined, 5, undefined, undefined],
      ['added_to_cart', 5, undefined, undefined],
    ]);
    expect(records[0]?.attributes).toEqual({ 'user.id': 'u1', payment_provider: 'stripe', amount: 12.5 });
    expect(forEachLogRecord({ logs: [] }, 0, () => undefined)).toMatch(/resourceLogs/);
  });
});

describe('standalone service', () => {
  it('takes OTLP/HTTP JSON logs (gzipped or not) and serves them as metrics', async () => {
    const nowcast = createNowcast({ spec: shop, sweepIntervalMs: 0 });
    const service = await startLogsService(nowcast, { port: 0 });
    try {
      const body = JSON.stringify(exportRequest(Date.now()));
      const plain = await fetch(`${service.url}/v1/logs`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body,
      });
      expect(plain.status).toBe(200);
      expect(await plain.json()).toEqual({
        partialSuccess: { rejectedLogRecords: '1', errorMessage: expect.stringContaining('dropped') },
      });
      const zipped = await fetch(`${service.url}/v1/logs`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' },
        body: gzipSync(body),
      });
      expect(zipped.status).toBe(200);
      const samples = collectSamples(nowcast.pipeline);
      expect(sumOf(samples, names.events, { event: 'payment_succeeded', payment_provider: 'stripe' })).toBe(2);
      expect(sumOf(samples, revenue, { event: 'payment_succeeded' })).toBe(25);
      expect(sumOf(samples, names.events, { event: 'signed_up', platform: 'ios' })).toBe(2);
      expect(sumOf(samples, selfMetricNames.dropped, { reason: 'invalid_value' })).toBe(2);
      const exemplar = samples.find((s) => s.name === names.events && s.labels.event === 'payment_succeeded')?.exemplar;
      expect(exemplar).toMatchObject({ traceId, spanId });

      const metrics = await fetch(`${service.url}/metrics`);
      expect(await metrics.text()).toContain('product_events_total{event="signed_up",platform="ios"} 2\n');

      const protobuf = await fetch(`${service.url}/v1/logs`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-protobuf' },
        body: 'x',
      });
      expect(protobuf.status).toBe(415);
      const broken = await fetch(`${service.url}/v1/logs`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{',
      });
      expect(broken.status).toBe(400);
      expect((await fetch(`${service.url}/nope`)).status).toBe(404);
    } finally {
      await service.close();
      await nowcast.shutdown();
    }
  });
});

describe('nowcast-exporter serve', () => {
  function capture(): CliIo & { stdout: string[]; stderr: string[] } {
    const stdout: string[] = [];
    const stderr: string[] = [];
    return { stdout, stderr, out: (line) => stdout.push(line), err: (line) => stderr.push(line) };
  }

  it('serves until stopped, then exits 0', async () => {
    const io = capture();
    const stop = new AbortController();
    const exit = main(
      ['serve', join(__dirname, '../../../examples/shop/analytics.yaml'), '--port', '0'],
      io,
      stop.signal
    );
    while (io.stdout.length === 0 && io.stderr.length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    const url = /metrics at (\S+)/.exec(io.stdout[0] ?? '')?.[1];
    expect(url).toBeDefined();
    expect((await fetch(url ?? '')).status).toBe(200);
    stop.abort();
    expect(await exit).toBe(0);
  });

  it('explains bad arguments', async () => {
    const io = capture();
    expect(await main(['serve', 'a.yaml', '--port', 'x'], io, new AbortController().signal)).toBe(2);
    expect(io.stderr.join('\n')).toContain('unexpected "--port x"');
  });
});
