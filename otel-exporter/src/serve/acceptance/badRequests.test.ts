import { readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { createGzip, gzipSync } from 'node:zlib';
import { productMetricNames } from '../../contract/families';
import { createNowcast, type Nowcast } from '../../nowcast';
import { loadSpec } from '../../spec/load';
import { type AnalyticsSpec } from '../../spec/model';
import { startLogsService } from '../logsService';
import { collectSamples, sumOf } from '../../testing/samples';
import { tempDir } from '@nowcast/test-support';
import { send, type Answer } from '../testing/http';
import { exportBody, exportRequest, keyValue, logRecordOf, stringAttribute } from '../testing/otlpJson';
import { shopTraffic } from '../testing/shopTraffic';

/**
 * Every way a request can be wrong gets its status and a message that says what to change, and
 * costs nothing else: the good requests sent around it are all counted, and a refused request
 * counts none of its records.
 */
jest.setTimeout(60_000);

const names = productMetricNames('product');
const token = 'bad-requests-ingest-token';
const scrapeToken = 'bad-requests-scrape-token';
const fixtures = join(__dirname, '../testing/fixtures');
const mib = 1024 * 1024;

describe('bad requests to the service', () => {
  let spec: AnalyticsSpec;
  let nowcast: Nowcast;
  let service: Awaited<ReturnType<typeof startLogsService>>;
  const tokens = tempDir('nowcast-tokens');
  const tokenFile = join(tokens.path, 'ingest-tokens');
  /** Events of the good requests sent so far: all of them must be counted. */
  let goodEvents = 0;
  let goodRound = 0;

  beforeAll(async () => {
    spec = await loadSpec(join(__dirname, '../../../../examples/shop/analytics.yaml'));
    writeFileSync(tokenFile, `# one token a line\n${token}\n`);
    nowcast = createNowcast({ spec, sweepIntervalMs: 0 });
    service = await startLogsService(nowcast, {
      port: 0,
      ingestTokens: { file: tokenFile },
      metricsTokens: { tokens: [scrapeToken] },
      corsOrigins: ['https://shop.example.com'],
      limits: {
        maxBodyBytes: 4 * mib,
        maxDecompressedBytes: 8 * mib,
        maxInFlightRequests: 4,
        maxInFlightBytes: 12 * mib,
        bodyTimeoutMs: 1500,
        headersTimeoutMs: 1500,
      },
    });
  });

  afterAll(async () => {
    await service?.close();
    await nowcast?.shutdown();
    tokens.remove();
  });

  const counted = () => sumOf(collectSamples(nowcast.pipeline), names.events);
  const json = { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` };
  const logs = () => `${service.url}/v1/logs`;

  /** A good request; every test sends one after its bad one, and all of them must count. */
  async function good(): Promise<void> {
    const events = shopTraffic(`good-${goodRound++}`, 2);
    const answer = await send(logs(), { headers: json, body: exportBody(events) });
    expect(answer).toMatchObject({ status: 200, body: '{}' });
    goodEvents += events.length;
    expect(counted()).toBe(goodEvents);
  }

  function expectRefused(answer: Answer, status: number, message: RegExp): void {
    expect(answer.error).toBeUndefined();
    expect(answer.status).toBe(status);
    expect(answer.body).toMatch(message);
    // Never an internal detail: no stack frames, no Node error codes.
    expect(answer.body).not.toMatch(/\n\s+at |ERR_|TypeError|RangeError|Unexpected token/);
  }

  it('counts a good request', async () => {
    await good();
  });

  describe('authentication', () => {
    it('refuses a missing or wrong bearer token with 401', async () => {
      const body = exportBody(shopTraffic('no-auth', 1));
      const missing = await send(logs(), { headers: { 'Content-Type': 'application/json' }, body });
      expectRefused(missing, 401, /bearer token/i);
      expect(missing.headers['www-authenticate']).toMatch(/^Bearer/);
      const wrong = await send(logs(), { headers: { ...json, Authorization: 'Bearer not-a-token' }, body });
      expectRefused(wrong, 401, /bearer token/i);
      await good();
    });

    it('takes a rotated token file without a restart', async () => {
      writeFileSync(tokenFile, 'rotated-token\n');
      const deadline = Date.now() + 5000;
      const body = exportBody(shopTraffic('rotated', 1));
      let answer = await send(logs(), { headers: { ...json, Authorization: 'Bearer rotated-token' }, body });
      while (answer.status !== 200 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        answer = await send(logs(), { headers: { ...json, Authorization: 'Bearer rotated-token' }, body });
      }
      expect(answer.status).toBe(200);
      goodEvents += 2;
      expectRefused(await send(logs(), { headers: json, body }), 401, /bearer token/i);
      writeFileSync(tokenFile, `${token}\n`);
      while ((await send(logs(), { headers: json, body: '{}' })).status !== 200) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      await good();
    });

    it('guards /metrics with its own tokens', async () => {
      expect((await send(`${service.url}/metrics`, { method: 'GET' })).status).toBe(401);
      expect(
        (await send(`${service.url}/metrics`, { method: 'GET', headers: { Authorization: `Bearer ${token}` } })).status
      ).toBe(401);
      const scrape = await send(`${service.url}/metrics`, {
        method: 'GET',
        headers: { Authorization: `Bearer ${scrapeToken}` },
      });
      expect(scrape.status).toBe(200);
      expect(scrape.body).toContain(`${names.events}{`);
    });
  });

  describe('headers', () => {
    it('matches Content-Type and Content-Encoding case-insensitively, as HTTP says', async () => {
      const events = shopTraffic('cased', 2);
      const answer = await send(logs(), {
        headers: { ...json, 'Content-Type': 'Application/JSON; Charset=UTF-8', 'Content-Encoding': 'GZip' },
        body: gzipSync(exportBody(events)),
      });
      expect(answer).toMatchObject({ status: 200, body: '{}' });
      goodEvents += events.length;
      await good();
    });

    it('takes zstd (the bytes the zstd 1.5 CLI writes)', async () => {
      const answer = await send(logs(), {
        headers: { ...json, 'Content-Encoding': 'zstd' },
        body: readFileSync(join(fixtures, 'logs.json.zst')),
      });
      expect(answer).toMatchObject({ status: 200, body: '{}' });
      goodEvents += 3;
      await good();
    });

    it('answers 415 for a media type or encoding it does not speak, naming the ones it does', async () => {
      const body = exportBody(shopTraffic('media', 1));
      expectRefused(
        await send(logs(), { headers: { ...json, 'Content-Type': 'text/xml' }, body }),
        415,
        /application\/x-protobuf.*application\/json/
      );
      expectRefused(await send(logs(), { headers: { ...json, 'Content-Encoding': 'br' }, body }), 415, /gzip.*zstd/);
      await good();
    });

    it('answers 404 for an unknown path and 405 for a wrong method', async () => {
      expect((await send(`${service.url}/v1/traces`, { headers: json, body: '{}' })).status).toBe(404);
      const get = await send(logs(), { method: 'GET', headers: json });
      expect(get.status).toBe(405);
      expect(get.headers.allow).toBe('POST');
      await good();
    });
  });

  describe('bodies', () => {
    it('says a body is not JSON without echoing the parser', async () => {
      expectRefused(await send(logs(), { headers: json, body: '{"resourceLogs": [' }), 400, /not valid JSON/);
      await good();
    });

    it('refuses a batch with an attribute nested 20,000 deep, counting none of it, and says why', async () => {
      // Written as text: JSON.stringify itself cannot go 20,000 deep.
      const deep = `${'{"kvlistValue":{"values":[{"key":"nested","value":'.repeat(20_000)}{"stringValue":"bottom"}${'}]}}'.repeat(20_000)}`;
      const records = shopTraffic('deep', 20).map((event) => logRecordOf(event));
      records.splice(25, 0, {
        eventName: 'page_viewed',
        attributes: [stringAttribute('user.id', 'x'), keyValue('deep', 'DEEP')],
      });
      const body = JSON.stringify(exportRequest(records)).replace('"DEEP"', deep);
      const answer = await send(logs(), { headers: json, body });
      expectRefused(answer, 400, /logRecords\[25\].*nested deeper than \d+ levels/);
      expect(counted()).toBe(goodEvents);
      await good();
    });

    it('refuses a record with more attributes than allowed', async () => {
      const attributes = Array.from({ length: 200 }, (_, i) => stringAttribute(`a${i}`, 'x'));
      const answer = await send(logs(), {
        headers: json,
        body: JSON.stringify(
          exportRequest([{ eventName: 'page_viewed', attributes: [stringAttribute('user.id', 'x'), ...attributes] }])
        ),
      });
      expectRefused(answer, 400, /logRecords\[0\].*201 attributes.*at most 128/);
      await good();
    });

    it('answers a 50 MB body with a 413 the client receives (no reset), then takes the next request', async () => {
      const chunk = Buffer.alloc(mib, 0x20);
      const answer = await send(logs(), {
        headers: { ...json, 'Content-Length': 50 * mib },
        body: Array.from({ length: 50 }, () => chunk),
      });
      expectRefused(answer, 413, /larger than 4194304 bytes/);
      const chunked = await send(logs(), { headers: json, body: Array.from({ length: 50 }, () => chunk) });
      expectRefused(chunked, 413, /larger than 4194304 bytes/);
      await good();
    });

    it('stops a gzip bomb at the decompressed limit (413)', async () => {
      const zeros = Buffer.alloc(mib);
      const bomb = await new Promise<Buffer>((resolve, reject) => {
        const parts: Buffer[] = [];
        const gzip = createGzip({ level: 9 });
        gzip.on('data', (part: Buffer) => parts.push(part));
        gzip.on('end', () => resolve(Buffer.concat(parts)));
        gzip.on('error', reject);
        Readable.from(Array.from({ length: 1024 }, () => zeros)).pipe(gzip);
      });
      expect(bomb.length).toBeLessThan(2 * mib);
      const answer = await send(logs(), { headers: { ...json, 'Content-Encoding': 'gzip' }, body: bomb });
      expectRefused(answer, 413, /decompresses to more than 8388608 bytes/);
      await good();
    });

    it('stops a zstd bomb before inflating it (413)', async () => {
      // One frame of RLE blocks: 4 bytes each that expand to 128 KiB each (RFC 8878 §3.1.1.2).
      const header = Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x00, 0x58]);
      const block = (last: boolean) => {
        const value = 128 * 1024 * 8 + (1 << 1) + (last ? 1 : 0);
        return Buffer.from([value & 0xff, (value >> 8) & 0xff, (value >> 16) & 0xff, 0x20]);
      };
      const blocks = Array.from({ length: 100_000 }, (_, i) => block(i === 99_999));
      const answer = await send(logs(), {
        headers: { ...json, 'Content-Encoding': 'zstd' },
        body: Buffer.concat([header, ...blocks]),
      });
      expectRefused(answer, 413, /decompresses to more than 8388608 bytes/);
      await good();
    });
  });

  describe('load and time', () => {
    it('answers 429 with Retry-After beyond the in-flight request limit', async () => {
      const held = Array.from({ length: 4 }, () =>
        send(logs(), { headers: { ...json, 'Content-Length': 100 }, body: Buffer.from('{'), hold: true })
      );
      await new Promise((resolve) => setTimeout(resolve, 200));
      const refused = await send(logs(), { headers: json, body: exportBody(shopTraffic('busy', 1)) });
      expectRefused(refused, 429, /in flight/);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      // The held requests time out on their own (408) and free their places.
      for (const answer of await Promise.all(held)) expect(answer.status).toBe(408);
      await good();
    });

    it('answers 503 with Retry-After when the bytes in flight would pass the limit', async () => {
      // Three bodies of the largest size on their way take the 12 MiB in flight.
      const held = Array.from({ length: 3 }, () =>
        send(logs(), { headers: { ...json, 'Content-Length': 4 * mib }, body: Buffer.from('{'), hold: true })
      );
      await new Promise((resolve) => setTimeout(resolve, 200));
      const body = Buffer.from(exportBody(shopTraffic('no-room', 1)));
      const refused = await send(logs(), { headers: { ...json, 'Content-Length': body.length }, body });
      expectRefused(refused, 503, /bytes in flight/);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      for (const answer of await Promise.all(held)) expect(answer.status).toBe(408);
      await good();
    });

    it('closes a connection that never finishes its headers (408)', async () => {
      const port = new URL(service.url).port;
      const reply = await new Promise<string>((resolve) => {
        const socket = connect(Number(port), '127.0.0.1', () => socket.write('POST /v1/logs HTTP/1.1\r\nHost: x\r\n'));
        let text = '';
        socket.on('data', (data: Buffer) => (text += data.toString()));
        socket.on('close', () => resolve(text));
        socket.on('error', () => resolve(text));
      });
      expect(reply).toMatch(/^HTTP\/1\.1 408/);
      await good();
    });
  });

  describe('Segment', () => {
    const basic = (writeKey: string) => `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}`;
    const segment = (path: string, body: unknown, headers: Record<string, string> = { Authorization: basic(token) }) =>
      send(`${service.url}${path}`, {
        headers: { 'Content-Type': 'application/json', ...headers },
        body: JSON.stringify(body),
      });

    it('takes the write key as HTTP basic auth (or in the body) and refuses calls without one', async () => {
      const track = { userId: 'seg-1', event: 'signed_up', properties: { platform: 'web' } };
      expectRefused(await segment('/v1/track', track, {}), 401, /write key/);
      expect(await segment('/v1/track', track)).toMatchObject({ status: 200, body: '{"success":true}' });
      expect(await segment('/v1/track', { ...track, writeKey: token }, {})).toMatchObject({ status: 200 });
      goodEvents += 2;
      await good();
    });

    it('refuses a call over 32 KB and a batch over 500 KB as Segment does (400)', async () => {
      const big = { userId: 'seg-2', event: 'signed_up', properties: { platform: 'web', note: 'x'.repeat(33 * 1024) } };
      expectRefused(await segment('/v1/track', big), 400, /32 KB/);
      const batch = Array.from({ length: 20 }, () => ({
        ...big,
        type: 'track',
        properties: { note: 'x'.repeat(30 * 1024) },
      }));
      expectRefused(await segment('/v1/batch', { batch }), 400, /500 KB/);
      const oneTooBig = [
        { type: 'track', userId: 'seg-3', event: 'signed_up' },
        { ...big, type: 'track' },
      ];
      expectRefused(await segment('/v1/batch', { batch: oneTooBig }), 400, /batch\[1\].*32 KB/);
      expect(counted()).toBe(goodEvents);
      await good();
    });

    it('answers CORS preflights for allowed origins only', async () => {
      const preflight = (origin: string) =>
        send(`${service.url}/v1/batch`, {
          method: 'OPTIONS',
          headers: {
            Origin: origin,
            'Access-Control-Request-Method': 'POST',
            'Access-Control-Request-Headers': 'content-type, authorization',
          },
        });
      const allowed = await preflight('https://shop.example.com');
      expect(allowed.status).toBe(204);
      expect(allowed.headers['access-control-allow-origin']).toBe('https://shop.example.com');
      expect(allowed.headers['access-control-allow-headers']).toMatch(/authorization/i);
      const other = await preflight('https://evil.example.com');
      expect(other.status).toBe(403);
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
      await good();
    });
  });

  it('counted every good request and nothing else', () => {
    expect(counted()).toBe(goodEvents);
  });
});
