import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { dirname, join } from 'node:path';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import { LoggerProvider } from '@opentelemetry/sdk-logs';
import { createNowcast, type Nowcast } from '@nowcast/otel-exporter';
import { loadSpec, type AnalyticsSpec } from '@nowcast/otel-exporter/spec';
import { freePort, scrapeJobName, tempDir } from '@nowcast/test-support';
import { matcher } from '@nowcast/otel-exporter/contract';
import { emitShopEvent } from '../emit';
import { writeHistory } from '../history/simulateHistory';
import { shopSeasonality } from '../traffic/seasonality';
import { ShopTraffic } from '../traffic/traffic';
import type { ShopEvent } from '../traffic/sessions';
import type { WebhookNotification } from './notifications';

/** The repository's root, found upwards from this file (it runs from the sources in tests, from dist/ otherwise). */
function findRepoRoot(from: string): string {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'examples/shop/analytics.yaml'))) return dir;
  }
  throw new Error(`no repository root above ${from}`);
}

export const repoRoot = findRepoRoot(__dirname);
export const provisioning = join(repoRoot, 'provisioning');
const dayMs = 86_400_000;

export interface ShopOptions {
  readonly seed: number;
  /** Days of history simulated before the live part; 0 starts cold. */
  readonly historyDays: number;
  /** Listen on the well-known ports (the exporter's 9464, the webhook's) when free; tests take any free port. */
  readonly wellKnownPorts: boolean;
  /** How often history is snapshot, like a scrape interval, in seconds. */
  readonly historyStepSeconds: number;
  readonly log: (line: string) => void;
  /** Every notification Alertmanager posts to the webhook receiver of the generated config. */
  readonly onNotification: (notification: WebhookNotification, receivedAt: number) => void;
}

/** The simulated past, as timestamped OpenMetrics for promtool. */
export interface ShopHistory {
  readonly file: string;
  readonly startMs: number;
  readonly endMs: number;
  readonly events: number;
  readonly seconds: number;
}

export interface Shop {
  readonly spec: AnalyticsSpec;
  readonly nowcast: Nowcast;
  readonly traffic: ShopTraffic;
  /** host:port of the exporter's /metrics. */
  readonly exporterAddress: string;
  readonly exporterUrl: string;
  readonly webhookPort: number;
  readonly history: ShopHistory | undefined;
  /** A folder for the stack's files, removed on stop. */
  readonly workPath: string;
  /** Emits one event through the OTel Logs API, as the shop does. */
  emit(event: ShopEvent): void;
  stop(): Promise<void>;
}

/** The well-known port if it is free, else any free one (a second demo must not fail). */
export async function portNear(preferred: number, wellKnown: boolean): Promise<number> {
  if (!wellKnown) return freePort();
  const probe = createServer();
  const free = await new Promise<boolean>((resolve) => {
    probe.once('error', () => resolve(false));
    probe.listen(preferred, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
  return free ? preferred : freePort();
}

/** Receives Alertmanager's webhook notifications. */
function startWebhook(port: number, options: ShopOptions): Promise<Server> {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      try {
        options.onNotification(JSON.parse(body) as WebhookNotification, Date.now());
      } catch (error) {
        options.log(`alert  (unreadable notification: ${(error as Error).message})`);
      }
      res.writeHead(200).end();
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

const webhookUrl = /http:\/\/127\.0\.0\.1:(\d+)\//g;

/** The generated Alertmanager config, and the port of the webhook it posts to. */
export function generatedAlertmanagerConfig(): { config: string; webhookPort: number } {
  const config = readFileSync(join(provisioning, 'alertmanager/alertmanager.yml'), 'utf8');
  const port = [...config.matchAll(webhookUrl)][0]?.[1];
  if (port === undefined) {
    throw new Error('provisioning/alertmanager/alertmanager.yml names no loopback webhook url; regenerate it');
  }
  return { config, webhookPort: Number(port) };
}

/** The config with its webhook pointed at another port (stacks side by side in tests). */
export function withWebhookPort(config: string, port: number): string {
  return config.replace(webhookUrl, `http://127.0.0.1:${port}/`);
}

/**
 * The shop and its exporter: history is simulated through the exporter's own pipeline with its
 * clock following simulated time, then the same exporter and the same traffic continue live
 * through the OTel Logs API, so counters carry on from their historic values.
 */
export async function startShop(options: ShopOptions): Promise<Shop> {
  const spec = await loadSpec(join(repoRoot, 'examples/shop/analytics.yaml'));
  const live = Date.now();
  const historyStart = live - options.historyDays * dayMs;
  const clock = { now: historyStart, live: false };
  const nowcast = createNowcast({
    spec,
    clock: () => (clock.live ? Date.now() : clock.now),
    userIdKey: process.env[spec.exemplars.keyEnv] ?? 'nowcast-demo-key',
  });
  // One odd week: the second of the three, at 60 % of the usual traffic (a holiday).
  const holiday = options.historyDays >= 14 ? { startMs: live - 14 * dayMs, factor: 0.6 } : undefined;
  const traffic = new ShopTraffic(options.seed, historyStart, shopSeasonality(holiday));
  const work = tempDir('nowcast-demo');
  const exporterServer = await nowcast.listen({
    port: await portNear(9464, options.wellKnownPorts),
    host: '127.0.0.1',
  });
  const exporterAddress = `${exporterServer.address.address}:${exporterServer.address.port}`;

  let history: ShopHistory | undefined;
  if (options.historyDays > 0) {
    options.log(`history       simulating ${options.historyDays} days of the shop through the exporter…`);
    const file = join(work.path, 'history.om');
    const started = performance.now();
    const written = writeHistory({
      nowcast,
      clock,
      traffic,
      fromMs: historyStart,
      toMs: () => Date.now(),
      stepMs: options.historyStepSeconds * 1000,
      file,
      targetLabels: [matcher('job', scrapeJobName), matcher('instance', exporterAddress)].join(','),
    });
    history = {
      file,
      startMs: historyStart,
      endMs: written.endMs,
      events: written.events,
      seconds: (performance.now() - started) / 1000,
    };
  }
  clock.live = true;
  const loggerProvider = new LoggerProvider({ processors: [nowcast.processor] });
  const logger = loggerProvider.getLogger('shop');
  const tracer = new BasicTracerProvider().getTracer('shop');
  const emit = (event: ShopEvent) => emitShopEvent(logger, tracer, event);
  const tick = setInterval(() => traffic.due(Date.now()).forEach(emit), 200);

  const webhookPort = await portNear(generatedAlertmanagerConfig().webhookPort, options.wellKnownPorts);
  const webhook = await startWebhook(webhookPort, options);
  return {
    spec,
    nowcast,
    traffic,
    exporterAddress,
    exporterUrl: exporterServer.url,
    webhookPort,
    history,
    workPath: work.path,
    emit,
    async stop() {
      clearInterval(tick);
      await new Promise((resolve) => webhook.close(resolve));
      await nowcast.shutdown();
      await loggerProvider.shutdown();
      work.remove();
    },
  };
}
