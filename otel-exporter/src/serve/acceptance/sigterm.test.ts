import { join } from 'node:path';
import { productMetricNames } from '../../contract/families';
import { startPrometheus, type RunningPrometheus } from '@nowcast/test-support';
import { send } from '../testing/http';
import { exportBody } from '../testing/otlpJson';
import { startServiceProcess, type ServiceProcess } from '../testing/serviceProcess';
import { shopTraffic } from '../testing/shopTraffic';

/**
 * A deploy: SIGTERM while clients keep sending. Requests in flight finish, new ones are told to
 * retry (503), /metrics stays up until Prometheus has scraped the last increments, then the
 * process exits 0. Every event a client saw acknowledged with a 2xx is in Prometheus afterwards.
 */
jest.setTimeout(90_000);

const names = productMetricNames('product');
const shopSpec = join(__dirname, '../../../../examples/shop/analytics.yaml');

describe('SIGTERM under load', () => {
  let service: ServiceProcess | undefined;
  let prometheus: RunningPrometheus | undefined;

  afterAll(async () => {
    service?.signal('SIGKILL');
    await prometheus?.stop();
  });

  it('loses no acknowledged event', async () => {
    service = await startServiceProcess(shopSpec, ['--grpc-port', '0', '--scrape-interval', '1s']);
    prometheus = await startPrometheus({ targets: [service.target], scrapeInterval: '1s' });
    await prometheus.waitFor('up', (samples) => samples.some((s) => s.value === 1));

    const tally = { acked: 0, retry: 0, other: [] as string[] };
    /** When SIGTERM was sent; 0 before. */
    let signalledAt = 0;
    let stopped = false;
    const url = `${service.url}/v1/logs`;
    const sender = async (k: number) => {
      for (let round = 0; !stopped; round++) {
        const events = shopTraffic(`sigterm-${k}-${round}`, 10);
        const answer = await send(url, { headers: { 'Content-Type': 'application/json' }, body: exportBody(events) });
        if (answer.status >= 200 && answer.status < 300) {
          tally.acked += events.length;
        } else if (answer.status === 503) {
          // As OTLP exporters do: wait as Retry-After says (a real one would go to another instance).
          tally.retry++;
          await new Promise((resolve) => setTimeout(resolve, Number(answer.headers['retry-after']) * 1000));
        } else if (signalledAt !== 0 && answer.error !== undefined) {
          // Once the process is going away, connections are refused or cut: nothing was acknowledged.
          await new Promise((resolve) => setTimeout(resolve, 20));
        } else {
          tally.other.push(`${answer.status} ${answer.error ?? answer.body}`);
        }
      }
    };
    const senders = Array.from({ length: 8 }, (_, k) => sender(k));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    signalledAt = Date.now();
    service.signal('SIGTERM');
    const code = await service.exited;
    const drainMs = Date.now() - signalledAt;
    stopped = true;
    await Promise.all(senders);

    expect(code).toBe(0);
    expect(tally.other).toEqual([]);
    expect(tally.acked).toBeGreaterThan(0);
    // Clients were told to go elsewhere while the process drained…
    expect(tally.retry).toBeGreaterThan(0);
    // …and /metrics stayed up for the grace period (two scrape intervals).
    expect(drainMs).toBeGreaterThanOrEqual(2000);
    const [total] = await prometheus.query(`sum(last_over_time(${names.events}[2m]))`);
    expect(total?.value).toBe(tally.acked);
  });
});
