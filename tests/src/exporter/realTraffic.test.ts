import {
  createNowcast,
  productMetricNames,
  selfMetricNames,
  settledConversion,
  specFromObject,
  type AnalyticsSpec,
  type MetricsServer,
  type Nowcast,
} from '@nowcast/otel-exporter';
import { startPrometheus, type RunningPrometheus } from '@nowcast/test-support';

/**
 * The exporter under real traffic, scraped by a real Prometheus 2.42 every 500 ms: a new series'
 * first burst reaches increase(), an idle property value leaves the exposition for a new one, and
 * settled conversion stays the truth of its cohort through a surge. The exporter runs on a clock the
 * test moves, so minutes of traffic take seconds.
 */
jest.setTimeout(60_000);

const names = productMetricNames('shop');
const minute = 60_000;

function specOf(document: Record<string, unknown>): AnalyticsSpec {
  const result = specFromObject({ namespace: 'shop', ...document });
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.spec;
}

interface Running {
  readonly nowcast: Nowcast;
  readonly prometheus: RunningPrometheus;
  /** The exporter's clock: epoch ms, moved by the test. */
  readonly clock: { now: number };
  /** Waits for a scrape that began after this call, so saw everything before it; returns its timestamp (seconds). */
  scraped(): Promise<number>;
  stop(): Promise<void>;
}

async function scrapedExporter(spec: AnalyticsSpec, startMs = Date.now()): Promise<Running> {
  const clock = { now: startMs };
  const nowcast = createNowcast({ spec, clock: () => clock.now, sweepIntervalMs: 0 });
  const server: MetricsServer = await nowcast.listen({ port: 0, host: '127.0.0.1' });
  const prometheus = await startPrometheus({
    targets: [`127.0.0.1:${server.address.port}`],
    scrapeInterval: '500ms',
  });
  const scraped = async () => {
    const received = nowcast.pipeline.self.received;
    // Scrape times are wall-clock: a scrape that began after this call saw every change before it.
    const after = Date.now() / 1000;
    const [sample] = await prometheus.waitFor(
      `timestamp(${selfMetricNames.received}) > ${after} and ${selfMetricNames.received} == ${received}`,
      (s) => s.length === 1
    );
    return sample?.value ?? NaN;
  };
  return {
    nowcast,
    prometheus,
    clock,
    scraped,
    async stop() {
      await prometheus.stop();
      await nowcast.shutdown();
    },
  };
}

/** The one value of an instant query (at `time`, seconds), or undefined when it has no result. */
async function valueOf(prometheus: RunningPrometheus, promql: string, time?: number): Promise<number | undefined> {
  const samples = await prometheus.query(promql, time);
  if (samples.length > 1) throw new Error(`${promql} returned ${samples.length} series`);
  return samples[0]?.value;
}

