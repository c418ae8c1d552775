/**
 * How much of the events the feed shows. Grafana's Prometheus backend keeps one exemplar per
 * query step when every exemplar has the same value (the exporter writes 1 per event; see
 * `host/grafana/exemplarSampler.ts`), so the feed is a sample whenever more than one event
 * happened in a step. The feed query counts the events in the range (`increase(…[$__range])`),
 * and its frames carry the step Grafana chose (`config.interval` of their time field).
 */
import { FieldType, ReducerID, type DataFrame } from '@grafana/data';
import { readSeries } from '../series/readSeries';

export interface FeedSample {
  /** The query step Grafana sampled exemplars by, in ms; undefined when no frame carries it. */
  readonly stepMs: number | undefined;
  /** Events in the range by the feed query's count; undefined without a count. */
  readonly eventsInRange: number | undefined;
  /** Events (exemplars) Grafana delivered for the range. */
  readonly delivered: number;
}

export function readFeedSample(seriesFrames: readonly DataFrame[], delivered: number): FeedSample {
  const interval: unknown = seriesFrames
    .flatMap((frame) => frame.fields.filter((field) => field.type === FieldType.time))
    .map((field) => field.config.interval)
    .find((value) => typeof value === 'number' && value > 0);
  const counts = readSeries(seriesFrames, ReducerID.lastNotNull).flatMap((series) =>
    series.value === undefined ? [] : [series.value]
  );
  return {
    stepMs: typeof interval === 'number' ? interval : undefined,
    eventsInRange: counts.length === 0 ? undefined : counts.reduce((sum, count) => sum + count, 0),
    delivered,
  };
}

/** Whether Grafana left events out: more were counted than delivered. */
export function isSample(sample: FeedSample): boolean {
  return sample.eventsInRange === undefined || Math.round(sample.eventsInRange) > sample.delivered;
}
