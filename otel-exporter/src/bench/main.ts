/*
 * npm run bench -w otel-exporter: Nowcast's hot path, scrape and memory beside OTel sdk-metrics and
 * prom-client, measured the same way in the same process. Figures vary by machine; the ratios are
 * what the targets are about.
 */
import { LoggerProvider } from '@opentelemetry/sdk-logs';
import { sweepBudget } from '../ingest/eventPipeline';
import { createNowcast } from '../nowcast';
import { bytesPerUnit, collectGarbage, formatRow, msPerRun, nsPerCall } from './measure';
import { benchEvents, benchSpec, otelCounter, promClientCounter, tuples } from './subjects';

const widths = [58, 12, 12, 10];
const print = (cells: string[]) => console.log(formatRow(cells, widths));
const fixed = (n: number, digits = 1) => n.toFixed(digits);

type PurchaseBag = Record<string, string | number>;

/**
 * Attribute bags as an app writes them (an object literal per event). Bag i carries tuple
 * i % 3000; user k of 1000 appears with platform0 (opens a funnel attempt), platform1 (completes
 * it) and platform2 (no step).
 */
function eventBags(count: number, users: number): PurchaseBag[] {
  const all = tuples(3, 10, 100);
  return Array.from({ length: count }, (_, i) => {
    const { platform, country, plan } = all[i % all.length] ?? { platform: '', country: '', plan: '' };
    return { platform, country, plan, 'user.id': `user-${i % users}`, amount: i % 50 };
  });
}

async function hotPath(): Promise<void> {
  const attributes = tuples(3, 10, 100);
  const bags = eventBags(3000, 1000);
  // 100k distinct users: a working set far beyond the CPU caches, as in a large app.
  const manyBags = eventBags(100_000, 100_000);
  const now = Date.now();
  const nowcast = createNowcast({ spec: benchSpec(), sweepIntervalMs: 0 });
  const large = createNowcast({ spec: benchSpec(), sweepIntervalMs: 0 });
  const logged = createNowcast({ spec: benchSpec(), sweepIntervalMs: 0 });
  const logger = new LoggerProvider({ processors: [logged.processor] }).getLogger('bench');
  const otel = otelCounter();
  const prom = promClientCounter();
  const ns = nsPerCall(
    {
      ours: (i) => nowcast.pipeline.record('purchase', bags[i % 3000], now),
      oursManyUsers: (i) => large.pipeline.record('purchase', manyBags[i % 100_000], now),
      viaLogs: (i) => logger.emit({ eventName: 'purchase', attributes: bags[i % 3000] }),
      otelAdd: (i) => otel.counter.add(1, attributes[i % 3000]),
      promInc: (i) => prom.counter.inc(attributes[i % 3000] ?? {}, 1),
    },
    500_000
  );
  const vsOtel = (n: number) => `${fixed(n / ns.otelAdd, 2)}×`;

  console.log(
    '\nHot path, ns per event: 3 attributes over 3000 tuples (ours also does value, HyperLogLog, funnel, exemplar)'
  );
  print(['subject', 'ns/event', 'vs OTel', 'target']);
  print(['Nowcast pipeline (counter+value+HLL+funnel), 1k users', fixed(ns.ours), vsOtel(ns.ours), '≤ 0.25×']);
  print(['Nowcast pipeline, 100k users', fixed(ns.oursManyUsers), vsOtel(ns.oursManyUsers), '']);
  print(['Nowcast via OTel Logs API (logger.emit → processor)', fixed(ns.viaLogs), vsOtel(ns.viaLogs), '']);
  print(['OTel sdk-metrics Counter.add', fixed(ns.otelAdd), '1.00×', '']);
  print(['prom-client Counter.inc', fixed(ns.promInc), vsOtel(ns.promInc), '']);
  await otel.provider.shutdown();
}

