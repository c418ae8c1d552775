import type { Attributes } from '@opentelemetry/api';
import type { MetricFamily } from '../contract/families';

/** The latest event behind a series, before its user id is pseudonymised. */
export interface ExemplarSource {
  readonly userId: string | undefined;
  readonly traceId: string | undefined;
  readonly spanId: string | undefined;
  readonly value: number;
  readonly timestampMs: number;
}

/**
 * The outputs that scrape, one bit each. Each sees a new series at 0 on its first collection and
 * its value from the next, so `increase()` and `rate()` count the series' first burst (a series
 * that first appears with its value would be missed); one output never uses up the other's zero.
 */
export const scraperBits = { text: 1, otlp: 2 } as const;
export type Scraper = keyof typeof scraperBits;
/** A new series is unseen by every scraper. */
export const unseenByAll = scraperBits.text | scraperBits.otlp;

/**
 * Where families write their series: the text exposition and the OTel MetricProducer both
 * implement it, so each family walks its own storage once, one way.
 */
export interface MetricSink {
  /** The output collecting; absent for inspection (tests, custom outputs): current values, nothing marked seen. */
  readonly scraper?: Scraper;
  /** Whether samples need an attributes object (OTLP) besides the escaped label text. */
  readonly wantsAttributes: boolean;
  /** Whether samples should pass their exemplar (OpenMetrics only). */
  readonly wantsExemplars: boolean;
  /** Starts a family: the contract's descriptor gives its names, type, unit and help. */
  family(descriptor: MetricFamily): void;
  /** Whether the sink keeps a family's samples (default: all); a source may skip computing those it does not. */
  keeps?(descriptor: MetricFamily): boolean;
  /** `labelText` is `a="b",c="d"`, already escaped, without braces. */
  sample(labelText: string, attributes: Attributes | undefined, value: number, exemplar?: ExemplarSource): void;
  /** `bucketCounts` are per bucket (not cumulative), one more than `boundaries` (the +Inf bucket). */
  histogram(
    labelText: string,
    attributes: Attributes | undefined,
    boundaries: readonly number[],
    bucketCounts: ArrayLike<number>,
    sum: number,
    count: number
  ): void;
}

/** Anything that exports series. */
export interface MetricSource {
  collect(sink: MetricSink): void;
}
