import { ValueType, type Attributes, type HrTime } from '@opentelemetry/api';
import { millisToHrTime } from '@opentelemetry/core';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  AggregationTemporality,
  DataPointType,
  type CollectionResult,
  type MetricData,
  type MetricProducer,
} from '@opentelemetry/sdk-metrics';
import type { MetricFamily } from '../contract/families';
import type { MetricSink, MetricSource } from './metricSink';

const scope = { name: '@nowcast/otel-exporter', version: '0.1.0' };

/** Builds sdk-metrics MetricData from the families (cumulative sums, gauges, explicit histograms). */
class OtelSink implements MetricSink {
  readonly scraper = 'otlp';
  readonly wantsAttributes = true;
  readonly wantsExemplars = false;
  readonly metrics: MetricData[] = [];
  private current: MetricData | undefined;

  constructor(
    private readonly startTime: HrTime,
    private readonly endTime: HrTime
  ) {}

  family(descriptor: MetricFamily): void {
    const common = {
      descriptor: {
        // OTLP names a monotonic sum without `_total`; the OTLP → Prometheus translation adds it back.
        name: descriptor.otelName,
        description: descriptor.help,
        unit: descriptor.unit,
        valueType: ValueType.DOUBLE,
      },
      aggregationTemporality: AggregationTemporality.CUMULATIVE,
    };
    switch (descriptor.type) {
      case 'counter':
        this.current = { ...common, dataPointType: DataPointType.SUM, isMonotonic: true, dataPoints: [] };
        break;
      case 'gauge':
        this.current = { ...common, dataPointType: DataPointType.GAUGE, dataPoints: [] };
        break;
      case 'histogram':
        this.current = { ...common, dataPointType: DataPointType.HISTOGRAM, dataPoints: [] };
        break;
    }
    this.metrics.push(this.current);
  }

  sample(_labelText: string, attributes: Attributes | undefined, value: number): void {
    const metric = this.current;
    if (metric?.dataPointType === DataPointType.SUM || metric?.dataPointType === DataPointType.GAUGE) {
      metric.dataPoints.push({ startTime: this.startTime, endTime: this.endTime, attributes: attributes ?? {}, value });
    }
  }

  histogram(
    _labelText: string,
    attributes: Attributes | undefined,
    boundaries: readonly number[],
    bucketCounts: ArrayLike<number>,
    sum: number,
    count: number
  ): void {
    const metric = this.current;
    if (metric?.dataPointType === DataPointType.HISTOGRAM) {
      metric.dataPoints.push({
        startTime: this.startTime,
        endTime: this.endTime,
        attributes: attributes ?? {},
        value: { buckets: { boundaries: [...boundaries], counts: Array.from(bucketCounts) }, sum, count },
      });
    }
  }
}

/**
 * An sdk-metrics MetricProducer: give it to any MetricReader (`metricProducers: [producer]`) and
 * the same series go out through any OTel metric exporter, e.g. OTLP to a Collector or Mimir.
 */
export class NowcastMetricProducer implements MetricProducer {
  private readonly startTime: HrTime;

  constructor(
    private readonly source: MetricSource,
    private readonly clock: () => number
  ) {
    this.startTime = millisToHrTime(clock());
  }

  async collect(): Promise<CollectionResult> {
    try {
      const sink = new OtelSink(this.startTime, millisToHrTime(this.clock()));
      this.source.collect(sink);
      return {
        // A reader keeps its SDK's resource and takes only our scope metrics.
        resourceMetrics: { resource: resourceFromAttributes({}), scopeMetrics: [{ scope, metrics: sink.metrics }] },
        errors: [],
      };
    } catch (error) {
      return { resourceMetrics: { resource: resourceFromAttributes({}), scopeMetrics: [] }, errors: [error] };
    }
  }
}
