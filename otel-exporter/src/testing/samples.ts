import type { Attributes } from '@opentelemetry/api';
import type { MetricFamily } from '../contract/families';
import type { ExemplarSource, MetricSink, MetricSource } from '../expose/metricSink';

export interface RecordedSample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
  readonly exemplar?: ExemplarSource;
}

function labelsOf(attributes: Attributes | undefined): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const [key, value] of Object.entries(attributes ?? {})) labels[key] = String(value);
  return labels;
}

/** Collects a source's series as plain samples (histograms as _bucket/_sum/_count), for assertions. */
export function collectSamples(source: MetricSource): RecordedSample[] {
  const samples: RecordedSample[] = [];
  let family: Pick<MetricFamily, 'name'> = { name: '' };
  const sink: MetricSink = {
    wantsAttributes: true,
    wantsExemplars: true,
    family: (descriptor) => {
      family = descriptor;
    },
    sample: (_text, attributes, value, exemplar) => {
      samples.push({ name: family.name, labels: labelsOf(attributes), value, exemplar });
    },
    histogram: (_text, attributes, boundaries, counts, sum, count) => {
      let cumulative = 0;
      for (let i = 0; i <= boundaries.length; i++) {
        cumulative += counts[i] ?? 0;
        const le = i === boundaries.length ? '+Inf' : String(boundaries[i]);
        samples.push({ name: `${family.name}_bucket`, labels: { ...labelsOf(attributes), le }, value: cumulative });
      }
      samples.push({ name: `${family.name}_sum`, labels: labelsOf(attributes), value: sum });
      samples.push({ name: `${family.name}_count`, labels: labelsOf(attributes), value: count });
    },
  };
  source.collect(sink);
  return samples;
}

/**
 * The value of the one sample named `name` whose labels include `labels`, summed over the rest
 * (like PromQL `sum(name{labels})`); 0 when none matches.
 */
export function sumOf(samples: readonly RecordedSample[], name: string, labels: Record<string, string> = {}): number {
  return samples
    .filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))
    .reduce((total, s) => total + s.value, 0);
}