async function tenThousandSeries(): Promise<void> {
  const attributes = tuples(10, 10, 100);
  const count = attributes.length;
  const events = attributes.map((a, i) => ({ ...a, 'user.id': `user-${i}`, amount: 1 }));
  const now = Date.now();

  // Counter series like the baselines' (no value counter); 16 HLL registers instead of 1024.
  const counterSpec = benchSpec({ value: false, precision: 4 });
  let nowcast = createNowcast({ spec: counterSpec, sweepIntervalMs: 0 });
  const oursHeap = await bytesPerUnit(() => {
    nowcast = createNowcast({ spec: counterSpec, sweepIntervalMs: 0 });
    for (const e of events) nowcast.pipeline.record('purchase', e, now);
    return nowcast;
  }, count);
  let otel = otelCounter();
  const otelHeap = await bytesPerUnit(() => {
    otel = otelCounter();
    for (const a of attributes) otel.counter.add(1, a);
    return otel;
  }, count);
  let prom = promClientCounter();
  const promHeap = await bytesPerUnit(() => {
    prom = promClientCounter();
    for (const a of attributes) prom.counter.inc(a, 1);
    return prom;
  }, count);

  const ms = await msPerRun({
    ours: () => nowcast.metrics('prometheus'),
    oursOpenMetrics: () => nowcast.metrics('openmetrics'),
    otel: () => otel.scrape(),
    prom: () => prom.scrape(),
  });
  const families = nowcast
    .metrics('prometheus')
    .split('\n')
    .filter((l) => l.startsWith(`${benchEvents.name}{`)).length;

  console.log(
    `\n${count} series (${families} event series in our exposition; ours also keeps each series's latest exemplar and writes 16 HLL registers and its self metrics)`
  );
  print(['subject', 'scrape ms', 'vs prom', 'B/series']);
  const vsProm = (n: number) => `${fixed(n / ms.prom, 2)}×`;
  print(['Nowcast /metrics, Prometheus text', fixed(ms.ours, 2), vsProm(ms.ours), fixed(oursHeap, 0)]);
  print(['Nowcast /metrics, OpenMetrics with exemplars', fixed(ms.oursOpenMetrics, 2), vsProm(ms.oursOpenMetrics), '']);
  print(['OTel sdk-metrics collect + PrometheusSerializer', fixed(ms.otel, 2), vsProm(ms.otel), fixed(otelHeap, 0)]);
  print(['prom-client registry.metrics()', fixed(ms.prom, 2), '1.00×', fixed(promHeap, 0)]);
  print(['targets', '', '≤ 0.5×', '≤ 150']);
  await otel.provider.shutdown();
}

/** Opens one funnel attempt for each of `ids`; returns the exporter holding their state. */
function trackUsers(ids: readonly string[], now: number) {
  const nowcast = createNowcast({ spec: benchSpec({ maxFunnelUsers: ids.length }), sweepIntervalMs: 0 });
  const event = { platform: 'platform0', country: 'country0', plan: 'plan0', 'user.id': '', amount: 1 };
  for (const id of ids) {
    event['user.id'] = id;
    nowcast.pipeline.record('purchase', event, now);
  }
  const tracked = nowcast.pipeline.funnels.users.size;
  if (tracked !== ids.length) throw new Error(`expected ${ids.length} tracked users, got ${tracked}`);
  return nowcast;
}

async function funnelUsers(): Promise<void> {
  const count = 1_000_000;
  const now = Date.now();
  const userIds = () => Array.from({ length: count }, (_, i) => `user-${i}`);
  // The app holds an event's id anyway while it emits it: first without the id strings…
  const ids = userIds();
  const perUser = await bytesPerUnit(() => trackUsers(ids, now), count);
  // …then with them, as when the exporter is their last holder.
  const perUserWithIds = await bytesPerUnit(() => [trackUsers(userIds(), now)], count);
  console.log(`\nFunnel state at ${count} tracked users, one open attempt each (ids like "user-123456")`);
  print(['subject', 'B/user', '', 'target']);
  print(['Nowcast per tracked funnel user', fixed(perUser, 0), '', '≤ 200']);
  print(['  the same, counting the user-id strings', fixed(perUserWithIds, 0), '', '']);
  if (ids.length !== count) throw new Error('the caller keeps its ids alive through the first reading');
}

