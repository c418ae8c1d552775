/**
 * The queries the panel's hints suggest: the contract's, which the generated dashboard and the
 * preview run too, in the spec's namespace when the panel's `namespace` option names it.
 */
import {
  activeUsersQuery,
  defaultNamespace,
  eventRatesQuery,
  eventsInRangeQuery,
  funnelOutcomesQuery,
  funnelStepsQuery,
  grafanaRateInterval,
  medianTimeToConvertQuery,
} from '@nowcast/otel-exporter/contract';

/** Label values of the examples: the demo shop's. */
const example = { funnel: 'checkout', scope: 'shop', window: '5m', baselineAgo: '1w' } as const;

export interface ExampleQueries {
  readonly funnelSteps: string;
  /** The funnel's steps a week earlier, for the comparison option. */
  readonly funnelBaseline: string;
  /** Closed attempts by furthest step: settled conversion. */
  readonly funnelOutcomes: string;
  readonly funnelOutcomesBaseline: string;
  readonly medianTimeToConvert: string;
  readonly activeUsers: string;
  readonly eventRates: string;
  readonly eventsInRange: string;
}

export function exampleQueries(namespace: string): ExampleQueries {
  const ns = namespace === '' ? defaultNamespace : namespace;
  const funnel = { funnel: example.funnel };
  const weekAgo = { ...funnel, ago: example.baselineAgo };
  return {
    funnelSteps: funnelStepsQuery(ns, funnel),
    funnelBaseline: funnelStepsQuery(ns, weekAgo),
    funnelOutcomes: funnelOutcomesQuery(ns, funnel),
    funnelOutcomesBaseline: funnelOutcomesQuery(ns, weekAgo),
    medianTimeToConvert: medianTimeToConvertQuery(ns, funnel),
    activeUsers: activeUsersQuery(ns, example.scope, example.window),
    eventRates: eventRatesQuery(ns, grafanaRateInterval),
    eventsInRange: eventsInRangeQuery(ns),
  };
}
