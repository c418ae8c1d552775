import { createRequire } from 'node:module';
import { join } from 'node:path';
import { InMemoryLogRecordExporter, LoggerProvider, SimpleLogRecordProcessor } from '@opentelemetry/sdk-logs';
import type { ReadableLogRecord } from '@opentelemetry/sdk-logs';
import type * as Transformer from '@opentelemetry/otlp-transformer';
import { startPrometheus, type RunningPrometheus } from '@nowcast/test-support';
import { activeUsersEstimatePromql, hllStandardError } from '../../contract/activeUsersPromql';
import { activeUsersLabelNames, productMetricNames, selfMetricNames } from '../../contract/families';
import { aggregate } from '../../contract/promql';
import { createNowcast, type Nowcast } from '../../nowcast';
import { loadSpec } from '../../spec/load';
import { startLogsService, type LogsService } from '../logsService';
import { LogsExportClient } from '../testing/grpcExport';
import { attributeRoutingKey, LoadBalancingRing } from '../testing/loadBalancingRing';
import { countByEvent, recordAttributes, shopTraffic } from '../testing/shopTraffic';

/**
 * Three instances behind a Collector's load-balancing exporter (`routing_key: attributes` on the
 * identity attributes, OTLP/gRPC to each instance), scraped by one real Prometheus: PromQL's `sum`
 * gives exact counters and funnels, `max by (register)` unique users within the HyperLogLog error.
 * The same traffic spread at random splits users across instances, and the orphan-step counter
 * shows it. The Collector's routing is reproduced in ../testing/loadBalancingRing.ts (cited there).
 */
jest.setTimeout(90_000);

const names = productMetricNames('product');
const fromExporter = createRequire(require.resolve('@opentelemetry/exporter-logs-otlp-proto'));
const { ProtobufLogsSerializer } = fromExporter('@opentelemetry/otlp-transformer') as typeof Transformer;
const routingAttributes = ['user.id', 'anonymous.id'];
const users = 400;

