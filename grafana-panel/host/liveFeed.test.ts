/**
 * @jest-environment node
 *
 * The live feed end to end: 1,000 events through the real exporter (in-process, `createNowcast`),
 * scraped by a real Prometheus, queried with the generated dashboard's live panel queries and
 * settings through the host's Grafana steps (request planning, the backend's exemplar sampler),
 * and drawn by the built plugin in Chromium. What the feed shows is checked against what the
 * panel says it shows, and against Prometheus' own exemplars.
 */
import {
  createNowcast,
  defaultNamespace,
  eventsInRangeQuery,
  exemplarLabelNames,
  labelNames,
  livePanelMaxDataPoints,
  livePanelQueries,
  parseSpec,
  type Nowcast,
} from '@nowcast/otel-exporter';
import { requireBinary, startPrometheus, type RunningPrometheus } from '@nowcast/test-support';
import type { Browser, Page } from 'playwright-core';
import { roleOptions } from '../src/options/queryRoles';
import { launchChromium, openHostPage, renderPanel } from './browser';
import { promTarget } from './grafana/promRequests';
import { httpFetcher, runQueries } from './grafana/runQueries';
import type { MetricsServer } from '@nowcast/otel-exporter';
import { startHostServer, type HostServer } from './hostServer';

jest.setTimeout(90_000);

const spec = parseSpec(`
version: 1
namespace: ${defaultNamespace}
exemplars: { userId: plain }
events:
  page_viewed: { properties: { page: { values: [home, product, cart, checkout] } } }
  cart_added: { properties: { platform: { values: [web, ios, android] } } }
  checkout_started: {}
`);

interface Emitted {
  readonly event: string;
  readonly userId: string;
  readonly at: number;
}

const eventCount = 1000;
const emitSeconds = 10;

let nowcast: Nowcast;
let metrics: MetricsServer;
let prometheus: RunningPrometheus;
let server: HostServer;
let browser: Browser;
let page: Page;
/** The send time of the event being tracked, which the exporter's clock reads meanwhile. */
let sendingAt: number | undefined;
const emitted = new Map<string, Emitted>();

