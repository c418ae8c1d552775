import type { IncomingMessage, ServerResponse } from 'node:http';
import { unknownRoute } from '../../contract/serviceFamilies';
import { credentialOf } from '../auth/credentials';
import { bodyEncodingOf, mediaTypeOf, type BodyEncoding } from '../body/contentHeaders';
import { discardBody, readBody, type BodyPlan } from '../body/readBody';
import { recordAll, rejectionMessage, type IngestRecord, type RecordOutcome } from '../ingestRecords';
import type { RequestBudget } from '../limits/inFlight';
import { exportResponseJson, exportResponseProto } from '../otlp/exportResponse';
import { decodeLogsJson } from '../otlp/logsJson';
import { decodeLogsProto } from '../otlp/logsProto';
import { Refusal, refuse } from '../refusal';
import { decodeSegment, segmentLimits, segmentRoutes, type SegmentRoute } from '../segment/segmentCalls';
import type { ServiceParts } from '../serviceParts';
import { send, sendRefusal, type RefusalStyle } from './reply';

/** The paths the service answers (also the values of the `route` label). */
export const paths = {
  otlpLogs: '/v1/logs',
  healthz: '/healthz',
  readyz: '/readyz',
} as const;

const segmentPaths = new Map<string, SegmentRoute>(segmentRoutes.map((route) => [`/v1/${route}`, route]));
const protobufTypes = new Set(['application/x-protobuf', 'application/protobuf']);
const segmentTypes = new Set(['application/json', 'text/plain', '']);

type IngestKind = 'otlp' | SegmentRoute;

const notFound = (parts: ServiceParts) =>
  new Refusal(
    'notFound',
    `not found: POST OTLP logs to ${paths.otlpLogs} or Segment calls to /v1/{${segmentRoutes.join(',')}}; ` +
      `scrape ${parts.metricsPath}`
  );

function unauthenticated(kind: IngestKind, res: ServerResponse): never {
  if (kind === 'otlp') {
    res.setHeader('WWW-Authenticate', 'Bearer realm="nowcast"');
    refuse('unauthenticated', 'missing or unknown bearer token; send Authorization: Bearer <token>');
  }
  res.setHeader('WWW-Authenticate', 'Basic realm="nowcast"');
  refuse('unauthenticated', 'missing or unknown write key; send it as HTTP basic auth (the write key as user name)');
}

function planFor(
  kind: IngestKind,
  encoding: BodyEncoding,
  parts: ServiceParts,
  onBytes: (n: number) => void,
  signal: AbortSignal
): BodyPlan {
  const { limits } = parts;
  if (kind === 'otlp') {
    return {
      signal,
      encoding,
      maxBytes: limits.maxBodyBytes,
      maxDecompressedBytes: limits.maxDecompressedBytes,
      onBytes,
      tooLarge: (what, limit) =>
        new Refusal(
          'tooLarge',
          what === 'sent'
            ? `request body larger than ${limit} bytes (limits.maxBodyBytes); send smaller batches`
            : `the body decompresses to more than ${limit} bytes (limits.maxDecompressedBytes); send smaller batches`
        ),
    };
  }
  // Segment documents its limits and answers 400 beyond them; its clients do not retry a 400.
  const limit = kind === 'batch' ? segmentLimits.batchBytes : segmentLimits.callBytes;
  return {
    signal,
    encoding,
    maxBytes: Math.min(limit, limits.maxBodyBytes),
    maxDecompressedBytes: Math.min(limit, limits.maxDecompressedBytes),
    onBytes,
    tooLarge: () =>
      new Refusal(
        'invalid',
        kind === 'batch'
          ? 'this batch is larger than 500 KB; a Segment batch is at most 500 KB'
          : 'this call is larger than 32 KB; a Segment call is at most 32 KB'
      ),
  };
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    refuse('invalid', 'the body is not valid JSON');
  }
}

function segmentAnswer(outcome: RecordOutcome): string {
  if (outcome.rejectedTotal === 0) return '{"success":true}';
  return JSON.stringify({ success: true, rejected: outcome.rejectedTotal, message: rejectionMessage(outcome) });
}

