/**
 * Metric names of the Nowcast contract (DESIGN.md). The exporter writes them, the rule generator
 * and the dashboards read them: this is the one place that spells them.
 */
export interface ProductMetricNames {
  /** Counter: events by event name and declared properties. */
  readonly events: string;
  /** Counter: sum of an event's value (revenue, items). */
  readonly eventValue: string;
  /** Counter: funnel attempts that reached step k (moves live). */
  readonly funnelStep: string;
  /** Counter: funnel attempts by the furthest step reached, counted when the attempt closes. */
  readonly funnelAttempts: string;
  /** Histogram (base name): seconds from step 0 to each later step. */
  readonly funnelConversionSeconds: string;
  /** Gauge: HyperLogLog registers of active users. */
  readonly activeUsersRegister: string;
}

/** Names as PromQL sees them; counters carry their `_total` suffix. */
export function productMetricNames(namespace: string): ProductMetricNames {
  return {
    events: `${namespace}_events_total`,
    eventValue: `${namespace}_event_value_total`,
    funnelStep: `${namespace}_funnel_step_total`,
    funnelAttempts: `${namespace}_funnel_attempts_total`,
    funnelConversionSeconds: `${namespace}_funnel_conversion_seconds`,
    activeUsersRegister: `${namespace}_active_users_register`,
  };
}

/** The exporter's own health metrics; fixed names whatever the namespace. */
export const selfMetricNames = {
  received: 'nowcast_exporter_events_received_total',
  dropped: 'nowcast_exporter_events_dropped_total',
  overflowedSeries: 'nowcast_exporter_series_overflowed_total',
  series: 'nowcast_exporter_series',
  funnelUsers: 'nowcast_exporter_funnel_users',
  funnelEvictions: 'nowcast_exporter_funnel_evictions_total',
  /** Events whose timestamp was too far from now to time a funnel step; receipt time was used. */
  untrustedTimestamps: 'nowcast_exporter_event_timestamps_untrusted_total',
} as const;
