import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { gunzip } from 'node:zlib';
import { selfFamilies } from '../contract/families';
import { labelNames } from '../contract/labels';
import { listenOn, type ListenOptions, type MetricsServer } from '../expose/listen';
import type { Nowcast } from '../nowcast';
import { forEachLogRecord } from './otlpJsonLogs';

/** Largest request body accepted (decompressed), like a Collector's default batch many times over. */
const maxBodyBytes = 16 * 1024 * 1024;

function reply(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json');
  res.end(JSON.stringify(body));
}

function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBodyBytes) {
        resolve(undefined);
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function decompress(body: Buffer, encoding: string | undefined): Promise<Buffer> {
  if (encoding !== 'gzip') return Promise.resolve(body);
  return new Promise((resolve, reject) =>
    gunzip(body, { maxOutputLength: maxBodyBytes }, (error, out) => (error ? reject(error) : resolve(out)))
  );
}

async function receiveLogs(nowcast: Nowcast, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim();
  if (type !== 'application/json') {
    reply(res, 415, { error: `send OTLP/HTTP logs as application/json (got "${type}"); protobuf is not supported` });
    return;
  }
  const raw = await readBody(req);
  if (raw === undefined) {
    reply(res, 413, { error: `request body larger than ${maxBodyBytes} bytes; lower the exporter's batch size` });
    return;
  }
  let body: unknown;
  try {
    body = JSON.parse((await decompress(raw, req.headers['content-encoding'])).toString('utf8'));
  } catch (error) {
    reply(res, 400, { error: `not a readable OTLP JSON body: ${(error as Error).message}` });
    return;
  }
  let rejected = 0;
  const problem = forEachLogRecord(body, Date.now(), (record) => {
    // Ordinary logs (no event name) are accepted and ignored, as the in-process processor does.
    if (record.name === undefined) return;
    if (
      nowcast.pipeline.record(record.name, record.attributes, record.timestampMs, record.traceId, record.spanId) !==
      undefined
    ) {
      rejected++;
    }
  });
  if (problem !== undefined) {
    reply(res, 400, { error: problem });
    return;
  }
  reply(
    res,
    200,
    rejected === 0
      ? {}
      : {
          partialSuccess: {
            rejectedLogRecords: String(rejected),
            errorMessage: `some events were dropped; see ${selfFamilies.dropped.name} by ${labelNames.reason}`,
          },
        }
  );
}

/**
 * The standalone service: `POST /v1/logs` takes OTLP/HTTP JSON logs (from a Collector routing by
 * user, so funnels stay exact), `GET /metrics` serves them to Prometheus.
 */
export function startLogsService(nowcast: Nowcast, options: ListenOptions): Promise<MetricsServer> {
  const server = createServer((req, res) => {
    const path = req.url?.split('?')[0];
    if (path === '/v1/logs' && req.method === 'POST') {
      receiveLogs(nowcast, req, res).catch((error: unknown) => reply(res, 500, { error: String(error) }));
      return;
    }
    if (path === (options.path ?? '/metrics') && (req.method === 'GET' || req.method === 'HEAD')) {
      nowcast.metricsHandler(req, res);
      return;
    }
    reply(res, 404, { error: 'POST OTLP logs to /v1/logs; scrape /metrics' });
  });
  return listenOn(server, options, '');
}
