/**
 * Funnel arithmetic. Conversions are percentages of real counts (step count × 100 / base
 * count), never Grafana's min/max-scaled percent, which maps the smallest step to 0 % and
 * makes every funnel look like it loses everyone.
 */

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
  /** count × 100 / first step's count; undefined when the first step is 0. */
  readonly conversionFromFirstStep: number | undefined;
  /** count × 100 / previous step's count; 100 for the first step; undefined when the base is 0. */
  readonly conversionFromPreviousStep: number | undefined;
  /** Attempts lost since the previous step (negative when more reached this step). */
  readonly dropOffFromPreviousStep: number | undefined;
  /** 100 − conversionFromPreviousStep. */
  readonly dropOffPercentFromPreviousStep: number | undefined;
}

/** count × 100 / base, or undefined when there is no base to compare against. */
export function percentOf(count: number, base: number): number | undefined {
  return base > 0 && Number.isFinite(base) && Number.isFinite(count) ? (count * 100) / base : undefined;
}

export function computeFunnel(steps: readonly StepCount[]): FunnelStepResult[] {
  const first = steps[0]?.count ?? 0;
  return steps.map((step, position) => {
    const count = step.count ?? 0;
    const conversionFromFirstStep = percentOf(count, first);
    // The first step has no previous one: it converts 100 % of itself and drops nobody.
    const previous = position === 0 ? undefined : (steps[position - 1]?.count ?? 0);
    const conversionFromPreviousStep = previous === undefined ? conversionFromFirstStep : percentOf(count, previous);
    return {
      name: step.name,
      position,
      count,
      missing: step.count === undefined,
      conversionFromFirstStep,
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
