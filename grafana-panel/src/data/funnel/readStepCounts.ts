/**
 * Step counts from the steps queries' series, in one of two shapes:
 * 1. series labelled `step` (and `step_index`), as the contract's `funnelStepsQuery` returns them,
 *    in any Grafana format (time series, table, instant, range, wide or long);
 * 2. one query per step, in the order the steps option lists them, each step named by its legend.
 * Series of one step that differ in labels the panel does not split by are added up (several
 * instances, or a label the breakdown ignores). Anything else is refused with the query to write.
 */
import { labelNames } from '@nowcast/otel-exporter/contract';
import { toIndex } from '../frames';
import type { SeriesValue } from '../series/readSeries';

export type StepsShape = 'series-per-step' | 'query-per-step';

/** One value read for one step of one breakdown group. */
export interface StepObservation {
  readonly step: string;
  /** `step_index` when the data has it; steps without one keep the order they came in. */
  readonly stepIndex: number | undefined;
  /** Breakdown label value; '' when there is no breakdown. */
  readonly group: string;
  readonly value: number | undefined;
  readonly source: SeriesValue['source'];
}

export interface QuerySeries {
  readonly refId: string;
  readonly series: readonly SeriesValue[];
}

export type ReadStepsResult =
  | { readonly kind: 'ok'; readonly shape: StepsShape; readonly observations: StepObservation[] }
  | { readonly kind: 'unsupported'; readonly message: string };

const groupOf = (series: SeriesValue, breakdown: string) => (breakdown === '' ? '' : (series.labels[breakdown] ?? ''));

function fromLabelledSeries(queries: readonly QuerySeries[], breakdown: string): StepObservation[] {
  return queries.flatMap(({ series }) =>
    series
      .filter((one) => one.labels[labelNames.step] !== undefined)
      .map((one) => ({
        step: one.labels[labelNames.step]!,
        stepIndex: toIndex(one.labels[labelNames.stepIndex]),
        group: groupOf(one, breakdown),
        value: one.value,
        source: one.source,
      }))
  );
}

function fromQueryPerStep(queries: readonly QuerySeries[], breakdown: string): StepObservation[] | undefined {
  const observations: StepObservation[] = [];
  for (const [position, { series }] of queries.entries()) {
    if (series.length === 0 || new Set(series.map((one) => groupOf(one, breakdown))).size !== series.length) {
      // No series, or several that the breakdown cannot tell apart: not "one query per step".
      return undefined;
    }
    for (const one of series) {
      observations.push({
        step: series[0]!.name,
        stepIndex: position,
        group: groupOf(one, breakdown),
        value: one.value,
        source: one.source,
      });
    }
  }
  return observations;
}

export function readStepCounts(
  queries: readonly QuerySeries[],
  breakdown: string,
  exampleQuery: string
): ReadStepsResult {
  const labelled = fromLabelledSeries(queries, breakdown);
  if (labelled.length > 0) {
    return { kind: 'ok', shape: 'series-per-step', observations: labelled };
  }
  const perQuery = fromQueryPerStep(queries, breakdown);
  if (perQuery !== undefined && perQuery.length > 0) {
    return { kind: 'ok', shape: 'query-per-step', observations: perQuery };
  }
  return {
    kind: 'unsupported',
    message:
      `The funnel needs one value per step, but the steps query returned series without a \`${labelNames.step}\` label ` +
      `(or several unlabelled series in one query). Write one query that returns a series per step: ` +
      `${exampleQuery} — or a table with a "${labelNames.step}" column, or one query per step, listed in order.`,
  };
}
