/** The queries the preview runs for each view: the same ones the README tells Grafana users to write. */
import { productMetricNames } from '@nowcast/otel-exporter/contract';
import { generalRuleNames } from '@nowcast/rules';

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

const quote = (value: string) => JSON.stringify(value);

export function funnelQueries(o: PreviewQueryOptions): PreviewQuery[] {
  const names = productMetricNames(o.namespace);
  const selector = `{funnel=${quote(o.funnel)}}`;
  return [
    {
      refId: 'A',
      kind: 'instant',
      expr: `sum by (step, step_index) (increase(${names.funnelStep}${selector}[${o.range}]))`,
    },
    // The previous period of the same length is the baseline a live demo has data for.
    {
      refId: 'B',
      kind: 'instant',
      expr: `sum by (step, step_index) (increase(${names.funnelStep}${selector}[${o.range}] offset ${o.range}))`,
    },
    {
      refId: 'C',
      kind: 'instant',
      expr: `histogram_quantile(0.5, sum by (step, le) (rate(${names.funnelConversionSeconds}_bucket${selector}[${o.range}])))`,
    },
  ];
}

export function liveQueries(o: PreviewQueryOptions): { series: PreviewQuery[]; exemplars: string } {
  const names = productMetricNames(o.namespace);
  const matchers = [
    o.scope === '' ? '' : `scope=${quote(o.scope)}`,
    o.window === '' ? '' : `window=${quote(o.window)}`,
  ].filter(Boolean);
  return {
    series: [
      {
        refId: 'A',
        kind: 'range',
        expr: `${generalRuleNames(o.namespace).activeUsersEstimate}{${matchers.join(', ')}}`,
      },
      { refId: 'B', kind: 'instant', expr: `sum by (event) (rate(${names.events}[1m]))` },
    ],
    exemplars: names.events,
  };
}
