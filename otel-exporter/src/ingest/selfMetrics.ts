import { labelNames } from '../contract/labels';
import { selfMetricNames } from '../contract/metricNames';
import { labelPair } from '../expose/labelText';
import type { MetricSink, MetricSource } from '../expose/metricSink';
import { dropReasons, type DropReason } from './dropReasons';

/** What the self metrics read from the rest of the exporter at scrape time. */
export interface SelfMetricReadings {
  series(): number;
  overflowedEvents(): number;
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
    const single = (name: string, type: 'counter' | 'gauge', help: string, value: number) => {
      sink.family({ name, type, help, unit: '1' });
      sink.sample('', sink.wantsAttributes ? {} : undefined, value);
    };
    single(selfMetricNames.received, 'counter', 'Product events received, counted or dropped', this.received);
    sink.family({ name: selfMetricNames.dropped, type: 'counter', help: 'Events dropped, by reason', unit: '1' });
    for (const [reason, count] of this.dropped) {
      sink.sample(
        labelPair(labelNames.reason, reason),
        sink.wantsAttributes ? { [labelNames.reason]: reason } : undefined,
        count
      );
    }
    single(
      selfMetricNames.overflowedSeries,
      'counter',
      "Events counted in their event's __other__ series because the series budget was spent",
      this.readings.overflowedEvents()
    );
    single(
      selfMetricNames.series,
      'gauge',
      'Labelled event series in use (the series budget counts these)',
      this.readings.series()
    );
    single(
      selfMetricNames.funnelUsers,
      'gauge',
      'Users holding funnel state (those with no open attempt are forgotten at the next sweep)',
      this.readings.funnelUsers()
    );
    single(
      selfMetricNames.funnelEvictions,
      'counter',
      'Users whose open funnel state was evicted to stay within limits.maxFunnelUsers',
      this.readings.funnelEvictions()
    );
    single(
      selfMetricNames.untrustedTimestamps,
      'counter',
      'Events timed by receipt because their timestamp was outside limits.timestampSkew',
      this.untrustedTimestamps
    );
  }
}
