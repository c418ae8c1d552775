/**
 * Funnel arithmetic. Conversions are the contract's live conversion (the ratio the recording
 * rules write) as percentages of real counts, never Grafana's min/max-scaled percent, which maps
 * the smallest step to 0 % and makes every funnel look like it loses everyone.
 */
import { baseStepIndex, liveConversion, type ConversionBase } from '@nowcast/otel-exporter/contract';

/** How many attempts reached one step; `count` is undefined when the query returned nothing for it. */
export interface StepCount {
  readonly name: string;
  readonly count: number | undefined;
}

export interface FunnelStepResult {
  readonly name: string;
  /** 0-based position in the funnel. */
  readonly position: number;
  /** Attempts that reached the step (0 when the step had no data). */
  readonly count: number;
  /** True when the query returned no value for this step. */
  readonly missing: boolean;
  /** 100 × the contract's live conversion from the first step; undefined when the first step is 0. */
  readonly conversionFromFirstStep: number | undefined;
  /** 100 × the live conversion from the previous step; 100 for the first step; undefined when the base is 0. */
  readonly conversionFromPreviousStep: number | undefined;
  /** Attempts lost since the previous step (negative when more reached this step). */
  readonly dropOffFromPreviousStep: number | undefined;
  /** 100 − conversionFromPreviousStep. */
  readonly dropOffPercentFromPreviousStep: number | undefined;
}

function percent(ratio: number | undefined): number | undefined {
  return ratio === undefined ? undefined : ratio * 100;
}

export function computeFunnel(steps: readonly StepCount[]): FunnelStepResult[] {
  // A step without data is drawn as 0, so it also counts as 0 in conversions.
  const counts = steps.map((step) => step.count ?? 0);
  const conversion = (position: number, base: ConversionBase) => percent(liveConversion(counts, position, base));
  return steps.map((step, position) => {
    const count = counts[position] ?? 0;
    // The first step is its own base: it converts 100 % of itself and drops nobody.
    const previousIndex = baseStepIndex(position, 'previous');
    const previous = previousIndex === position ? undefined : counts[previousIndex];
    const conversionFromPreviousStep = conversion(position, 'previous');
    return {
      name: step.name,
      position,
      count,
      missing: step.count === undefined,
      conversionFromFirstStep: conversion(position, 'first'),
      conversionFromPreviousStep,
      dropOffFromPreviousStep: previous === undefined ? undefined : previous - count,
      dropOffPercentFromPreviousStep:
        previous === undefined || conversionFromPreviousStep === undefined
          ? undefined
          : 100 - conversionFromPreviousStep,
    };
  });
}

/** Change from the baseline in percentage points (e.g. 42 % now vs 40 % last week → +2). */
export function changeInPoints(current: number | undefined, baseline: number | undefined): number | undefined {
  return current === undefined || baseline === undefined ? undefined : current - baseline;
}
