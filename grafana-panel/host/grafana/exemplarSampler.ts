/**
 * Grafana's exemplar sampling, which decides which events reach a panel. Reproduced from
 * grafana/grafana `pkg/promlib/querydata/exemplar/`:
 * - `sampler_stddev.go` (`StandardDeviationSampler`, the Prometheus data source's only sampler):
 *   exemplars are bucketed by their timestamp aligned down to the query step; the mean and
 *   variance of every value in the response are kept with Welford's algorithm; per bucket, sorted
 *   by value descending (stable), the first is kept and each next one only when it lies more than
 *   two standard deviations below the last one kept. With every value equal (the exporter's 1 per
 *   event) the deviation is 0, so each bucket keeps exactly one exemplar: its first in response
 *   order. The kept ones are sorted by time (stable);
 * - `framer.go` and `labels.go`: the kept exemplars become one frame named "exemplar": Time,
 *   Value, then one string field per label name (series labels and exemplar labels, sorted), the
 *   exemplar's own label winning over the series'.
 */
import { alignToStep } from './interval';
import type { WireField, WireFrame } from './wireFrame';

export interface Exemplar {
  /** Epoch ms. */
  readonly timestamp: number;
  readonly value: number;
  readonly seriesLabels: Readonly<Record<string, string>>;
  /** The exemplar's own labels (its frame's string fields at its row). */
  readonly labels: Readonly<Record<string, string>>;
}

export class StandardDeviationSampler {
  private readonly buckets = new Map<number, Exemplar[]>();
  private count = 0;
  private mean = 0;
  private m2 = 0;

  constructor(private readonly stepMs: number) {}

  add(exemplar: Exemplar): void {
    const bucket = alignToStep(exemplar.timestamp, this.stepMs);
    this.count++;
    const delta = exemplar.value - this.mean;
    this.mean += delta / this.count;
    this.m2 += delta * (exemplar.value - this.mean);
    const kept = this.buckets.get(bucket);
    if (kept === undefined) {
      this.buckets.set(bucket, [exemplar]);
    } else {
      kept.push(exemplar);
    }
  }

  private standardDeviation(): number {
    return this.count < 2 ? 0 : Math.sqrt(this.m2 / (this.count - 1));
  }

  sample(): Exemplar[] {
    const deviation = this.standardDeviation();
    const sampled: Exemplar[] = [];
    for (const bucket of this.buckets.values()) {
      // Array.prototype.sort is stable, as Go's sort.SliceStable.
      const byValue = [...bucket].sort((a, b) => b.value - a.value);
      const kept: Exemplar[] = [];
      for (const exemplar of byValue) {
        const previous = kept[kept.length - 1];
        if (previous === undefined || (deviation !== 0 && previous.value - exemplar.value > deviation * 2)) {
          kept.push(exemplar);
        }
      }
      sampled.push(...kept);
    }
    return sampled.sort((a, b) => a.timestamp - b.timestamp);
  }
}

/** The one frame the framer builds from the kept exemplars, or none when nothing was kept. */
export function exemplarFrame(
  refId: string,
  meta: Record<string, unknown>,
  kept: readonly Exemplar[],
  labelNames: ReadonlySet<string>
): WireFrame | undefined {
  if (kept.length === 0) {
    return undefined;
  }
  const names = [...labelNames].sort();
  const labelFields: WireField[] = names.map((name) => ({ name, type: 'string', config: {}, values: [] }));
  for (const exemplar of kept) {
    names.forEach((name, index) => {
      labelFields[index]!.values.push(exemplar.labels[name] ?? exemplar.seriesLabels[name] ?? '');
    });
  }
  return {
    refId,
    name: 'exemplar',
    meta,
    fields: [
      { name: 'Time', type: 'time', config: {}, values: kept.map((exemplar) => exemplar.timestamp) },
      { name: 'Value', type: 'number', config: {}, values: kept.map((exemplar) => exemplar.value) },
      ...labelFields,
    ],
  };
}
