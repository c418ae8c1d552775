import { closeSync, openSync, writeSync } from 'node:fs';
import { selfMetricNames, type MetricFamily } from '@nowcast/otel-exporter/contract';
import type { Nowcast } from '@nowcast/otel-exporter';
import { shopEventAttributes } from '../emit';
import type { ShopTraffic } from '../traffic/traffic';
import { OpenMetricsHistory, openMetricsEnd } from './openMetricsHistory';

export interface HistoryRun {
  /** The exporter the history goes through; its clock must read `clock.now`. */
  readonly nowcast: Nowcast;
  readonly clock: { now: number };
  readonly traffic: ShopTraffic;
  readonly fromMs: number;
  /** The end, read at each step: writing weeks takes a while, and the history must reach "now". */
  readonly toMs: () => number;
  /** Time between two snapshots, like a scrape interval. */
  readonly stepMs: number;
  /** Where the timestamped OpenMetrics goes. */
  readonly file: string;
  /** The labels Prometheus' scrape of the live exporter adds (see OpenMetricsHistory). */
  readonly targetLabels: string;
}

export interface HistoryWritten {
  readonly events: number;
  readonly snapshots: number;
  readonly dropped: number;
  /** The time of the last snapshot. */
  readonly endMs: number;
}

const selfNames = new Set<string>(Object.values(selfMetricNames));

/**
 * The counters every rate, funnel and baseline is computed from; the exporter's own health
 * metrics, the HyperLogLog registers and the time-to-convert histograms are left out.
 */
export function historyFamilies(family: MetricFamily): boolean {
  return family.type === 'counter' && !selfNames.has(family.name);
}

/**
 * Plays the shop's traffic from `fromMs` to `toMs` through the exporter's own pipeline (the path
 * every OTel log record takes) with the exporter's clock following the simulated time, and writes
 * a snapshot every `stepMs`. The exporter keeps its state: live traffic can continue from `toMs`.
 */
export function writeHistory(run: HistoryRun): HistoryWritten {
  const { nowcast, clock, traffic } = run;
  const history = new OpenMetricsHistory(historyFamilies, run.targetLabels);
  const fd = openSync(run.file, 'w');
  let events = 0;
  let dropped = 0;
  let snapshots = 0;
  let endMs = run.fromMs;
  try {
    clock.now = run.fromMs;
    writeSync(fd, history.header(nowcast.pipeline));
    for (let now = run.fromMs; now <= run.toMs(); now += run.stepMs) {
      clock.now = now;
      for (const event of traffic.due(now)) {
        events++;
        if (nowcast.pipeline.record(event.name, shopEventAttributes(event), event.time) !== undefined) dropped++;
      }
      nowcast.sweep();
      writeSync(fd, history.snapshot(nowcast.pipeline, now));
      snapshots++;
      endMs = now;
    }
    writeSync(fd, openMetricsEnd);
  } finally {
    closeSync(fd);
  }
  return { events, snapshots, dropped, endMs };
}