describe('exporter under real traffic, scraped by a real Prometheus', () => {
  it("lets increase() see a new series' first 50 events", async () => {
    const running = await scrapedExporter(specOf({ events: { payment_failed: { properties: { provider: {} } } } }));
    try {
      await running.scraped();
      for (let i = 0; i < 50; i++) {
        running.nowcast.pipeline.record('payment_failed', { 'user.id': `u${i}`, provider: 'adyen' }, running.clock.now);
      }
      const series = `${names.events}{event="payment_failed",provider="adyen"}`;
      await running.prometheus.waitFor(series, (s) => s[0]?.value === 50);
      // The time of the latest sample (timestamp() of a plain selector): at a sample's own time
      // increase() does not extrapolate past it, and from a first sample at 0 not before it either.
      const [latest] = await running.prometheus.query(`timestamp(${series})`);
      expect(await valueOf(running.prometheus, `increase(${series}[1m])`, latest?.value)).toBe(50);
    } finally {
      await running.stop();
    }
  });

  it('retires a property value idle past its time: its series go stale and a new value takes its slot', async () => {
    const running = await scrapedExporter(
      specOf({ events: { api_error: { properties: { browser_version: { maxValues: 1, idleTimeout: '1m' } } } } })
    );
    const send = (version: string) =>
      running.nowcast.pipeline.record('api_error', { 'user.id': 'u', browser_version: version }, running.clock.now);
    const series = (version: string) => `${names.events}{event="api_error",browser_version="${version}"}`;
    try {
      send('120');
      send('121');
      await running.prometheus.waitFor(series('120'), (s) => s[0]?.value === 1);
      running.clock.now += 2 * minute;
      running.nowcast.sweep();
      send('122');
      await running.scraped();
      await running.prometheus.waitFor(series('122'), (s) => s[0]?.value === 1);
      expect(await valueOf(running.prometheus, series('120'))).toBeUndefined();
      expect(await valueOf(running.prometheus, series('__other__'))).toBe(1);
    } finally {
      await running.stop();
    }
  });

  it('keeps settled conversion equal to its cohort through a 3× surge with conversion falling from 30% to 15%', async () => {
    // Window 5m; outcomes settle when the watermark (receipt − 1m lateness) passes it.
    const running = await scrapedExporter(
      specOf({
        limits: { timestampSkew: '1m', allowedLateness: '1m' },
        events: { visited: {}, ordered: {} },
        funnels: { purchase: { steps: ['visited', 'ordered'], window: '5m' } },
      }),
      Date.UTC(2026, 0, 1)
    );
    const start = running.clock.now;
    /** Cohort c (visits in minute c): 20 visitors, 6 of whom order, then from minute 6 on 60 visitors, 9 ordering. */
    const cohorts = 12;
    const visitors = (c: number) => (c < 6 ? 20 : 60);
    const buyers = (c: number) => (c < 6 ? 6 : 9);
    const attempts = `sum(${names.funnelAttempts}{funnel="purchase"})`;
    const ordered = `sum(${names.funnelAttempts}{funnel="purchase",reached_step="1"})`;
    const settledAt: { time: number; attempts: number; ordered: number }[] = [];
    try {
      for (let tick = 0; tick <= cohorts + 6; tick++) {
        // Minute `tick` is delivered at its end: its visits, and orders placed two minutes after a visit.
        running.clock.now = start + (tick + 1) * minute;
        for (const c of [tick, tick - 2]) {
          if (c < 0 || c >= cohorts) continue;
          const count = c === tick ? visitors(c) : buyers(c);
          for (let i = 0; i < count; i++) {
            const at = start + (c === tick ? c : c + 2) * minute + (i * minute) / visitors(c);
            running.nowcast.pipeline.record(c === tick ? 'visited' : 'ordered', { 'user.id': `c${c}-u${i}` }, at);
          }
        }
        running.nowcast.sweep();
        const time = await running.scraped();
        settledAt.push({
          time,
          attempts: (await valueOf(running.prometheus, attempts, time)) ?? 0,
          ordered: (await valueOf(running.prometheus, ordered, time)) ?? 0,
        });
      }
      // Cohort c settles at tick c + 6, completed or not: what settles between two scrapes is exactly one cohort.
      for (let tick = 6; tick <= cohorts + 5; tick++) {
        const now = settledAt[tick];
        const before = settledAt[tick - 1];
        const c = tick - 6;
        expect({ tick, settledAttempts: (now?.attempts ?? 0) - (before?.attempts ?? 0) }).toEqual({
          tick,
          settledAttempts: visitors(c),
        });
        const settled = (now?.attempts ?? 0) - (before?.attempts ?? 0);
        const ordering = (now?.ordered ?? 0) - (before?.ordered ?? 0);
        const conversion = settledConversion([settled - ordering, ordering], 1, 'first');
        expect({ tick, conversion }).toEqual({ tick, conversion: buyers(c) / visitors(c) });
      }
    } finally {
      await running.stop();
    }
  });
});
