import type { EventSpec, FunnelSpec } from '../spec/model';
import { labelNames } from './labels';

/*
 * Every metric family the exporter writes, described once before any value exists (like
 * client_golang's `Desc`): the name PromQL queries, the OTLP name and unit, the type, the help and
 * the fixed label names. The exporter's two outputs (Prometheus/OpenMetrics text and the OTel
 * MetricProducer) write each family from its descriptor; the rules, the dashboards and the panel
 * read names and labels from it.
 *
 * Units are chosen so the standard OTLP → Prometheus translation (the Collector's and Prometheus'
 * own OTLP receiver: unit word appended unless already a name token, `_total` for monotonic sums,
 * `_ratio` for gauges of unit "1", `{…}` annotations dropped) gives back exactly `name`: counts
 * carry a `{…}` annotation, the conversion histogram `s` (already "seconds" in its name).
 */

export type MetricType = 'counter' | 'gauge' | 'histogram';

/** The metric name prefix when a spec sets no `namespace`. */
export const defaultNamespace = 'product';

export interface MetricFamily {
  /** The name PromQL queries: counters end in `_total`; a histogram's series add `_bucket`, `_sum`, `_count`. */
  readonly name: string;
  /** The OTLP metric name: a counter's without `_total`, which the translation appends again. */
  readonly otelName: string;
  readonly type: MetricType;
  /** OTel (UCUM) unit. */
  readonly unit: string;
  readonly help: string;
  /** Fixed label names in exposition order; declared properties or a funnel's breakdown follow them. */
  readonly labels: readonly string[];
}

function family(type: MetricType, otelName: string, unit: string, help: string, labels: readonly string[] = []) {
  const name = type === 'counter' ? `${otelName}_total` : otelName;
  return { name, otelName, type, unit, help, labels } satisfies MetricFamily;
}

/** The series names of a histogram family. */
export function histogramSeries(histogram: MetricFamily): { bucket: string; sum: string; count: string } {
  return { bucket: `${histogram.name}_bucket`, sum: `${histogram.name}_sum`, count: `${histogram.name}_count` };
}

export interface ProductFamilies {
  /** Events by event name and declared properties; exemplars carry the latest event. */
  readonly events: MetricFamily;
  /** Funnel attempts that reached step k, counted the moment they do (live). */
  readonly funnelStep: MetricFamily;
  /** Funnel attempts by the furthest step reached, counted when the attempt closes. */
  readonly funnelAttempts: MetricFamily;
  /** Seconds from step 0 to each later step. */
  readonly funnelConversionSeconds: MetricFamily;
  /** HyperLogLog registers of active users. */
  readonly activeUsersRegister: MetricFamily;
}

const { event, funnel, step, stepIndex, reachedStep, scope, window, register } = labelNames;
const eventLabels = [event];
const funnelStepLabels = [funnel, step, stepIndex];
const funnelAttemptLabels = [funnel, reachedStep];
const funnelConversionLabels = [funnel, step];
/** Labels of the active-user registers. */
export const activeUsersLabelNames = [scope, window, register] as const;

export function productFamilies(namespace: string): ProductFamilies {
  return {
    events: family(
      'counter',
      `${namespace}_events`,
      '{event}',
      'Product events by event and declared properties',
      eventLabels
    ),
    funnelStep: family(
      'counter',
      `${namespace}_funnel_step`,
      '{attempt}',
      'Funnel attempts that reached each step',
      funnelStepLabels
    ),
    funnelAttempts: family(
      'counter',
      `${namespace}_funnel_attempts`,
      '{attempt}',
      'Closed funnel attempts (completed or timed out) by the furthest step reached',
      funnelAttemptLabels
    ),
    funnelConversionSeconds: family(
      'histogram',
      `${namespace}_funnel_conversion_seconds`,
      's',
      'Seconds from the first step of a funnel attempt to each later step',
      funnelConversionLabels
    ),
    activeUsersRegister: family(
      'gauge',
      `${namespace}_active_users_register`,
      '{rank}',
      'HyperLogLog registers of active users per scope and sliding window; merge replicas with max',
      activeUsersLabelNames
    ),
  };
}

/** Labels of one event's counters (events and its value counter), in exposition order. */
export function eventLabelNames(spec: EventSpec): string[] {
  return [...eventLabels, ...spec.properties.map((p) => p.name)];
}