/** Receives, decodes and records one ingest request; any refusal is answered after the body is read. */
async function ingest(parts: ServiceParts, kind: IngestKind, route: string, req: IncomingMessage, res: ServerResponse) {
  const mediaType = mediaTypeOf(req.headers['content-type']);
  const protobuf = kind === 'otlp' && protobufTypes.has(mediaType);
  const style: RefusalStyle = kind !== 'otlp' ? 'segment' : protobuf ? 'otlpProto' : 'otlpJson';
  const onBytes = (bytes: number) => parts.metrics.receivedBytes(route, bytes);
  parts.cors.decorate(req, res);
  // The request is over when its connection closes, or when a stalled body was answered with 408.
  const over = new AbortController();
  res.on('close', () => over.abort());
  const timer = setTimeout(() => {
    if (res.headersSent) return;
    res.setHeader('Connection', 'close');
    res.on('finish', () => req.socket.destroy());
    const ms = parts.limits.bodyTimeoutMs;
    sendRefusal(
      res,
      new Refusal('timeout', `the request body did not arrive within ${ms} ms (limits.bodyTimeoutMs)`),
      style
    );
    over.abort();
  }, parts.limits.bodyTimeoutMs);
  let budget: RequestBudget | undefined;
  try {
    parts.lifecycle.admit();
    const credential = credentialOf(req.headers.authorization);
    // Browsers send Segment's write key in the body; it is checked once the body is decoded.
    const keyInBody = kind !== 'otlp' && credential === undefined;
    if (parts.ingestTokens.enabled && !keyInBody && !parts.ingestTokens.accepts(credential)) unauthenticated(kind, res);
    if (kind === 'otlp' ? !protobuf && mediaType !== 'application/json' : !segmentTypes.has(mediaType)) {
      refuse(
        'unsupported',
        kind === 'otlp'
          ? `send OTLP/HTTP logs as application/x-protobuf or application/json (got "${mediaType}")`
          : `send Segment calls as application/json (got "${mediaType}")`
      );
    }
    const encoding = bodyEncodingOf(req.headers['content-encoding']);
    if (encoding === undefined) {
      refuse(
        'unsupported',
        `Content-Encoding "${req.headers['content-encoding']}" is not supported; send identity, gzip or zstd`
      );
    }
    budget = parts.inFlight.enter();
    const body = await readBody(req, planFor(kind, encoding, parts, onBytes, over.signal), budget);
    const now = Date.now();
    let records: IngestRecord[];
    if (kind === 'otlp') {
      records = protobuf ? decodeLogsProto(body, parts.shape, now) : decodeLogsJson(parseJson(body), parts.shape, now);
    } else {
      const decoded = decodeSegment(kind, parseJson(body), body.length, parts.segment, now);
      if (keyInBody && parts.ingestTokens.enabled && !parts.ingestTokens.accepts(decoded.writeKey)) {
        unauthenticated(kind, res);
      }
      records = decoded.records;
    }
    // Everything was accepted: only now does anything count.
    const outcome = recordAll(parts.nowcast.pipeline, records);
    parts.metrics.rejectedRecords(outcome.rejected);
    if (kind !== 'otlp') send(res, 200, 'application/json', segmentAnswer(outcome));
    else if (protobuf) send(res, 200, 'application/x-protobuf', exportResponseProto(outcome));
    else send(res, 200, 'application/json', exportResponseJson(outcome));
  } catch (error) {
    await discardBody(req, over.signal, onBytes);
    // Anything but a refusal is a bug here; say so without its text, which may hold internals.
    const refusal =
      error instanceof Refusal
        ? error
        : new Refusal('internal', 'the service failed on this request; nothing of it was counted');
    sendRefusal(res, refusal, style);
  } finally {
    clearTimeout(timer);
    budget?.leave();
  }
}

async function answerWithoutBody(req: IncomingMessage, res: ServerResponse, refusal: Refusal): Promise<void> {
  await discardBody(req);
  sendRefusal(res, refusal, 'plain');
}

/** The request listener for node:http or node:https. */
export function createRequestHandler(parts: ServiceParts): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const path = (req.url ?? '/').split('?', 1)[0] ?? '/';
    const segmentRoute = segmentPaths.get(path);
    const kind: IngestKind | undefined = path === paths.otlpLogs ? 'otlp' : segmentRoute;
    const known = kind !== undefined || path === parts.metricsPath || path === paths.healthz || path === paths.readyz;
    const route = known ? path : unknownRoute;
    res.on('finish', () => parts.metrics.answered(route, res.statusCode));
    if (!parts.lifecycle.ready) res.setHeader('Connection', 'close');
    const method = req.method ?? 'GET';

    if (kind !== undefined) {
      if (method === 'POST') {
        void ingest(parts, kind, route, req, res);
      } else if (method === 'OPTIONS') {
        parts.cors.preflight(req, res);
      } else {
        res.setHeader('Allow', 'POST');
        void answerWithoutBody(req, res, new Refusal('wrongMethod', `${path} takes POST`));
      }
      return;
    }
    if (!known || (method !== 'GET' && method !== 'HEAD')) {
      void answerWithoutBody(req, res, known ? new Refusal('wrongMethod', `${path} takes GET`) : notFound(parts));
      return;
    }
    if (path === paths.healthz) {
      send(res, 200, 'text/plain; charset=utf-8', 'ok\n');
    } else if (path === paths.readyz) {
      const ready = parts.lifecycle.ready;
      send(res, ready ? 200 : 503, 'text/plain; charset=utf-8', ready ? 'ready\n' : 'draining: shutting down\n');
    } else if (parts.metricsTokens.enabled && !parts.metricsTokens.accepts(credentialOf(req.headers.authorization))) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="nowcast-metrics"');
      sendRefusal(res, new Refusal('unauthenticated', 'scraping needs a metrics bearer token'), 'plain');
    } else {
      parts.metricsHandler(req, res);
    }
  };
}
