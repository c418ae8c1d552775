/*
 * Sends the scripted shop traffic through one real client library, in its own process (the OTLP
 * HTTP exporters load `http` with a dynamic import, which jest's sandbox refuses). Prints what the
 * client saw acknowledged as JSON: `{ "acked": n, "failed": m }`.
 *
 * NOWCAST_CLIENT: proto | json | grpc | segment; NOWCAST_HTTP_URL, NOWCAST_GRPC_ADDRESS,
 * NOWCAST_TOKEN (bearer token or Segment write key), NOWCAST_PREFIX (user id prefix), NOWCAST_USERS.
 */
import { Metadata } from '@grpc/grpc-js';
import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import { OTLPLogExporter as GrpcExporter } from '@opentelemetry/exporter-logs-otlp-grpc';
import { OTLPLogExporter as JsonExporter } from '@opentelemetry/exporter-logs-otlp-http';
import { OTLPLogExporter as ProtoExporter } from '@opentelemetry/exporter-logs-otlp-proto';
import { CompressionAlgorithm } from '@opentelemetry/otlp-exporter-base';
import {
  BatchLogRecordProcessor,
  LoggerProvider,
  type LogRecordExporter,
  type ReadableLogRecord,
} from '@opentelemetry/sdk-logs';
import { Analytics } from '@segment/analytics-node';
import { recordAttributes, shopTraffic, type ScriptedEvent } from '../testing/shopTraffic';

const env = (name: string): string => {
  const value = process.env[name];
  if (value === undefined) throw new Error(`${name} is not set`);
  return value;
};

const tally = { acked: 0, failed: 0 };

/** Counts what the real exporter reports as exported, batch by batch. */
class CountingExporter implements LogRecordExporter {
  constructor(private readonly inner: LogRecordExporter) {}

  export(logs: ReadableLogRecord[], done: (result: ExportResult) => void): void {
    this.inner.export(logs, (result) => {
      if (result.code === ExportResultCode.SUCCESS) tally.acked += logs.length;
      else tally.failed += logs.length;
      done(result);
    });
  }

  shutdown(): Promise<void> {
    return this.inner.shutdown();
  }

  forceFlush(): Promise<void> {
    return this.inner.forceFlush?.() ?? Promise.resolve();
  }
}

function exporterFor(client: string, token: string): LogRecordExporter {
  const headers = { Authorization: `Bearer ${token}` };
  switch (client) {
    case 'proto':
      // The proto exporter gzips here, as the Collector's otlphttp exporter does by default.
      return new ProtoExporter({
        url: `${env('NOWCAST_HTTP_URL')}/v1/logs`,
        headers,
        compression: CompressionAlgorithm.GZIP,
      });
    case 'json':
      return new JsonExporter({ url: `${env('NOWCAST_HTTP_URL')}/v1/logs`, headers });
    case 'grpc': {
      const metadata = new Metadata();
      metadata.set('authorization', `Bearer ${token}`);
      return new GrpcExporter({ url: `http://${env('NOWCAST_GRPC_ADDRESS')}`, metadata });
    }
    default:
      throw new Error(`unknown client ${client}`);
  }
}

async function sendThroughOtel(client: string, token: string, events: readonly ScriptedEvent[]): Promise<void> {
  const provider = new LoggerProvider({
    processors: [
      new BatchLogRecordProcessor({
        exporter: new CountingExporter(exporterFor(client, token)),
        maxExportBatchSize: 100,
        scheduledDelayMillis: 50,
      }),
    ],
  });
  const logger = provider.getLogger('shop');
  for (const event of events) logger.emit({ eventName: event.name, attributes: recordAttributes(event) });
  await provider.forceFlush();
  await provider.shutdown();
}

/** Segment's calls: `page` for page views, `identify` when a visitor signs in, `track` for the rest. */
async function sendThroughSegment(token: string, events: readonly ScriptedEvent[]): Promise<void> {
  const analytics = new Analytics({ writeKey: token, host: env('NOWCAST_HTTP_URL'), flushAt: 50, maxRetries: 0 });
  analytics.on('http_response', ({ status, body }) => {
    // Identify calls link ids; only the other messages are events.
    const { batch } = JSON.parse(String(body)) as { batch: { type: string }[] };
    const sent = batch.filter((message) => message.type !== 'identify').length;
    if (status >= 200 && status < 300) tally.acked += sent;
    else tally.failed += sent;
  });
  for (const event of events) {
    if (event.name === 'page_viewed' && event.anonymousId !== undefined) {
      analytics.page({ anonymousId: event.anonymousId, name: 'home', properties: event.properties });
      analytics.identify({ anonymousId: event.anonymousId, userId: event.anonymousId.replace('visitor', 'user') });
    } else if (event.userId !== undefined) {
      analytics.track({ userId: event.userId, event: event.name, properties: event.properties });
    }
  }
  await analytics.closeAndFlush({ timeout: 20_000 });
}

async function main(): Promise<void> {
  const client = env('NOWCAST_CLIENT');
  const events = shopTraffic(env('NOWCAST_PREFIX'), Number(env('NOWCAST_USERS')));
  if (client === 'segment') await sendThroughSegment(env('NOWCAST_TOKEN'), events);
  else await sendThroughOtel(client, env('NOWCAST_TOKEN'), events);
  process.stdout.write(JSON.stringify(tally));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
