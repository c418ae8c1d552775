import type { AnalyticsSpec, PropertySpec } from '../spec/model';
import { conversionBuckets } from './buckets';

/** The most series a spec can produce, by family: what `validate` reports and the budget is compared with. */
export interface SeriesBound {
  readonly events: number;
  readonly eventValues: number;
  readonly funnels: number;
  /** HyperLogLog registers: fixed, always exported, outside the series budget. */
  readonly activeUserRegisters: number;
  /** Series that depend on property values; the series budget caps these. */
  readonly labelled: number;
  readonly total: number;
}

/** Label values a property can take: its maxValues values, `__other__` and the empty value (absent). */
export function labelValuesOf(property: Pick<PropertySpec, 'maxValues'>): number {
  return property.maxValues + 2;
}

export function seriesBound(spec: AnalyticsSpec): SeriesBound {
  let events = 0;
  let eventValues = 0;
  for (const event of spec.events) {
    const combinations = event.properties.reduce((n, p) => n * labelValuesOf(p), 1);
    events += combinations;
    if (event.value !== undefined) {
      eventValues += combinations;
    }
  }
  let funnels = 0;
  for (const funnel of spec.funnels) {
    const breakdownProperty = spec.events
      .find((e) => e.name === funnel.steps[0]?.event)
      ?.properties.find((p) => p.name === funnel.breakdown);
    const groups = breakdownProperty === undefined ? 1 : labelValuesOf(breakdownProperty);
    const steps = funnel.steps.length;
    // Histogram series per later step: each bucket, +Inf, _sum and _count.
    const histogramSeries = (steps - 1) * (conversionBuckets(funnel.window.seconds).length + 3);
    funnels += groups * (steps + steps + histogramSeries);
  }
  const activeUserRegisters =
    spec.activeUsers.scopes.length * spec.activeUsers.windows.length * 2 ** spec.activeUsers.precision;
  const labelled = events + eventValues + funnels;
  return { events, eventValues, funnels, activeUserRegisters, labelled, total: labelled + activeUserRegisters };
}