beforeAll(async () => {
  const executablePath = requireBinary('chromium');
  if (!spec.ok) {
    throw new Error(spec.issues.map((issue) => issue.message).join('; '));
  }
  // An exemplar carries the receipt time: the clock reads the send time while an event is tracked,
  // so a row's time can be compared exactly with the event sent (a millisecond may tick between).
  nowcast = createNowcast({ spec: spec.spec, sweepIntervalMs: 0, clock: () => sendingAt ?? Date.now() });
  metrics = await nowcast.listen({ port: 0 });
  prometheus = await startPrometheus({ targets: [`127.0.0.1:${metrics.address.port}`], scrapeInterval: '1s' });
  [server, browser] = await Promise.all([
    startHostServer({ page: { title: 'Live feed through Grafana', panels: ['panel'] } }),
    launchChromium(executablePath),
  ]);
  ({ page } = await openHostPage(browser, server.url, { width: 1000, height: 1400 }));
  // 1,000 events, each from its own user, over the events' eight series: first one per series,
  // scraped before the rest (a running shop's series exist already; `increase()` cannot count the
  // events before a series' first sample), then the others over 10 s.
  const kinds: Array<[string, Record<string, string>]> = [
    ...['home', 'product', 'cart', 'checkout'].map((p): [string, Record<string, string>] => [
      'page_viewed',
      { page: p },
    ]),
    ...['web', 'ios', 'android'].map((p): [string, Record<string, string>] => ['cart_added', { platform: p }]),
    ['checkout_started', {}],
  ];
  const send = (n: number, kind: number) => {
    const [event, properties] = kinds[kind % kinds.length]!;
    const userId = `user${String(n).padStart(4, '0')}`;
    const at = Date.now();
    sendingAt = at;
    nowcast.track(event, { userId, properties, timestamp: at });
    sendingAt = undefined;
    emitted.set(userId, { event, userId, at });
  };
  kinds.forEach((_, kind) => send(kind, kind));
  await prometheus.waitFor(`sum(${productEventsTotal()})`, (samples) => samples[0]?.value === kinds.length, 10_000);
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const ticks = emitSeconds * 10;
  for (let n = kinds.length, tick = 0; tick < ticks; tick++) {
    for (const end = kinds.length + Math.round(((tick + 1) * (eventCount - kinds.length)) / ticks); n < end; n++) {
      send(n, n * 7 + tick);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await prometheus.waitFor(`sum(${productEventsTotal()})`, (samples) => samples[0]?.value === eventCount, 20_000);
  // One more scrape, so the last events' exemplars are stored too.
  await new Promise((resolve) => setTimeout(resolve, 1500));
}, 120_000);

function productEventsTotal(): string {
  // The events family's name, read off the contract's feed query rather than spelled here.
  return /increase\(([a-z_]+)\[/.exec(eventsInRangeQuery(defaultNamespace))![1]!;
}

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await prometheus?.stop();
  await metrics?.close();
  await nowcast?.shutdown();
});

it('shows what Grafana’s sampler delivers, one event per 1 s step, and says how much of the range that is', async () => {
  const queries = livePanelQueries(defaultNamespace, { scope: '', window: '' }).filter(
    (query) => query.role !== 'activeUsers'
  );
  const targets = queries.map(promTarget);
  const to = Date.now();
  const range = { from: to - 300_000, to, raw: { from: 'now-5m', to: 'now' } };
  const datasource = { scrapeInterval: '1s' };
  const response = await runQueries(
    targets,
    { from: range.from, to: range.to, maxDataPoints: livePanelMaxDataPoints },
    datasource,
    httpFetcher(prometheus.url)
  );
  await renderPanel(page, {
    title: 'Live activity',
    theme: 'dark',
    width: 1000,
    height: 1400,
    state: 'Streaming' as Parameters<typeof renderPanel>[1]['state'],
    options: { mode: 'live', ...roleOptions(queries), activeUsersRefId: '', feedLength: 500 },
    scene: { targets, response, datasource, range },
  });

  // What the panel says it shows.
  const text = await page.locator('#panel').innerText();
  const said =
    /Sample: Grafana keeps one event per 1 s step — (\d+) of ≈([\d,]+) events in this range \(([\d.]+) %\)/.exec(text);
  expect(said).not.toBeNull();
  const [shownSaid, countedSaid] = [Number(said![1]), Number(said![2]!.replace(/,/g, ''))];
  // increase() extrapolates to the ends of the range: the count is near, not exact (the panel says ≈).
  expect(Math.abs(countedSaid - eventCount)).toBeLessThanOrEqual(eventCount * 0.1);
  expect(Number(said![3])).toBeCloseTo((100 * shownSaid) / countedSaid, 1);

  // What it shows: that many rows, each one of the events sent, at the time it was sent.
  const rows = await page.getByTestId('feed-event').evaluateAll((elements) =>
    elements.map((row) => ({
      time: row.querySelector('time')?.getAttribute('datetime') ?? '',
      cells: [...row.querySelectorAll('[role="cell"]')].map((cell) => cell.textContent ?? ''),
    }))
  );
  expect(rows).toHaveLength(shownSaid);
  for (const row of rows) {
    const sent = emitted.get(row.cells[2]!);
    expect(sent).toBeDefined();
    expect(row.cells[1]).toBe(sent!.event);
    expect(Date.parse(row.time)).toBe(sent!.at);
  }

  // Prometheus kept one exemplar per series per scrape; Grafana one of those per 1 s bucket.
  const stored = await prometheus.queryExemplars(productEventsTotal(), range.from / 1000, Math.floor(to / 1000));
  const buckets = new Map<number, string[]>();
  for (const { exemplars } of stored) {
    for (const exemplar of exemplars) {
      const bucket = Math.floor(exemplar.timestamp);
      buckets.set(bucket, [...(buckets.get(bucket) ?? []), exemplar.labels[exemplarLabelNames.userId]!]);
    }
  }
  const storedCount = [...buckets.values()].reduce((sum, users) => sum + users.length, 0);
  expect(storedCount).toBeGreaterThan(rows.length);
  expect(rows).toHaveLength(buckets.size);
  for (const row of rows) {
    const bucket = Math.floor(Date.parse(row.time) / 1000);
    expect(buckets.get(bucket)).toContain(row.cells[2]);
  }
  // The feed query's count is the events per event in the range, as Prometheus has them.
  const perEvent = await prometheus.query(`sum by (${labelNames.event}) (${productEventsTotal()})`);
  expect(perEvent.reduce((sum, sample) => sum + sample.value, 0)).toBe(eventCount);
});