function withBreakdown(spec: FunnelSpec, names: readonly string[]): string[] {
  return spec.breakdown === undefined ? [...names] : [...names, spec.breakdown];
}

/** Labels of one funnel's series; `step_index` and `reached_step` are "0", "1", … */
export function funnelLabelNames(spec: FunnelSpec): { step: string[]; attempts: string[]; conversion: string[] } {
  return {
    step: withBreakdown(spec, funnelStepLabels),
    attempts: withBreakdown(spec, funnelAttemptLabels),
    conversion: withBreakdown(spec, funnelConversionLabels),
  };
}

/**
 * The value counter of events declaring `value: { unit }`: one family per unit, so no metric mixes
 * EUR with items. The unit is the last name token and, as an annotation, the OTel unit, so the
 * OTLP translation keeps the name (`product_event_value_eur_total`).
 */
export function eventValueFamily(namespace: string, unit: string): MetricFamily {
  return family(
    'counter',
    `${namespace}_event_value_${unit.toLowerCase()}`,
    `{${unit}}`,
    `Sum of product events' values in ${unit}`,
    eventLabels
  );
}

/** The exporter's own health metrics; fixed names whatever the namespace. */
export const selfFamilies = {
  received: family(
    'counter',
    'nowcast_exporter_events_received',
    '{event}',
    'Product events received, counted or dropped'
  ),
  dropped: family('counter', 'nowcast_exporter_events_dropped', '{event}', 'Events dropped, by reason', [
    labelNames.reason,
  ]),
  series: family('gauge', 'nowcast_exporter_series', '{series}', 'Labelled event series in use'),
  funnelUsers: family(
    'gauge',
    'nowcast_exporter_funnel_users',
    '{user}',
    'Users holding funnel state: an attempt not yet settled or an event waiting for its predecessor'
  ),
  funnelEvictions: family(
    'counter',
    'nowcast_exporter_funnel_evictions',
    '{user}',
    'Users whose open funnel state was evicted to stay within limits.maxFunnelUsers'
  ),
  /** Steps no attempt could take before the watermark passed them: how split routing across replicas shows. */
  orphanSteps: family(
    'counter',
    'nowcast_exporter_funnel_orphan_steps',
    '{event}',
    'Funnel steps no attempt of their user took (no predecessor, no attempt, past the window) by the time the watermark passed them; repeats of a reached step are not counted',
    [labelNames.funnel]
  ),
  untrustedTimestamps: family(
    'counter',
    'nowcast_exporter_event_timestamps_untrusted',
    '{event}',
    'Funnel events not timed by their timestamp: outside limits.timestampSkew (timed by receipt) or later than limits.allowedLateness (timed at the watermark)'
  ),
  /** Other instrumentation's events (exceptions, gen-AI events…): not malformed, so not a drop. */
  undeclaredEvents: family(
    'counter',
    'nowcast_exporter_events_undeclared',
    '{event}',
    'Records with an event name the spec does not declare, left uncounted'
  ),
  propertyOverflow: family(
    'counter',
    'nowcast_exporter_property_overflow',
    '{event}',
    'Events whose property value had no slot of its own and was counted as __other__',
    [labelNames.event, labelNames.property]
  ),
  /** When this exporter's state began (a restart starts every counter and funnel afresh). */
  startTime: family('gauge', 'nowcast_exporter_start_time_seconds', 's', 'Unix time the exporter started, in seconds'),
} as const satisfies Record<string, MetricFamily>;

/** Names of the product families as PromQL sees them. */
export type ProductMetricNames = { readonly [K in keyof ProductFamilies]: string };

export function productMetricNames(namespace: string): ProductMetricNames {
  const families = productFamilies(namespace);
  return {
    events: families.events.name,
    funnelStep: families.funnelStep.name,
    funnelAttempts: families.funnelAttempts.name,
    funnelConversionSeconds: families.funnelConversionSeconds.name,
    activeUsersRegister: families.activeUsersRegister.name,
  };
}

/** Names of the self metrics as PromQL sees them. */
export const selfMetricNames = Object.fromEntries(
  Object.entries(selfFamilies).map(([key, descriptor]) => [key, descriptor.name])
) as { readonly [K in keyof typeof selfFamilies]: string };
