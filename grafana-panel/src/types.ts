/** Saved panel options. Changing a name or meaning needs a step in `options/migrateOptions.ts`. */
import type { ConversionBase } from '@nowcast/otel-exporter/contract';

export type PanelMode = 'funnel' | 'live';
export type FunnelOrientation = 'horizontal' | 'vertical';
/** Which step a conversion percentage is measured against, as the contract defines conversion. */
export type PercentBase = ConversionBase;

export interface PanelOptions {
  mode: PanelMode;
  /** The spec's metric namespace, for the example queries in hints; empty for the default (`product`). */
  namespace: string;
  orientation: FunnelOrientation;
  percentBase: PercentBase;
  /** refId of a baseline query (e.g. the same query with `offset 1w`); empty turns comparison off. */
  comparisonRefId: string;
  /** refId of a `histogram_quantile(0.5, …)` query giving median time to convert per step; empty for none. */
  timeToConvertRefId: string;
  /** A label (or table column) to split the funnel by, drawn as small multiples; empty for one funnel. */
  breakdownLabel: string;
  showDropOff: boolean;
  showLegend: boolean;
  /** Most recent events kept in the live feed. */
  feedLength: number;
  /** URL for a trace id when the exemplar field has no data link, e.g. `https://tempo/trace/${traceId}`. */
  traceUrlTemplate: string;
}

export const defaultPanelOptions: PanelOptions = {
  mode: 'funnel',
  namespace: '',
  orientation: 'horizontal',
  percentBase: 'first',
  comparisonRefId: '',
  timeToConvertRefId: '',
  breakdownLabel: '',
  showDropOff: true,
  showLegend: true,
  feedLength: 50,
  traceUrlTemplate: '',
};
