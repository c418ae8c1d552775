import { cpSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AnalyticsSpec } from '@nowcast/otel-exporter/spec';
import {
  startAlertmanager,
  startPrometheus,
  type RunningAlertmanager,
  type RunningPrometheus,
} from '@nowcast/test-support';
import { backfill } from '../history/backfill';
import { alertingExpressions, backfillLevels, historyNeeded, recordingRules } from '../history/ruleLevels';
import {
  generatedAlertmanagerConfig,
  portNear,
  provisioning,
  startShop,
  withWebhookPort,
  type Shop,
  type ShopOptions,
} from './shop';

export interface ShopStackOptions extends Omit<ShopOptions, 'historyStepSeconds'> {
  /** Prometheus' scrape interval in seconds (the demo's 5 s: fresh numbers within seconds). */
  readonly scrapeIntervalSeconds: number;
  /**
   * Start from a copy of another stack's backfilled history instead of simulating one: this
   * stack's exporter starts fresh, as after a deploy (tests run two stories side by side).
   */
  readonly historyOf?: ShopStack;
}

/** How long each part of the start took, in seconds. */
export interface StartTimings {
  readonly historySeconds: number;
  readonly importSeconds: number;
  readonly rulesSeconds: number;
  readonly totalSeconds: number;
  readonly historyEvents: number;
}

export interface ShopStack extends Shop {
  /** Prometheus' TSDB folder. */
  readonly storagePath: string;
  readonly prometheus: RunningPrometheus;
  readonly alertmanager: RunningAlertmanager;
  readonly timings: StartTimings;
}

/** Copies the persisted blocks of a TSDB (not its head, which the running Prometheus still writes). */
function copyBlocks(from: string, to: string): void {
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    if (entry.isDirectory() && existsSync(join(from, entry.name, 'meta.json'))) {
      cpSync(join(from, entry.name), join(to, entry.name), { recursive: true });
    }
  }
}

/** Rule files generated from the spec, in the order Prometheus loads them. */
export function ruleFilesOf(spec: AnalyticsSpec): string[] {
  return ['recording', 'baselines', 'alerts'].map((kind) =>
    join(provisioning, `prometheus/rules/${spec.namespace}-${kind}.yml`)
  );
}

/**
 * The shop with the monitoring stack its rules were generated for: its history backfilled into
 * Prometheus' TSDB (raw series, then the recording rules the baselines read from the past), a real
 * Prometheus scraping the live exporter and evaluating the generated rules, a real Alertmanager
 * routing to the shop's webhook.
 */
export async function startShopStack(options: ShopStackOptions): Promise<ShopStack> {
  const started = performance.now();
  // History is snapshot a twelfth as often as Prometheus scrapes: a minute apart at the demo's 5 s.
  const shop = await startShop({
    ...options,
    historyDays: options.historyOf === undefined ? options.historyDays : 0,
    historyStepSeconds: options.scrapeIntervalSeconds * 12,
  });
  const storagePath = join(shop.workPath, 'tsdb');
  if (options.historyOf !== undefined) copyBlocks(options.historyOf.storagePath, storagePath);
  let backfilled = { importSeconds: 0, rulesSeconds: 0 };
  if (shop.history !== undefined) {
    options.log(
      `history       ${shop.history.events.toLocaleString('en')} events in ${shop.history.seconds.toFixed(0)} s; loading into Prometheus…`
    );
    const files = ruleFilesOf(shop.spec).map((path) => readFileSync(path, 'utf8'));
    const rules = recordingRules(files);
    // Every lookback counts, even ten minutes: the first live evaluations read across the minutes
    // the backfill itself takes. Ranges count at most a day (see historyNeeded).
    const needed = historyNeeded(rules, {
      minimumSeconds: 1,
      longestRangeSeconds: 86_400,
      alerts: alertingExpressions(files),
    });
    backfilled = await backfill({
      storagePath,
      openMetricsFile: shop.history.file,
      levels: backfillLevels(rules, (rule) => needed.has(rule.record)),
      needed,
      startMs: shop.history.startMs,
      endMs: shop.history.endMs,
      evalIntervalSeconds: 300,
    });
  }
  const alertmanager = await startAlertmanager(
    withWebhookPort(generatedAlertmanagerConfig().config, shop.webhookPort),
    {
      port: await portNear(9093, options.wellKnownPorts),
      files: {
        'templates/nowcast.tmpl': readFileSync(join(provisioning, 'alertmanager/templates/nowcast.tmpl'), 'utf8'),
      },
    }
  );
  const prometheus = await startPrometheus({
    port: await portNear(9090, options.wellKnownPorts),
    targets: [shop.exporterAddress],
    scrapeInterval: `${options.scrapeIntervalSeconds}s`,
    evaluationInterval: '15s',
    ruleFiles: ruleFilesOf(shop.spec),
    alertmanager: alertmanager.address,
    storagePath,
    retention: `${options.historyDays + 7}d`,
  });
  return {
    ...shop,
    storagePath,
    prometheus,
    alertmanager,
    timings: {
      historySeconds: shop.history?.seconds ?? 0,
      historyEvents: shop.history?.events ?? 0,
      ...backfilled,
      totalSeconds: (performance.now() - started) / 1000,
    },
    async stop() {
      await prometheus.stop();
      await alertmanager.stop();
      await shop.stop();
    },
  };
}
