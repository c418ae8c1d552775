import { selfFamilies, type MetricFamily } from '../contract/families';
import { labelNames } from '../contract/labels';
import { labelPair } from '../expose/labelText';
import type { MetricSink, MetricSource } from '../expose/metricSink';
import { dropReasons, type DropReason } from './dropReasons';

/** A count with its labels, in exposition order. */
export interface LabelledCount {
  readonly labels: readonly (readonly [name: string, value: string])[];
  readonly value: number;
}

/** What the self metrics read from the rest of the exporter at scrape time. */
export interface SelfMetricReadings {
  /** Epoch milliseconds the pipeline was created. */
  startedAtMs(): number;
  series(): number;
  funnelUsers(): number;
  funnelEvictions(): number;
  /** Orphan steps by funnel. */
  orphanSteps(): readonly LabelledCount[];
  /** Values counted as `__other__`, by event and property. */
  propertyOverflows(): readonly LabelledCount[];
}

/** The exporter's own health: `nowcast_exporter_*`. */
export class SelfMetrics implements MetricSource {
  received = 0;
  undeclared = 0;
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
    const labelled = (family: MetricFamily, counts: readonly LabelledCount[]) => {
      sink.family(family);
      for (const { labels, value } of counts) {
        sink.sample(
          labels.map(([name, text]) => labelPair(name, text)).join(','),
          sink.wantsAttributes ? Object.fromEntries(labels) : undefined,
          value
        );
      }
    };
    single(selfFamilies.received, this.received);
    labelled(
      selfFamilies.dropped,
      [...this.dropped].map(([reason, value]) => ({ labels: [[labelNames.reason, reason]], value }))
    );
    single(selfFamilies.undeclaredEvents, this.undeclared);
    single(selfFamilies.series, this.readings.series());
    single(selfFamilies.funnelUsers, this.readings.funnelUsers());
    single(selfFamilies.funnelEvictions, this.readings.funnelEvictions());
    labelled(selfFamilies.orphanSteps, this.readings.orphanSteps());
    labelled(selfFamilies.propertyOverflow, this.readings.propertyOverflows());
    single(selfFamilies.untrustedTimestamps, this.untrustedTimestamps);
    single(selfFamilies.startTime, this.readings.startedAtMs() / 1000);
  }
}
