/** The queries the preview runs for each view: the contract's, which the generated dashboard and the panel's hints use too. */
import {
  activeUsersQuery,
  eventRatesQuery,
  funnelStepsQuery,
  medianTimeToConvertQuery,
  productFamilies,
} from '@nowcast/otel-exporter/contract';

export interface PreviewQueryOptions {
  /** Metric namespace of the exporter (default `product`). */
  readonly namespace: string;
  /** The funnel to draw (a `funnel` label value). */
  readonly funnel: string;
  /** Time range the funnel counts over, as a PromQL duration (Grafana's `$__range`). */
  readonly range: string;
  /** Active-user scope and window to show; empty for the first series found. */
  readonly scope: string;
  readonly window: string;
}

export interface PreviewQuery {
  readonly refId: string;
  readonly expr: string;
  /** Range queries draw history (the active-users sparkline); instant queries give one value. */
  readonly kind: 'instant' | 'range';
}

export function funnelQueries(o: PreviewQueryOptions): PreviewQuery[] {
  const steps = { funnel: o.funnel, range: o.range };
  return [
    { refId: 'A', kind: 'instant', expr: funnelStepsQuery(o.namespace, steps) },
    // The previous period of the same length is the baseline a live demo has data for.
    { refId: 'B', kind: 'instant', expr: funnelStepsQuery(o.namespace, { ...steps, ago: o.range }) },
    { refId: 'C', kind: 'instant', expr: medianTimeToConvertQuery(o.namespace, o.funnel, o.range) },
  ];
}

export function liveQueries(o: PreviewQueryOptions): { series: PreviewQuery[]; exemplars: string } {
  return {
    series: [
      { refId: 'A', kind: 'range', expr: activeUsersQuery(o.namespace, o.scope, o.window) },
      { refId: 'B', kind: 'instant', expr: eventRatesQuery(o.namespace) },
    ],
    exemplars: productFamilies(o.namespace).events.name,
  };
}