/**
 * Ids as requests deliver them: parsed from a body, so flat strings. (A template literal gives V8 a
 * string of two parts, which the first read of its characters copies: the cost of how the caller
 * built its ids, paid once by whoever reads them first.)
 */
function requestIds(prefix: string, count: number): string[] {
  return JSON.parse(JSON.stringify(Array.from({ length: count }, (_, i) => `${prefix}-${i}`))) as string[];
}

/** Records one purchase opening a funnel attempt for each id in turn; the worst 1000-event chunk's ns/event too. */
function recordNewUsers(record: (event: Record<string, string | number>) => void, ids: readonly string[]) {
  const event = { platform: 'platform0', country: 'country0', plan: 'plan0', 'user.id': '', amount: 1 };
  const chunk = 1000;
  let worst = 0;
  const start = process.hrtime.bigint();
  for (let from = 0; from < ids.length; from += chunk) {
    const chunkStart = process.hrtime.bigint();
    for (let i = from; i < from + chunk && i < ids.length; i++) {
      event['user.id'] = ids[i] ?? '';
      record(event);
    }
    worst = Math.max(worst, Number(process.hrtime.bigint() - chunkStart) / chunk);
  }
  return { mean: Number(process.hrtime.bigint() - start) / ids.length, worst };
}

/**
 * One new user per event (bots without cookies): once the funnel-user cap is full every event
 * evicts the oldest user. The cost per event must stay flat across the run.
 */
async function newUsersEveryEvent(): Promise<void> {
  const count = 1_000_000;
  const cap = 100_000;
  const points = 10;
  const now = Date.now();
  const otel = otelCounter();
  const attributes = tuples(3, 10, 100);
  const { otelAdd } = nsPerCall({ otelAdd: (i) => otel.counter.add(1, attributes[i % 3000]) }, 500_000);
  await otel.provider.shutdown();
  const warm = createNowcast({ spec: benchSpec({ maxFunnelUsers: cap }), sweepIntervalMs: 0 });
  const warmIds = requestIds('warm', 2 * cap);
  recordNewUsers((event) => warm.pipeline.record('purchase', event, now), warmIds);
  const nowcast = createNowcast({ spec: benchSpec({ maxFunnelUsers: cap }), sweepIntervalMs: 0 });
  const ids = requestIds('visitor', count);
  // The setup's garbage (the ids' JSON text) is collected before the run, not during it.
  collectGarbage();
  console.log(
    `\n${count.toLocaleString('en-US')} events from as many new users, funnel-user cap ${cap.toLocaleString('en-US')} (full from event ${cap.toLocaleString('en-US')} on: each event evicts one user), ids as a request body delivers them; curve of ${points} points`
  );
  print(['events so far', 'ns/event', 'vs OTel', 'worst µs/ev']);
  let worstOverall = 0;
  let total = 0;
  const size = count / points;
  for (let p = 0; p < points; p++) {
    const segment = recordNewUsers(
      (event) => nowcast.pipeline.record('purchase', event, now),
      ids.slice(p * size, (p + 1) * size)
    );
    worstOverall = Math.max(worstOverall, segment.worst);
    total += segment.mean;
    print([
      `${((p + 1) * size).toLocaleString('en-US')}`,
      fixed(segment.mean),
      `${fixed(segment.mean / otelAdd, 2)}×`,
      fixed(segment.worst / 1000, 2),
    ]);
  }
  const evictions = nowcast.pipeline.funnels.users.evictions;
  print(['whole run', fixed(total / points), `${fixed(total / points / otelAdd, 2)}×`, fixed(worstOverall / 1000, 2)]);
  print(['OTel sdk-metrics Counter.add (same run)', fixed(otelAdd), '1.00×', '']);
  print(['targets', '', '≤ 0.50×', '≤ 10']);
  console.log(`  (${evictions.toLocaleString('en-US')} evictions; worst µs/ev: the slowest 1000-event chunk)`);
}

