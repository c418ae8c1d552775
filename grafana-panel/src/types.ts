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

  // Funnel: which query plays which part (refIds, picked from the panel's queries).
  /** Live step counts (`step`, `step_index` labels), or one query per step in this order. */
  stepsRefIds: string[];
  /** Closed attempts by furthest step (`reached_step`): when set, conversion is settled (cohort-exact). */
  outcomesRefId: string;
  /** The same counts shifted back (e.g. `offset 1w`), drawn as ghost bars; empty for no comparison. */
  baselineRefId: string;
  /** Median seconds from the first step to each step (`histogram_quantile(0.5, …)`); empty for none. */
  medianRefId: string;
  /** Grafana reducer turning each series' values into one count (`lastNotNull` reads instant and range queries of `$__range`). */
  calculation: string;
  orientation: FunnelOrientation;
  percentBase: PercentBase;
  /** A label (or table column) to split the funnel by, drawn as small multiples; empty for one funnel. */
  breakdownLabel: string;
  /** Conversions whose base counts fewer attempts than this are "not enough data". */
  minVolume: number;
  /** Draw breakdown groups that counted nobody at the first step. */
  showEmptyGroups: boolean;
  showDropOff: boolean;
  showLegend: boolean;

  // Live activity.
  /** The active-user estimate (a range query draws its history). */
  activeUsersRefId: string;
  /** Events per second by `event`. */
  ratesRefId: string;
  /** Events in the range by `event`, with exemplars: the feed, and how much of it Grafana shows. */
  feedRefId: string;
  /** Most recent events kept in the live feed. */
  feedLength: number;
  /** URL for a trace id when the exemplar field has no data link, e.g. `https://tempo/trace/${traceId}`. */
  traceUrlTemplate: string;
}

export const defaultPanelOptions: PanelOptions = {
  mode: 'funnel',
  namespace: '',
  stepsRefIds: ['A'],
  outcomesRefId: '',
  baselineRefId: '',
  medianRefId: '',
  calculation: 'lastNotNull',
  orientation: 'horizontal',
  percentBase: 'first',
  breakdownLabel: '',
  minVolume: 30,
  showEmptyGroups: false,
  showDropOff: true,
  showLegend: true,
  activeUsersRefId: 'A',
  ratesRefId: 'B',
  feedRefId: 'C',
  feedLength: 50,
  traceUrlTemplate: '',
};
