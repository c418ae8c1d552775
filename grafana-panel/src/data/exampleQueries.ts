/**
 * The queries the panel's hints suggest: the contract's, which the generated dashboard and the
 * preview run too, in the spec's namespace when the panel's `namespace` option names it.
 */
import {
  activeUsersQuery,
  defaultNamespace,
  eventRatesQuery,
  funnelStepsQuery,
  medianTimeToConvertQuery,
} from '@nowcast/otel-exporter/contract';

/** Label values of the examples: the demo shop's. */
const example = { funnel: 'checkout', scope: 'shop', window: '5m', baselineAgo: '1w' } as const;

export interface ExampleQueries {
  readonly funnelSteps: string;
  /** The funnel's steps a week earlier, for the comparison option. */
  readonly funnelBaseline: string;
  readonly medianTimeToConvert: string;
  readonly activeUsers: string;
  readonly eventRates: string;
}

export function exampleQueries(namespace: string): ExampleQueries {
  const ns = namespace === '' ? defaultNamespace : namespace;
  return {
    funnelSteps: funnelStepsQuery(ns, { funnel: example.funnel }),
    funnelBaseline: funnelStepsQuery(ns, { funnel: example.funnel, ago: example.baselineAgo }),
    medianTimeToConvert: medianTimeToConvertQuery(ns, example.funnel),
    activeUsers: activeUsersQuery(ns, example.scope, example.window),
    eventRates: eventRatesQuery(ns),
  };
}
