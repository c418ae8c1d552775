import type { Duration } from './duration';

/**
 * The validated, defaults-applied analytics spec. Every part of Nowcast (exporter, rules,
 * dashboards, panel) reads this model, never the raw YAML.
 */
export interface AnalyticsSpec {
  readonly version: 1;
  /** Metric name prefix: `<namespace>_events_total`. */
  readonly namespace: string;
  readonly limits: Limits;
  readonly exemplars: ExemplarPolicy;
  readonly links: Links;
  readonly prometheus: PrometheusSetup;
  readonly events: readonly EventSpec[];
  readonly funnels: readonly FunnelSpec[];
  readonly activeUsers: ActiveUsersSpec;
  readonly alerts: readonly AlertSpec[];
}

export interface Limits {
  /** Most labelled series the spec may produce (its seriesBound); validation refuses a spec over it. */
  readonly seriesBudget: number;
  /** Most users with open funnel state; the oldest are evicted (and counted) beyond it. */
  readonly maxFunnelUsers: number;
  /** An event timestamp further than this from now is not trusted for funnel timing. */
  readonly timestampSkew: Duration;
  /**
   * How late an event may arrive and still count by its own time: funnel attempts close when the
   * watermark (receipt clock minus this) passes their window. Defaults to `timestampSkew`.
   */
  readonly allowedLateness: Duration;
}

export type UserIdInExemplars = 'hashed' | 'plain' | 'omit';

export interface ExemplarPolicy {
  /** hashed: keyed hash (HMAC-SHA256, truncated) of the user id; plain: as sent; omit: no user id. */
  readonly userId: UserIdInExemplars;
  /** Environment variable holding the hash key. */
  readonly keyEnv: string;
}

/** How Prometheus sees the exporter; the generated rules read only the selected series. */
export interface PrometheusSetup {
  /** How often Prometheus scrapes the exporter: every rate window spans at least four of them. */
  readonly scrapeInterval: Duration;
  /**
   * Scrape labels (`job`, `environment`…) with the values every generated query selects; each is
   * kept in every aggregation, so staging and production are never summed together.
   */
  readonly selector: PropertyFilter;
}

export interface Links {
  /** Grafana dashboard URL put into alert annotations and notifications. */
  readonly dashboard?: string;
}

export interface PropertySpec {
  /** The label name. */
  readonly name: string;
  /** The OTel attribute it is read from (defaults to the label name). */
  readonly attribute: string;
  /** Distinct values kept as label values; later ones become `__other__`. */
  readonly maxValues: number;
  /** When given, only these values are kept; any other becomes `__other__`. */
  readonly values?: readonly string[];
  /** A kept value unused this long gives up its slot to the next new value (listed `values` never do). */
  readonly idleTimeout: Duration;
}

export interface ValueSpec {
  /** The attribute holding the numeric value (e.g. `amount`). */
  readonly field: string;
  /** Unit of the value as the user reads it (e.g. `EUR`, `items`). */
  readonly unit: string;
}

export interface EventSpec {
  readonly name: string;
  readonly description?: string;
  readonly properties: readonly PropertySpec[];
  readonly value?: ValueSpec;
}

/** Property filter: the step counts only when each property has one of the listed values. */
export type PropertyFilter = Readonly<Record<string, readonly string[]>>;

export interface FunnelStep {
  /** Step label (defaults to the event name; unique within the funnel). */
  readonly name: string;
  readonly event: string;
  readonly where: PropertyFilter;
}

export interface FunnelSpec {
  readonly name: string;
  readonly description?: string;
  readonly steps: readonly FunnelStep[];
  /** How long after the first step an attempt may take to complete. */
  readonly window: Duration;
  /** A property of the first step's event; an attempt keeps the value it opened with. */
  readonly breakdown?: string;
}

export interface ActiveUsersScope {
  readonly name: string;
  /** Event names whose users count; undefined means every declared event. */
  readonly events?: readonly string[];
}

export interface ActiveUsersSpec {
  /** HyperLogLog precision p: 2^p registers, standard error 1.04/sqrt(2^p). */
  readonly precision: number;
  readonly windows: readonly Duration[];
  readonly scopes: readonly ActiveUsersScope[];
}

export type AlertTarget =
  | { readonly type: 'event_rate'; readonly event: string; readonly where: PropertyFilter }
  | {
      readonly type: 'conversion';
      readonly funnel: string;
      readonly from: string;
      readonly to: string;
      readonly fromIndex: number;
      readonly toIndex: number;
    }
  | { readonly type: 'error_ratio'; readonly errors: readonly string[]; readonly total: readonly string[] };

export type AlertSeverity = 'critical' | 'warning' | 'info';
export type AlertDirection = 'above' | 'below' | 'both';

export interface AlertCommon {
  readonly name: string;
  readonly target: AlertTarget;
  /** Properties to alert on separately ("5x errors for one browser version"). */
  readonly by: readonly string[];
  /** Fewest events (the denominator, for ratios) expected in `window` before the alert may judge. */
  readonly minVolume: number;
  /** Range over which the target is measured. */
  readonly window: Duration;
  readonly for: Duration;
  readonly keepFiringFor?: Duration;
  /**
   * z of the significance test on the counts (one-sided): an alert fires only when the counts
   * leave this many standard errors of doubt; for anomalies also the band's half-width.
   */
  readonly sensitivity: number;
  readonly severity: AlertSeverity;
  readonly team: string;
  readonly runbookUrl?: string;
  readonly summary?: string;
}

export interface ThresholdAlert extends AlertCommon {
  readonly kind: 'threshold';
  readonly direction: 'above' | 'below';
  readonly bound: number;
}

export interface AnomalyAlert extends AlertCommon {
  readonly kind: 'anomaly';
  readonly direction: AlertDirection;
  /** Smallest band half-width, in the target's units, so a flat history does not page on noise. */
  readonly minMargin?: number;
  /** Static bound judged while the history needed for a baseline is missing (cold start). */
  readonly fallbackBound?: number;
}

export interface SpikeAlert extends AlertCommon {
  readonly kind: 'spike';
  /** Fires when the target is at least this many times its baseline. */
  readonly factor: number;
}

export interface NoDataAlert extends AlertCommon {
  readonly kind: 'no_data';
}

/** One variant of an A/B launch and the share of exposures it should get (0..1, shares sum to 1). */
export interface VariantShare {
  readonly variant: string;
  readonly share: number;
}

/**
 * A/B launch guard: the target is the exposure event. It checks the implementation, never the
 * outcome: the split delivered (sample-ratio mismatch), each variant's tracked events following
 * its exposures, and each variant's error ratio against the other variants'.
 */
export interface AbLaunchAlert extends AlertCommon {
  readonly kind: 'ab_launch';
  /** The property naming the variant, on the exposure and on every tracked and error event. */
  readonly variant: string;
  readonly split: readonly VariantShare[];
  readonly track: readonly string[];
  readonly errorRatio?: { readonly errors: readonly string[]; readonly total: readonly string[] };
  /** How far apart variants must be: tracked events below 1/factor, errors above factor × the others'. */
  readonly factor: number;
}

export type AlertSpec = ThresholdAlert | AnomalyAlert | SpikeAlert | NoDataAlert | AbLaunchAlert;
export type AlertKind = AlertSpec['kind'];
