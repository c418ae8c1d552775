import { request } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { createNowcast } from '../nowcast';
import { loadShopSpec } from '../testing/fixtures';
import type { AnalyticsSpec } from '../spec/model';
import { acceptsGzip, negotiateFormat } from './negotiate';

let shop: AnalyticsSpec;
beforeAll(async () => {
  shop = await loadShopSpec();
});

/** What Prometheus 2.42 sends when it scrapes. */
const prometheusAccept =
  'application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1';

function get(
  url: string,
  headers: Record<string, string>
): Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    })
      .on('error', reject)
      .end();
  });
}

describe('content negotiation', () => {
  it('serves OpenMetrics to Prometheus and text 0.0.4 to everyone else', () => {
    expect(negotiateFormat(prometheusAccept)).toBe('openmetrics');
    expect(negotiateFormat('text/plain')).toBe('prometheus');
    expect(negotiateFormat(undefined)).toBe('prometheus');
    expect(negotiateFormat('*/*')).toBe('prometheus');
    expect(negotiateFormat('text/plain;q=1,application/openmetrics-text;q=0.5')).toBe('prometheus');
    expect(negotiateFormat('application/openmetrics-text;version=1.0.0')).toBe('openmetrics');
  });

  it('gzips only when allowed', () => {
    expect(acceptsGzip('gzip, deflate')).toBe(true);
    expect(acceptsGzip('deflate')).toBe(false);
    expect(acceptsGzip('gzip;q=0')).toBe(false);
    expect(acceptsGzip(undefined)).toBe(false);
  });
});

describe('metrics listener', () => {
  it('serves gzipped OpenMetrics on /metrics and 404 elsewhere, and closes', async () => {
    const nowcast = createNowcast({ spec: shop, sweepIntervalMs: 0 });
    nowcast.pipeline.record('signed_up', { 'user.id': 'u', platform: 'web' }, Date.now());
    // A new series shows 0 on its first scrape; the requests below see its value.
    nowcast.metrics();
    const server = await nowcast.listen({ port: 0 });
    try {
      const zipped = await get(server.url, { Accept: prometheusAccept, 'Accept-Encoding': 'gzip' });
      expect(zipped.status).toBe(200);
      expect(zipped.headers['content-type']).toBe('application/openmetrics-text; version=1.0.0; charset=utf-8');
      expect(zipped.headers['content-encoding']).toBe('gzip');
      const text = gunzipSync(zipped.body).toString();
      expect(text).toContain('product_events_total{event="signed_up",platform="web"} 1 # {user_id="');
      expect(text.endsWith('# EOF\n')).toBe(true);

      const plain = await get(server.url, {});
      expect(plain.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.body.toString()).toContain('product_events_total{event="signed_up",platform="web"} 1\n');

      expect((await get(server.url.replace('/metrics', '/other'), {})).status).toBe(404);
    } finally {
      await nowcast.shutdown();
    }
    await expect(get(server.url, {})).rejects.toThrow();
  });
});