interface SweepTick {
  readonly ms: number;
  readonly settled: number;
}

/**
 * `attempts` open attempts started over 30 minutes, then the timer's 5 s ticks: idle ones (nothing
 * due yet), then ones that settle what the watermark passed since the last, within the budget.
 */
function sweepTicks(attempts: number): { open: number; idle: SweepTick[]; busy: SweepTick[] } {
  const windowMs = 30 * 60_000;
  const tickMs = 5000;
  const start = Date.now();
  let now = start;
  const nowcast = createNowcast({
    spec: benchSpec({ maxFunnelUsers: attempts }),
    clock: () => now,
    sweepIntervalMs: 0,
  });
  const event = { platform: 'platform0', country: 'country0', plan: 'plan0', 'user.id': '', amount: 1 };
  for (let i = 0; i < attempts; i++) {
    now = start + Math.floor((i * windowMs) / attempts);
    event['user.id'] = `user-${i}`;
    nowcast.pipeline.record('purchase', event, now);
  }
  const [funnel] = nowcast.pipeline.funnels.funnels;
  const open = funnel?.attemptsWaiting ?? 0;
  // The setup's garbage (a million id strings) is collected before the ticks, not during them.
  collectGarbage();
  const tick = (): SweepTick => {
    now += tickMs;
    const before = funnel?.attemptsWaiting ?? 0;
    const begin = process.hrtime.bigint();
    nowcast.pipeline.sweep(sweepBudget);
    return { ms: Number(process.hrtime.bigint() - begin) / 1e6, settled: before - (funnel?.attemptsWaiting ?? 0) };
  };
  const idle = Array.from({ length: 20 }, tick);
  // The watermark (receipt − 5m lateness) reaches the first window's end 35 minutes after the first event.
  now = start + windowMs + 5 * 60_000;
  nowcast.pipeline.sweep(sweepBudget);
  const busy = Array.from({ length: 100 }, tick);
  return { open, idle, busy };
}

/**
 * The timer's sweep at 1M open attempts, after a run at 100k has compiled the sweep's code as a
 * long-running process has.
 */
async function sweepAtOneMillionAttempts(): Promise<void> {
  sweepTicks(100_000);
  const { open, idle, busy } = sweepTicks(1_000_000);
  const stats = (ticks: SweepTick[]) => ({
    mean: ticks.reduce((t, x) => t + x.ms, 0) / ticks.length,
    max: Math.max(...ticks.map((x) => x.ms)),
    settled: ticks.reduce((t, x) => t + x.settled, 0) / ticks.length,
  });
  const quiet = stats(idle);
  const settling = stats(busy);
  console.log(
    `\nSweep per 5 s tick at ${open.toLocaleString('en-US')} open attempts (each tick one slice here; a slice settles at most ${sweepBudget} per funnel)`
  );
  print(['tick', 'mean ms', 'max ms', 'settled']);
  print(['nothing due', fixed(quiet.mean, 3), fixed(quiet.max, 3), fixed(quiet.settled, 0)]);
  print([
    'settling what the watermark passed',
    fixed(settling.mean, 3),
    fixed(settling.max, 3),
    fixed(settling.settled, 0),
  ]);
  print(['target', '≤ 2', '', '']);
}

async function main(): Promise<void> {
  console.log(`Nowcast benchmarks — node ${process.version}, ${new Date().toISOString()}`);
  await hotPath();
  await tenThousandSeries();
  await funnelUsers();
  await newUsersEveryEvent();
  await sweepAtOneMillionAttempts();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
