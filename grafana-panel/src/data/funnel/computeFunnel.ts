/**
 * Funnel arithmetic. Conversions are the contract's (live conversion from step counters, settled
 * conversion from closed attempts) as percentages of real counts, never Grafana's min/max-scaled
 * percent, which maps the smallest step to 0 % and makes every funnel look like it loses everyone.
 * A step without data has no count, no conversion and no drop-off: it is never drawn as 0.
 */
import {
  attemptsReachedAtLeast,
  baseStepIndex,
  conversionRatio,
  type ConversionBase,
} from '@nowcast/otel-exporter/contract';

export interface FunnelStepResult {
  readonly name: string;
  /** 0-based position in the funnel. */
  readonly position: number;
  /** Attempts that reached the step; undefined when the query returned no (finite) value for it. */
  readonly count: number | undefined;
  /** 100 × conversion from the first step; undefined without both counts or when the first is 0. */
  readonly conversionFromFirstStep: number | undefined;
  /** 100 × conversion from the previous step; 100 for the first step. */
  readonly conversionFromPreviousStep: number | undefined;
  /** Attempts lost since the previous step (negative when more reached this step). */
  readonly dropOffFromPreviousStep: number | undefined;
  /** 100 − conversionFromPreviousStep. */
  readonly dropOffPercentFromPreviousStep: number | undefined;
}

function percent(ratio: number | undefined): number | undefined {
  return ratio === undefined ? undefined : ratio * 100;
}

/** The base count a conversion to `position` is measured against. */
export function baseCount(counts: ReadonlyArray<number | undefined>, position: number, base: ConversionBase) {
  return counts[baseStepIndex(position, base)];
}

/** Results for steps counted `counts` (index = step position; undefined where there was no data). */
export function computeFunnel(names: readonly string[], counts: ReadonlyArray<number | undefined>): FunnelStepResult[] {
  return names.map((name, position) => {
    const count = counts[position];
    const previous = position === 0 ? undefined : counts[position - 1];
    const conversionFromPreviousStep = percent(conversionRatio(count, baseCount(counts, position, 'previous')));
    return {
      name,
      position,
      count,
      conversionFromFirstStep: percent(conversionRatio(count, baseCount(counts, position, 'first'))),
      conversionFromPreviousStep,
      dropOffFromPreviousStep: count === undefined || previous === undefined ? undefined : previous - count,
      dropOffPercentFromPreviousStep:
        position === 0 || conversionFromPreviousStep === undefined ? undefined : 100 - conversionFromPreviousStep,
    };
  });
}

/**
 * Settled counts: attempts that reached at least each step, from closed attempts by furthest step
 * (the contract's `attemptsReachedAtLeast`). An unknown outcome (NaN) leaves every step it counts
 * towards unknown.
 */
export function settledCounts(outcomes: readonly number[], stepCount: number): Array<number | undefined> {
  return Array.from({ length: stepCount }, (_, step) => {
    const total = attemptsReachedAtLeast(outcomes, step);
    return Number.isFinite(total) ? total : undefined;
  });
}

/** Change from the baseline in percentage points (e.g. 42 % now vs 40 % last week → +2). */
export function changeInPoints(current: number | undefined, baseline: number | undefined): number | undefined {
  return current === undefined || baseline === undefined ? undefined : current - baseline;
}
