import { join } from 'node:path';
import { productMetricNames } from '../../contract/families';
import { createNowcast, type Nowcast } from '../../nowcast';
import { loadSpec } from '../../spec/load';
import { startLogsService } from '../logsService';
import { runTypeScript } from '../../testing/runTypeScript';
import { startPrometheus, type PromSample, type RunningPrometheus } from '@nowcast/test-support';
import { countByEvent, shopTraffic } from '../testing/shopTraffic';

/**
 * What a team with other services would point at the service: the real OTel log exporters
 * (protobuf with gzip, JSON, gRPC) behind sdk-logs' BatchLogRecordProcessor, and Segment's
 * analytics-node. A real Prometheus scrapes the service; every event a client saw acknowledged is
 * in it, and nothing else.
 */
jest.setTimeout(120_000);

const names = productMetricNames('product');
const token = 'real-clients-ingest-token';
const users = 60;
const clients = ['proto', 'json', 'grpc', 'segment'] as const;

describe('real clients → nowcast-exporter serve → real Prometheus', () => {
  let nowcast: Nowcast;
  let service: Awaited<ReturnType<typeof startLogsService>>;
  let prometheus: RunningPrometheus;
  const expected: Record<string, number> = {};

  beforeAll(async () => {
    const spec = await loadSpec(join(__dirname, '../../../../examples/shop/analytics.yaml'));
    nowcast = createNowcast({ spec, sweepIntervalMs: 0 });
    service = await startLogsService(nowcast, { port: 0, grpcPort: 0, ingestTokens: { tokens: [token] } });
    prometheus = await startPrometheus({ targets: [`127.0.0.1:${service.address.port}`] });
  });

  afterAll(async () => {
    await prometheus?.stop();
    await service?.close();
    await nowcast?.shutdown();
  });

  const eventsMatch = (samples: PromSample[]) =>
    Object.entries(expected).every(
      ([event, count]) => samples.find((s) => s.metric.event === event)?.value === count
    ) && samples.every((s) => (expected[s.metric.event ?? ''] ?? 0) === s.value);

  it.each(clients)('%s: every acknowledged event is counted, once', async (client) => {
    const prefix = `${client}-client`;
    const output = await runTypeScript(join(__dirname, 'realClients.child.ts'), {
      NOWCAST_CLIENT: client,
      NOWCAST_HTTP_URL: service.url,
      NOWCAST_GRPC_ADDRESS: String(service.grpcAddress),
      NOWCAST_TOKEN: token,
      NOWCAST_PREFIX: prefix,
      NOWCAST_USERS: String(users),
    });
    const sent = shopTraffic(prefix, users);
    expect(JSON.parse(output)).toEqual({ acked: sent.length, failed: 0 });
    for (const [event, count] of Object.entries(countByEvent(sent))) expected[event] = (expected[event] ?? 0) + count;
    const samples = await prometheus.waitFor(`sum by (event) (${names.events})`, eventsMatch);
    // Series of events nobody sent sit at 0.
    const counted = samples.filter((s) => s.value > 0).map((s) => [s.metric.event, s.value]);
    expect(Object.fromEntries(counted)).toEqual(expected);
  });

  it('keeps funnels exact across all four clients (identify links Segment visitors to users)', async () => {
    // Per client: every user views a product, 2 of 3 add to cart, then 1 of 2 check out, 3 of 4 of those pay.
    const perClient = [0, 0, 0, 0];
    for (let i = 0; i < users; i++) {
      perClient[0] = (perClient[0] ?? 0) + 1;
      if (i % 3 === 0) continue;
      perClient[1] = (perClient[1] ?? 0) + 1;
      if (i % 2 === 0) continue;
      perClient[2] = (perClient[2] ?? 0) + 1;
      if (i % 4 !== 3) perClient[3] = (perClient[3] ?? 0) + 1;
    }
    const samples = await prometheus.query(`sum by (step_index) (${names.funnelStep}{funnel="checkout"})`);
    const steps = Object.fromEntries(samples.map((s) => [s.metric.step_index, s.value]));
    expect(steps).toEqual(Object.fromEntries(perClient.map((n, i) => [String(i), n * clients.length])));
  });
});
