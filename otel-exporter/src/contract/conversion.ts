import { binary, paren, type VectorMatching } from './promql';

/*
 * Funnel conversion, defined once: the recording rules write it in PromQL and the panel computes it
 * from counts with the functions below; tests hold the two together.
 *
 * - Live conversion compares step counters (`…_funnel_step_total`): attempts that reached step k
 *   over attempts that reached the base step, in the same window. It moves the moment users convert.
 * - Settled conversion compares closed attempts by furthest step (`…_funnel_attempts_total`):
 *   attempts that reached at least step k over those that reached at least the base step.
 * The base is the first step or the previous one. Without a base there is no conversion: undefined
 * here, an absent series in PromQL, never 0 or NaN.
 */

export type ConversionBase = 'first' | 'previous';

/** The step a conversion to `step` is measured against (the first step is its own base). */
export function baseStepIndex(step: number, base: ConversionBase): number {
  return base === 'first' ? 0 : Math.max(0, step - 1);
}

/** reached / base as a ratio from 0 to 1 (or above, when the data are inconsistent); undefined without a base. */
export function conversionRatio(reached: number | undefined, base: number | undefined): number | undefined {
  if (reached === undefined || base === undefined || !Number.isFinite(reached) || !Number.isFinite(base)) {
    return undefined;
  }
  return base > 0 ? reached / base : undefined;
}

/** Live conversion to `step` from step counts (index = step index). */
export function liveConversion(
  stepCounts: readonly (number | undefined)[],
  step: number,
  base: ConversionBase
): number | undefined {
  return conversionRatio(stepCounts[step], stepCounts[baseStepIndex(step, base)]);
}

/** Closed attempts whose furthest step is `step` or later, from outcomes by furthest step. */
export function attemptsReachedAtLeast(outcomes: readonly number[], step: number): number {
  let total = 0;
  for (let i = step; i < outcomes.length; i++) total += outcomes[i] ?? 0;
  return total;
}

/** Settled conversion to `step` from closed attempts by furthest step (index = reached step). */
export function settledConversion(outcomes: readonly number[], step: number, base: ConversionBase): number | undefined {
  return conversionRatio(
    attemptsReachedAtLeast(outcomes, step),
    attemptsReachedAtLeast(outcomes, baseStepIndex(step, base))
  );
}

/** The `reached_step` values of attempts that reached at least `step` of a funnel with `stepCount` steps. */
export function reachedStepsFrom(stepCount: number, step: number): string[] {
  return Array.from({ length: Math.max(0, stepCount - step) }, (_, i) => String(step + i));
}

/** `numerator / (denominator > 0)`: the PromQL of `conversionRatio`, absent where there is no base (also used for error ratios). */
export function ratioPromql(numerator: string, denominator: string, matching?: VectorMatching): string {
  return binary(numerator, '/', paren(binary(denominator, '>', 0)), matching);
}
