/**
 * Median seconds to convert per step, per breakdown group. A median cannot be added to another:
 * when the query returns several series for one step (split by a label the funnel is not broken
 * down by), that step gets no median and a notice names the label, instead of "40 s + 60 s".
 */
import { labelNames } from '@nowcast/otel-exporter/contract';
import type { Notice } from '../notices';
import type { SeriesValue } from '../series/readSeries';

export interface Medians {
  /** group → step → seconds; a group without its own series uses the funnel-wide one (''). */
  readonly byGroup: Map<string, Map<string, number | undefined>>;
  readonly notices: Notice[];
}

/** Labels whose values differ between the series. */
function differingLabels(series: readonly SeriesValue[]): string[] {
  const names = new Set(series.flatMap((one) => Object.keys(one.labels)));
  return [...names].filter((name) => new Set(series.map((one) => one.labels[name])).size > 1);
}

export function readMedians(series: readonly SeriesValue[], breakdown: string, medianRefId: string): Medians {
  const seen = new Map<string, SeriesValue[]>();
  for (const one of series) {
    const step = one.labels[labelNames.step];
    if (step === undefined) {
      continue;
    }
    const group = breakdown === '' ? '' : (one.labels[breakdown] ?? '');
    const key = JSON.stringify([group, step]);
    seen.set(key, [...(seen.get(key) ?? []), one]);
  }
  const byGroup = new Map<string, Map<string, number | undefined>>();
  const notices: Notice[] = [];
  for (const [key, same] of seen) {
    const [group, step] = JSON.parse(key) as [string, string];
    const steps = byGroup.get(group) ?? new Map<string, number | undefined>();
    byGroup.set(group, steps);
    if (same.length === 1) {
      steps.set(step, same[0]!.value);
      continue;
    }
    steps.set(step, undefined);
    notices.push({
      severity: 'warning',
      text:
        `The median query returns ${same.length} series for ${step} (they differ in ${differingLabels(same).join(', ')}); ` +
        `medians cannot be added, so none is shown. Aggregate query ${medianRefId} by ${labelNames.step} and ${labelNames.bucketBound} only` +
        `${breakdown === '' ? '' : ` (and ${breakdown})`}.`,
    });
  }
  return { byGroup, notices };
}
