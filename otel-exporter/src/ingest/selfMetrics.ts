import { selfFamilies, type MetricFamily } from '../contract/families';
import { labelNames } from '../contract/labels';
import { labelPair } from '../expose/labelText';
import type { MetricSink, MetricSource } from '../expose/metricSink';
import { dropReasons, type DropReason } from './dropReasons';

/** What the self metrics read from the rest of the exporter at scrape time. */
export interface SelfMetricReadings {
  series(): number;
  funnelUsers(): number;
  funnelEvictions(): number;
}

/** The exporter's own health: `nowcast_exporter_*`. */
export class SelfMetrics implements MetricSource {
  received = 0;
  untrustedTimestamps = 0;
  private readonly dropped = new Map<DropReason, number>(dropReasons.map((r) => [r, 0]));

  constructor(private readonly readings: SelfMetricReadings) {}

  drop(reason: DropReason): void {
    this.dropped.set(reason, this.droppedFor(reason) + 1);
  }

  droppedFor(reason: DropReason): number {
    return this.dropped.get(reason) ?? 0;
  }

  collect(sink: MetricSink): void {
    const single = (family: MetricFamily, value: number) => {
      sink.family(family);
      sink.sample('', sink.wantsAttributes ? {} : undefined, value);
    };
    single(selfFamilies.received, this.received);
    sink.family(selfFamilies.dropped);
    for (const [reason, count] of this.dropped) {
      sink.sample(
        labelPair(labelNames.reason, reason),
        sink.wantsAttributes ? { [labelNames.reason]: reason } : undefined,
        count
      );
    }
    single(selfFamilies.series, this.readings.series());
    single(selfFamilies.funnelUsers, this.readings.funnelUsers());
    single(selfFamilies.funnelEvictions, this.readings.funnelEvictions());
    single(selfFamilies.untrustedTimestamps, this.untrustedTimestamps);
  }
}
