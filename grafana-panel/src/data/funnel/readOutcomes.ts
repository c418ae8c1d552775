/**
 * Closed attempts by the furthest step they reached (`reached_step`), per breakdown group: the
 * contract's settled (cohort-exact) counts. Series of one outcome that differ in labels the panel
 * does not split by are added up; an outcome without a finite value makes the counts it feeds
 * unknown rather than smaller.
 */
import { labelNames } from '@nowcast/otel-exporter/contract';
import { toIndex } from '../frames';
import type { SeriesValue } from '../series/readSeries';

/** Per group: the attempts that ended at each reached step (index = reached step); NaN where unknown. */
export type OutcomesByGroup = Map<string, number[]>;

export function readOutcomes(series: readonly SeriesValue[], breakdown: string): OutcomesByGroup | undefined {
  const groups: OutcomesByGroup = new Map();
  let read = 0;
  for (const one of series) {
    const reached = toIndex(one.labels[labelNames.reachedStep]);
    if (reached === undefined) {
      continue;
    }
    read++;
    const group = breakdown === '' ? '' : (one.labels[breakdown] ?? '');
    const outcomes = groups.get(group) ?? [];
    groups.set(group, outcomes);
    while (outcomes.length <= reached) {
      outcomes.push(0);
    }
    outcomes[reached] = (outcomes[reached] ?? 0) + (one.value ?? Number.NaN);
  }
  return read === 0 ? undefined : groups;
}
