import type { Attributes } from '@opentelemetry/api';
import { conversionBuckets } from '../contract/buckets';
import { labelNames } from '../contract/labels';
import { FirstExposure } from '../expose/firstExposure';
import { labelPair } from '../expose/labelText';
import type { MetricSink } from '../expose/metricSink';
import type { FunnelDefinition } from './funnelDefinition';

/**
 * The counters of one funnel, per breakdown group: attempts reaching each step, settled attempts by
 * furthest step, and the time-to-convert histogram of each later step. Flat typed arrays. A group
 * is exported from the start when its value is known up front, else once used; each scraper sees
 * a newly exported group at 0 once.
 */
export class FunnelCounters {
  private readonly stepCount: number;
  private readonly stepReached: Float64Array;
  private readonly attemptsClosed: Float64Array;
  private readonly bounds: readonly number[];
  private readonly bucketCounts: Float64Array;
  private readonly conversionSums: Float64Array;
  private readonly conversionCounts: Float64Array;
  /** Groups exported: all of them when their values are known up front, else once seen. */
  private readonly exported: Uint8Array;
  private readonly exposure = new FirstExposure();

  constructor(private readonly funnel: FunnelDefinition) {
    const n = funnel.steps.length;
    this.stepCount = n;
    this.stepReached = new Float64Array(funnel.groups * n);
    this.attemptsClosed = new Float64Array(funnel.groups * n);
    this.bounds = conversionBuckets(funnel.windowSeconds);
    this.bucketCounts = new Float64Array(funnel.groups * (n - 1) * (this.bounds.length + 1));
    this.conversionSums = new Float64Array(funnel.groups * (n - 1));
    this.conversionCounts = new Float64Array(funnel.groups * (n - 1));
    this.exported = new Uint8Array(funnel.groups);
    const initial = funnel.breakdown === undefined ? [0] : funnel.breakdown.initialIndices();
    for (const group of initial ?? []) this.export(group);
  }

  reached(group: number, step: number): void {
    if (this.exported[group] !== 1) this.export(group);
    this.stepReached[group * this.stepCount + step] = this.stepsReached(group, step) + 1;
  }

  /** The group's breakdown value aged out: its series leave the exposition, and start afresh if it is reused. */
  reset(group: number): void {
    this.exported[group] = 0;
    const n = this.stepCount;
    this.stepReached.fill(0, group * n, group * n + n);
    this.attemptsClosed.fill(0, group * n, group * n + n);
    const width = this.bounds.length + 1;
    this.bucketCounts.fill(0, group * (n - 1) * width, (group + 1) * (n - 1) * width);
    this.conversionSums.fill(0, group * (n - 1), (group + 1) * (n - 1));
    this.conversionCounts.fill(0, group * (n - 1), (group + 1) * (n - 1));
  }

  /** After the steps, attempts and conversion of a collection: its scraper has seen every group. */
  collected(sink: MetricSink): void {
    this.exposure.collected(sink, this.funnel.groups);
  }

  private export(group: number): void {
    this.exported[group] = 1;
    this.exposure.created(group);
  }

  closed(group: number, furthestStep: number): void {
    this.attemptsClosed[group * this.stepCount + furthestStep] = this.attempts(group, furthestStep) + 1;
  }

  converted(group: number, step: number, seconds: number): void {
    const series = group * (this.stepCount - 1) + step - 1;
    this.conversionSums[series] = (this.conversionSums[series] ?? 0) + seconds;
    this.conversionCounts[series] = (this.conversionCounts[series] ?? 0) + 1;
    // A plain loop: the sweep settles thousands of attempts per tick, with no closure per call.
    let bucket = 0;
    while (bucket < this.bounds.length && seconds > (this.bounds[bucket] ?? Infinity)) bucket++;
    const at = series * (this.bounds.length + 1) + bucket;
    this.bucketCounts[at] = (this.bucketCounts[at] ?? 0) + 1;
  }

  private stepsReached(group: number, step: number): number {
    return this.stepReached[group * this.stepCount + step] ?? 0;
  }

  private attempts(group: number, furthestStep: number): number {
    return this.attemptsClosed[group * this.stepCount + furthestStep] ?? 0;
  }

  collectSteps(sink: MetricSink): void {
    this.forEachGroup((group, breakdownText, breakdown) => {
      this.funnel.steps.forEach((step, k) => {
        const text = `${this.funnelLabel()},${labelPair(labelNames.step, step.name)},${labelPair(labelNames.stepIndex, String(k))}${breakdownText}`;
        const attributes = sink.wantsAttributes
          ? { ...this.attributes(breakdown), [labelNames.step]: step.name, [labelNames.stepIndex]: String(k) }
          : undefined;
        sink.sample(text, attributes, this.exposure.visible(sink, group, this.stepsReached(group, k)));
      });
    });
  }

  collectAttempts(sink: MetricSink): void {
    this.forEachGroup((group, breakdownText, breakdown) => {
      for (let k = 0; k < this.stepCount; k++) {
        const text = `${this.funnelLabel()},${labelPair(labelNames.reachedStep, String(k))}${breakdownText}`;
        const attributes = sink.wantsAttributes
          ? { ...this.attributes(breakdown), [labelNames.reachedStep]: String(k) }
          : undefined;
        sink.sample(text, attributes, this.exposure.visible(sink, group, this.attempts(group, k)));
      }
    });
  }

  collectConversion(sink: MetricSink): void {
    const width = this.bounds.length + 1;
    this.forEachGroup((group, breakdownText, breakdown) => {
      this.funnel.steps.forEach(({ name: stepName }, k) => {
        if (k === 0) return;
        const series = group * (this.stepCount - 1) + k - 1;
        const text = `${this.funnelLabel()},${labelPair(labelNames.step, stepName)}${breakdownText}`;
        const attributes = sink.wantsAttributes
          ? { ...this.attributes(breakdown), [labelNames.step]: stepName }
          : undefined;
        const seen = this.exposure.seen(sink, group);
        sink.histogram(
          text,
          attributes,
          this.bounds,
          seen ? this.bucketCounts.subarray(series * width, series * width + width) : noBuckets(width),
          seen ? (this.conversionSums[series] ?? 0) : 0,
          seen ? (this.conversionCounts[series] ?? 0) : 0
        );
      });
    });
  }

  private funnelLabel(): string {
    return labelPair(labelNames.funnel, this.funnel.name);
  }

  private attributes(breakdown: string | undefined): Attributes {
    const attributes: Attributes = { [labelNames.funnel]: this.funnel.name };
    if (breakdown !== undefined && this.funnel.breakdown !== undefined) {
      attributes[this.funnel.breakdown.name] = breakdown;
    }
    return attributes;
  }

  private forEachGroup(visit: (group: number, breakdownText: string, breakdown: string | undefined) => void): void {
    const property = this.funnel.breakdown;
    for (let group = 0; group < this.funnel.groups; group++) {
      if (this.exported[group] === 1) {
        visit(group, property?.fragments[group] ?? '', property?.values[group]);
      }
    }
  }
}

/** Empty bucket counts, for a histogram shown at 0. */
function noBuckets(width: number): Float64Array {
  return new Float64Array(width);
}