/** A seeded generator, so the random routing is the same on every run. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

interface Tier {
  readonly nowcasts: Nowcast[];
  readonly services: LogsService[];
  readonly instances: string;
}

describe('three instances, routed by user', () => {
  let offsetMs = 0;
  const clock = () => Date.now() + offsetMs;
  let routed: Tier;
  let random: Tier;
  let prometheus: RunningPrometheus;
  const events = shopTraffic('scale', users);

  async function startTier(): Promise<Tier> {
    const spec = await loadSpec(join(__dirname, '../../../../examples/shop/analytics.yaml'));
    const nowcasts = [0, 1, 2].map(() => createNowcast({ spec, clock, sweepIntervalMs: 0 }));
    const services = await Promise.all(nowcasts.map((nowcast) => startLogsService(nowcast, { port: 0, grpcPort: 0 })));
    const instances = services.map((s) => `127.0.0.1:${s.address.port}`).join('|');
    return { nowcasts, services, instances };
  }

  /** The records a real SDK would export for the scripted events. */
  async function logRecords(): Promise<ReadableLogRecord[]> {
    const memory = new InMemoryLogRecordExporter();
    const provider = new LoggerProvider({ processors: [new SimpleLogRecordProcessor({ exporter: memory })] });
    const logger = provider.getLogger('shop');
    for (const event of events) logger.emit({ eventName: event.name, attributes: recordAttributes(event) });
    await provider.forceFlush();
    return memory.getFinishedLogRecords();
  }

  /** Sends each instance its records in one OTLP/gRPC request, as the exporter merges them per backend. */
  async function send(tier: Tier, pick: (record: ReadableLogRecord) => number): Promise<void> {
    const batches: ReadableLogRecord[][] = [[], [], []];
    for (const record of await logRecords()) batches[pick(record)]?.push(record);
    await Promise.all(
      tier.services.map(async (service, i) => {
        const client = new LogsExportClient(service.grpcAddress ?? '');
        const request = Buffer.from(ProtobufLogsSerializer.serializeRequest(batches[i] ?? []) ?? []);
        expect(await client.export(request)).toBeNull();
        client.close();
      })
    );
  }

  beforeAll(async () => {
    [routed, random] = await Promise.all([startTier(), startTier()]);
    const targets = [...routed.services, ...random.services].map((s) => `127.0.0.1:${s.address.port}`);
    prometheus = await startPrometheus({ targets });
    const endpoints = routed.services.map((s) => s.grpcAddress ?? '');
    const ring = new LoadBalancingRing(endpoints);
    await send(routed, (record) =>
      endpoints.indexOf(ring.endpointFor(attributeRoutingKey(record.attributes, routingAttributes)))
    );
    const next = seeded(11);
    await send(random, () => Math.floor(next() * 3));
  });

  afterAll(async () => {
    await prometheus?.stop();
    for (const tier of [routed, random]) {
      await Promise.all(tier?.services.map((s) => s.close()) ?? []);
      await Promise.all(tier?.nowcasts.map((n) => n.shutdown()) ?? []);
    }
  });

  /**
   * `sum by (label) (metric{matchers, instance of the tier})`, without the series at 0, once every
   * instance's scrape holds every event (a first scrape shows new series at 0).
   */
  const sumBy = async (tier: Tier, label: string, metric: string, matchers = '') => {
    await prometheus.waitFor(
      `sum(${names.events}{instance=~"${tier.instances}"})`,
      (s) => s[0]?.value === events.length
    );
    const samples = await prometheus.waitFor(
      `sum by (${label}) (${metric}{${matchers}${matchers === '' ? '' : ','}instance=~"${tier.instances}"})`,
      (s) => s.length > 0
    );
    return Object.fromEntries(samples.filter((s) => s.value > 0).map((s) => [s.metric[label], s.value]));
  };

  // Per user: every one views a product, 2 of 3 add to cart, then 1 of 2 check out, 3 of 4 of those pay.
  const funnelTruth: Record<string, number> = { '0': 0, '1': 0, '2': 0, '3': 0 };
  for (let i = 0; i < users; i++) {
    funnelTruth['0'] = (funnelTruth['0'] ?? 0) + 1;
    if (i % 3 === 0) continue;
    funnelTruth['1'] = (funnelTruth['1'] ?? 0) + 1;
    if (i % 2 === 0) continue;
    funnelTruth['2'] = (funnelTruth['2'] ?? 0) + 1;
    if (i % 4 !== 3) funnelTruth['3'] = (funnelTruth['3'] ?? 0) + 1;
  }

  it('spreads users over all three instances', async () => {
    const perInstance = await prometheus.waitFor(
      `sum by (instance) (${names.events}{instance=~"${routed.instances}"})`,
      (s) => s.length === 3 && s.reduce((total, x) => total + x.value, 0) === events.length
    );
    for (const sample of perInstance) expect(sample.value).toBeGreaterThan(events.length / 6);
  });

  it('counts every event exactly with sum', async () => {
    expect(await sumBy(routed, 'event', names.events)).toEqual(countByEvent(events));
  });

  it('keeps funnels exact: each user’s steps reached one instance', async () => {
    expect(await sumBy(routed, 'step_index', names.funnelStep, 'funnel="checkout"')).toEqual(funnelTruth);
  });

  it('estimates unique users within the HyperLogLog error with max by (register)', async () => {
    // Every user id and every visitor id is a distinct identity here.
    const truth = new Set(events.map((e) => e.userId ?? e.anonymousId)).size;
    const registers = aggregate(
      'max',
      activeUsersLabelNames,
      `${names.activeUsersRegister}{scope="visitors",window="1h",instance=~"${routed.instances}"}`
    );
    const [estimate] = await prometheus.query(activeUsersEstimatePromql(registers, 10));
    const error = Math.abs((estimate?.value ?? 0) - truth) / truth;
    console.log(
      `scale-out: ${truth} identities, estimate ${estimate?.value.toFixed(0)} (error ${(100 * error).toFixed(2)} %)`
    );
    expect(error).toBeLessThanOrEqual(2 * hllStandardError(10));
  });

  it('shows a random split: later steps undercounted, and orphan steps counted', async () => {
    // Nothing is split when routing by user; the same traffic at random loses funnel steps.
    const counted = await sumBy(random, 'step_index', names.funnelStep, 'funnel="checkout"');
    expect(counted['0']).toBe(funnelTruth['0']);
    expect(counted['3'] ?? 0).toBeLessThan((funnelTruth['3'] ?? 0) / 2);
    // Steps wait for their attempt until the watermark (receipt time − allowed lateness) passes them.
    offsetMs += 6 * 60_000;
    for (const nowcast of [...routed.nowcasts, ...random.nowcasts]) nowcast.sweep();
    const orphans = (tier: Tier) => `sum(${selfMetricNames.orphanSteps}{instance=~"${tier.instances}"})`;
    const [randomOrphans] = await prometheus.waitFor(orphans(random), (s) => (s[0]?.value ?? 0) > 0, 20_000);
    const [routedOrphans] = await prometheus.query(orphans(routed));
    console.log(
      `scale-out, random routing: steps ${JSON.stringify(counted)} of ${JSON.stringify(funnelTruth)}, ` +
        `orphan steps ${randomOrphans?.value} (routed by user: ${routedOrphans?.value})`
    );
    expect(routedOrphans?.value).toBe(0);
    // Every step an instance saw without its user's attempt is reported: at least one per lost pay step.
    expect(randomOrphans?.value).toBeGreaterThanOrEqual((funnelTruth['3'] ?? 0) - (counted['3'] ?? 0));
  });
});
