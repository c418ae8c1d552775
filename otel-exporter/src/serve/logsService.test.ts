import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request } from 'node:https';
import { join } from 'node:path';
import { credentials } from '@grpc/grpc-js';
import { productMetricNames } from '../contract/families';
import { serviceFamilies } from '../contract/serviceFamilies';
import { createNowcast, type Nowcast } from '../nowcast';
import { loadShopSpec } from '../testing/fixtures';
import { collectSamples, sumOf } from '../testing/samples';
import { startLogsService, type LogsService } from './logsService';
import { lengthDelimitedField } from './otlp/protoWriter';
import { LogsExportClient } from './testing/grpcExport';

const names = productMetricNames('product');
const fixtures = join(__dirname, 'testing/fixtures');

/** An ExportLogsServiceRequest (protobuf) of one `signed_up` record per user id. */
function signedUp(userIds: readonly string[]): Buffer {
  const records = userIds.map((id) => {
    const keyValue = Buffer.concat([
      lengthDelimitedField(1, 'user.id'),
      lengthDelimitedField(2, lengthDelimitedField(1, id)),
    ]);
    return lengthDelimitedField(
      2,
      Buffer.concat([lengthDelimitedField(6, keyValue), lengthDelimitedField(12, 'signed_up')])
    );
  });
  return lengthDelimitedField(1, lengthDelimitedField(2, Buffer.concat(records)));
}

const post = (url: string, body: Buffer) =>
  fetch(`${url}/v1/logs`, { method: 'POST', headers: { 'Content-Type': 'application/x-protobuf' }, body });

describe('the standalone service', () => {
  let nowcast: Nowcast;
  let service: LogsService;

  beforeEach(async () => {
    nowcast = createNowcast({ spec: await loadShopSpec(), sweepIntervalMs: 0 });
  });

  afterEach(async () => {
    await service?.close();
    await nowcast.shutdown();
  });

  it('counts protobuf requests and answers an empty ExportLogsServiceResponse', async () => {
    service = await startLogsService(nowcast, { port: 0 });
    const answer = await post(service.url, signedUp(['u1', 'u2']));
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('application/x-protobuf');
    expect((await answer.arrayBuffer()).byteLength).toBe(0);
    expect(sumOf(collectSamples(nowcast.pipeline), names.events, { event: 'signed_up' })).toBe(2);
  });

  it('exposes its own metrics after the exporter families, with health and readiness', async () => {
    service = await startLogsService(nowcast, { port: 0 });
    await post(service.url, signedUp(['u1']));
    await fetch(`${service.url}/nope`);
    const text = await (await fetch(`${service.url}/metrics`)).text();
    expect(text).toContain(`${serviceFamilies.requests.name}{route="/v1/logs",code="200"} 1\n`);
    expect(text).toContain(`${serviceFamilies.requests.name}{route="other",code="404"} 1\n`);
    expect(text).toMatch(new RegExp(`${serviceFamilies.receivedBytes.name}\\{route="/v1/logs"\\} \\d+\\n`));
    const openMetrics = await (
      await fetch(`${service.url}/metrics`, { headers: { Accept: 'application/openmetrics-text; version=1.0.0' } })
    ).text();
    expect(openMetrics.match(/# EOF/g)).toHaveLength(1);
    expect(openMetrics.endsWith('# EOF\n')).toBe(true);
    expect(openMetrics.indexOf(names.events)).toBeLessThan(openMetrics.indexOf(serviceFamilies.requests.otelName));
    expect((await fetch(`${service.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${service.url}/readyz`)).status).toBe(200);
  });

  it('drains: in-flight requests finish, new ones get 503, /readyz fails, /metrics stays up for the grace', async () => {
    service = await startLogsService(nowcast, { port: 0, drainGraceMs: 600 });
    const body = signedUp(['early']);
    // A request whose body is still arriving when the drain begins.
    const inFlight = new Promise<number>((resolve) => {
      const req = httpRequest(
        `${service.url}/v1/logs`,
        { method: 'POST', headers: { 'Content-Type': 'application/x-protobuf', 'Content-Length': body.length } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        }
      );
      req.write(body.subarray(0, 5));
      setTimeout(() => req.end(body.subarray(5)), 300);
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = Date.now();
    const drained = service.drain();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const refused = await post(service.url, signedUp(['late']));
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect((await fetch(`${service.url}/readyz`)).status).toBe(503);
    expect(await inFlight).toBe(200);
    expect((await fetch(`${service.url}/metrics`)).status).toBe(200);
    await drained;
    expect(Date.now() - started).toBeGreaterThanOrEqual(600 + 200);
    const samples = collectSamples(nowcast.pipeline);
    expect(sumOf(samples, names.events, { event: 'signed_up' })).toBe(1);
    await expect(fetch(`${service.url}/healthz`)).rejects.toThrow();
  });

  it('serves HTTPS and gRPC over TLS with the given certificate', async () => {
    service = await startLogsService(nowcast, {
      port: 0,
      grpcPort: 0,
      tls: { certFile: join(fixtures, 'localhost.crt'), keyFile: join(fixtures, 'localhost.key') },
      ingestTokens: { tokens: ['tls-token'] },
    });
    expect(service.url).toMatch(/^https:/);
    const ca = readFileSync(join(fixtures, 'localhost.crt'));
    const status = await new Promise<number>((resolve, reject) => {
      const body = signedUp(['https-user']);
      const req = request(
        `${service.url}/v1/logs`,
        {
          method: 'POST',
          ca,
          headers: { 'Content-Type': 'application/x-protobuf', Authorization: 'Bearer tls-token' },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        }
      );
      req.on('error', reject);
      req.end(body);
    });
    expect(status).toBe(200);

    const client = new LogsExportClient(
      `localhost:${service.grpcAddress?.split(':').pop()}`,
      credentials.createSsl(ca)
    );
    expect(await client.export(signedUp(['grpc-user']), 'tls-token')).toBeNull();
    expect((await client.export(signedUp(['grpc-user'])))?.code).toBe(16);
    client.close();
    expect(sumOf(collectSamples(nowcast.pipeline), names.events, { event: 'signed_up' })).toBe(2);
  });
});
