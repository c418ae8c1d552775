/*
 * npm run bench -w otel-exporter (after the in-process benchmarks): the ingest service beside a
 * bare server that reads and parses the same bodies and answers 200, in the same process and run,
 * taking turns. OTLP/HTTP protobuf, OTLP/HTTP JSON and OTLP/gRPC, batches of 100 and 1,000 events.
 * Throughput is each subject's best of five rounds; p50/p99 are that round's.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { InMemoryLogRecordExporter, LoggerProvider, SimpleLogRecordProcessor } from '@opentelemetry/sdk-logs';
import type * as Transformer from '@opentelemetry/otlp-transformer';
import { productMetricNames } from '../../contract/families';
import { createNowcast } from '../../nowcast';
import { startLogsService } from '../../serve/logsService';
import { recordAttributes, shopTraffic } from '../../serve/testing/shopTraffic';
import { loadSpec } from '../../spec/load';
import { formatRow } from '../measure';
import { startBareGrpc, startBareHttp } from './bareServers';
import { grpcSender, httpSender, runLoad, type LoadResult, type Send } from './load';

// The serializer the real OTLP exporters use (their own @opentelemetry/otlp-transformer).
const fromExporter = createRequire(require.resolve('@opentelemetry/exporter-logs-otlp-proto'));
const { JsonLogsSerializer, ProtobufLogsSerializer } = fromExporter(
  '@opentelemetry/otlp-transformer'
) as typeof Transformer;

const shopSpec = join(__dirname, '../../../../examples/shop/analytics.yaml');
const concurrency = 8;
const eventsPerRound = 40_000;
const rounds = 5;
const target = 0.8;

/** The bodies an SDK sends for `count` scripted shop events: protobuf and JSON. */
async function bodies(count: number): Promise<{ proto: Buffer; json: Buffer }> {
  const memory = new InMemoryLogRecordExporter();
  const provider = new LoggerProvider({ processors: [new SimpleLogRecordProcessor({ exporter: memory })] });
  const logger = provider.getLogger('bench');
  for (const event of shopTraffic(`bench${count}`, count).slice(0, count)) {
    logger.emit({ eventName: event.name, attributes: recordAttributes(event) });
  }
  await provider.forceFlush();
  const records = memory.getFinishedLogRecords();
  await provider.shutdown();
  return {
    proto: Buffer.from(ProtobufLogsSerializer.serializeRequest(records) ?? []),
    json: Buffer.from(JsonLogsSerializer.serializeRequest(records) ?? []),
  };
}

/** Sum of the events counter in an exposition. */
function eventsCounted(exposition: string, metric: string): number {
  let total = 0;
  for (const line of exposition.split('\n')) {
    if (line.startsWith(`${metric}{`)) total += Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return total;
}

const widths = [40, 12, 10, 10, 10];
const print = (cells: string[]) => console.log(formatRow(cells, widths));

async function main(): Promise<void> {
  const spec = await loadSpec(shopSpec);
  const nowcast = createNowcast({ spec, sweepIntervalMs: 0 });
  const service = await startLogsService(nowcast, { port: 0, grpcPort: 0 });
  const [bareHttp, bareGrpc] = await Promise.all([startBareHttp(), startBareGrpc()]);
  let acknowledged = 0;
  let failed = 0;
  const misses: string[] = [];

  console.log(
    `\nIngest service beside a bare server parsing the same bodies (${concurrency} concurrent senders, best of ${rounds} rounds)`
  );
  print(['subject', 'events/s', 'vs bare', 'p50 ms', 'p99 ms']);
  for (const batch of [100, 1000]) {
    const { proto, json } = await bodies(batch);
    const cases: {
      name: string;
      service: () => ReturnType<typeof httpSender>;
      bare: () => ReturnType<typeof httpSender>;
    }[] = [
      {
        name: `OTLP/HTTP protobuf, batch ${batch}`,
        service: () => httpSender(service.url, proto, 'application/x-protobuf'),
        bare: () => httpSender(bareHttp.address, proto, 'application/x-protobuf'),
      },
      {
        name: `OTLP/HTTP JSON, batch ${batch}`,
        service: () => httpSender(service.url, json, 'application/json'),
        bare: () => httpSender(bareHttp.address, json, 'application/json'),
      },
      {
        name: `OTLP/gRPC, batch ${batch}`,
        service: () => grpcSender(service.grpcAddress ?? '', proto),
        bare: () => grpcSender(bareGrpc.address, proto),
      },
    ];
    for (const subject of cases) {
      const senders = { service: subject.service(), bare: subject.bare() };
      const best: Record<'service' | 'bare', LoadResult | undefined> = { service: undefined, bare: undefined };
      const requests = eventsPerRound / batch;
      for (let round = 0; round < rounds; round++) {
        for (const side of ['bare', 'service'] as const) {
          const send: Send = senders[side].send;
          const result = await runLoad(send, requests, batch, concurrency);
          if (side === 'service') {
            acknowledged += result.acknowledged;
            failed += result.failed;
          }
          if (best[side] === undefined || result.eventsPerSecond > (best[side]?.eventsPerSecond ?? 0)) {
            best[side] = result;
          }
        }
      }
      senders.service.close();
      senders.bare.close();
      const [ours, bare] = [best.service, best.bare];
      if (ours === undefined || bare === undefined) continue;
      const ratio = ours.eventsPerSecond / bare.eventsPerSecond;
      if (ratio < target) misses.push(`${subject.name}: ${ratio.toFixed(2)}× (target ≥ ${target}×)`);
      print([
        `service: ${subject.name}`,
        ours.eventsPerSecond.toFixed(0),
        `${ratio.toFixed(2)}×`,
        ours.p50Ms.toFixed(2),
        ours.p99Ms.toFixed(2),
      ]);
      print([
        `bare:    ${subject.name}`,
        bare.eventsPerSecond.toFixed(0),
        '1.00×',
        bare.p50Ms.toFixed(2),
        bare.p99Ms.toFixed(2),
      ]);
    }
  }

  // A scraper sees each new series at 0 once before its value (expose/firstExposure.ts): scrape twice.
  const scrape = () => fetch(`${service.url}/metrics`).then((response) => response.text());
  await scrape();
  const exposition = await scrape();
  const counted = eventsCounted(exposition, productMetricNames(spec.namespace).events);
  console.log(
    `\nacknowledged events ${acknowledged}, counted ${counted}${counted === acknowledged ? ' (all)' : ' — MISMATCH'}; ` +
      `requests not acknowledged ${failed}`
  );
  console.log(misses.length === 0 ? `every case ≥ ${target}× the bare server` : `below target: ${misses.join('; ')}`);
  await Promise.all([service.close(), bareHttp.close(), bareGrpc.close()]);
  await nowcast.shutdown();
  if (counted !== acknowledged) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
