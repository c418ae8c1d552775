import { formatDuration } from '../spec/duration';
import { eventValueFamily, productFamilies, selfFamilies, type MetricFamily } from './families';

/*
 * Every recording-rule name Nowcast writes, `level:metric:operations` as the Prometheus docs
 * recommend. The rule generator writes them; the dashboards, the panel and the preview query them.
 */

/** Canonical window text in rule names ("5m", "1h30m"), whatever the spec wrote ("300s"). */
export function windowText(seconds: number): string {
  return formatDuration(seconds);
}

/** The metric part of a rule name: the family's name without the counter's `_total`. */
function metricPart(family: MetricFamily): string {
  return family.otelName;
}

export interface GeneralRuleNames {
  /** `event:<ns>_events:rate1m` and `…:rate5m`: events per second by event. */
  eventRate(windowSeconds: number): string;
  /** `event:<ns>_event_value_<unit>:rate5m`: value (revenue, items) per second by event, one per unit. */
  eventValueRate(unit: string, windowSeconds: number): string;
  /** `funnel_step:<ns>_funnel_step:increase5m`: attempts reaching each step (live). */
  funnelStepIncrease(windowSeconds: number): string;
  /** Live conversion from the first step to each step. */
  conversionFromFirstStep(windowSeconds: number): string;
  /** Live conversion from the previous step to each step. */
  conversionFromPreviousStep(windowSeconds: number): string;
  /** `funnel_reached_step:<ns>_funnel_attempts:increase5m`: closed attempts by furthest step. */
  funnelAttemptsIncrease(windowSeconds: number): string;
  /** Settled conversion (closed attempts) from the first step to each step. */
  settledConversionFromFirstStep(windowSeconds: number): string;
  /** Settled conversion from the previous step to each step. */
  settledConversionFromPreviousStep(windowSeconds: number): string;
  /** HyperLogLog registers merged across replicas with max. */
  readonly activeUsersRegisters: string;
  /** Estimated distinct users per scope and window. */
  readonly activeUsersEstimate: string;
}

export function generalRuleNames(namespace: string): GeneralRuleNames {
  const families = productFamilies(namespace);
  const events = metricPart(families.events);
  const step = metricPart(families.funnelStep);
  const attempts = metricPart(families.funnelAttempts);
  const funnel = `${namespace}_funnel`;
  return {
    eventRate: (s) => `event:${events}:rate${windowText(s)}`,
    eventValueRate: (unit, s) => `event:${metricPart(eventValueFamily(namespace, unit))}:rate${windowText(s)}`,
    funnelStepIncrease: (s) => `funnel_step:${step}:increase${windowText(s)}`,
    conversionFromFirstStep: (s) => `funnel_step:${funnel}_conversion_from_first_step:ratio${windowText(s)}`,
    conversionFromPreviousStep: (s) => `funnel_step:${funnel}_conversion_from_previous_step:ratio${windowText(s)}`,
    funnelAttemptsIncrease: (s) => `funnel_reached_step:${attempts}:increase${windowText(s)}`,
    settledConversionFromFirstStep: (s) =>
      `funnel_step:${funnel}_settled_conversion_from_first_step:ratio${windowText(s)}`,
    settledConversionFromPreviousStep: (s) =>
      `funnel_step:${funnel}_settled_conversion_from_previous_step:ratio${windowText(s)}`,
    activeUsersRegisters: `scope_window_register:${metricPart(families.activeUsersRegister)}:max`,
    activeUsersEstimate: `scope_window:${namespace}_active_users:estimate`,
  };
}

/** `a/b`-free slug usable inside a metric name. */
function slug(text: string): string {
  return text.replace(/[^a-zA-Z0-9_]+/g, '_').replace(/^_+|_+$/g, '');
}

/** The metric part of an alert signal's rule names, per kind of target. */
export const signalMetrics = {
  /** `<ns>_events`, or `<ns>_events_where_<filters>` for a filtered event. */
  eventRate(namespace: string, where: Readonly<Record<string, readonly string[]>>): string {
    const filters = Object.keys(where)
      .sort()
      .map((k) => `${k}_${(where[k] ?? []).join('_')}`)
      .join('_');
    const events = productFamilies(namespace).events.otelName;
    return filters === '' ? events : `${events}_where_${slug(filters)}`;
  },
  /** Live conversion from step counters, or settled conversion from closed attempts. */
  conversion(namespace: string, fromIndex: number, toIndex: number, source: 'live' | 'settled' = 'live'): string {
    const settled = source === 'settled' ? 'settled_' : '';
    return `${namespace}_funnel_${settled}conversion_step${fromIndex}_to_step${toIndex}`;
  },
  errorRatio(namespace: string, errors: readonly string[]): string {
    return `${namespace}_${slug(errors.join('_'))}_error`;
  },
};

export interface SignalRuleNames {
  /** The judged value over the alert window: events per second, or a ratio. */
  readonly value: string;
  /** Events in the window: the count a rate is judged on, or a ratio's numerator. */
  readonly events: string;
  /** A ratio's denominator in the window (undefined for rates). */
  readonly denominator: string | undefined;
  /** What the volume guard reads: the denominator of a ratio, the events of a rate. */
  readonly volume: string;
  /** Hourly levels, recorded every 5m: the events (numerator) and the denominator of the last hour. */
  readonly events1h: string;
  readonly denominator1h: string | undefined;
  /** The busiest hour's events in the last day: before any reference, what "it used to flow" means. */
  readonly busiestHour1d: string;
  /**
   * Before a week of history, a rate's recent level when it last had events, kept while none
   * arrive: what no_data expects through an outage of any length.
   */
  readonly lastFlowing: string;
  /** The day's level (ratio, or events per second), recorded from the hourly levels. */
  readonly level1d: string;
  /** Median of the daily levels over the week `weeks_ago` weeks back (0, 1, 2), recorded hourly; per signal. */
  readonly level1w: string;
  /** Three week-over-week trend estimates (weeks 0/1, 1/2 and the root of 0/2); label `estimate`; per signal. */
  readonly trendEstimates: string;
  /** Trend per week: the estimate closest to no change, so one odd week cannot set it; per signal. */
  readonly trend1w: string;
  /** Same hour 1, 2 and 3 weeks ago (centred ±30m), trend-corrected; label `weeks_ago`. */
  readonly sameTimeWeeksAgo: string;
  /** The hour's count behind each week's value (the denominator of a ratio, the events of a rate). */
  readonly countWeeksAgo: string;
  /** The learned baseline: median of the weeks (needs a week of history); its hourly count. */
  readonly baseline: string;
  readonly baselineCount: string;
  /** The median of the other label sets' baselines: what a never-seen label set is judged against. */
  readonly peersBaseline: string;
  readonly peersBaselineCount: string;
  /** Every label set's reference: its own baseline, else its peers'; its count and standard error. */
  readonly reference: string;
  readonly referenceCount: string;
  readonly referenceStderr: string;
  /** The previous hour of a label set at least an hour old (a younger one's previous hour is itself); its count. */
  readonly previousHour: string;
  readonly previousHourCount: string;
  /** Before a week of history: the previous hour, else the peers' previous hour; count and standard error. */
  readonly recent: string;
  readonly recentCount: string;
  readonly recentStderr: string;
  readonly peersRecent: string;
  readonly peersRecentCount: string;
  /** |Residual| of the value against its reference in standard errors (5m); its median over a week gives the noise. */
  readonly zscore: string;
  /** How much wider than count noise the residuals spread over a week (≥ 1), recorded hourly. */
  readonly dispersion3w: string;
  /** The same for every label set now, 1 where no week of residuals exists yet (recorded every 5m). */
  readonly dispersion: string;
}

/**
 * Names of the series recorded for one alert signal (the value an alert judges over its window)
 * and its baselines: `<level labels>:<metric>:<operation>`.
 */
export function signalRuleNames(
  level: readonly string[],
  metric: string,
  unit: 'rate' | 'ratio',
  windowSeconds: number
): SignalRuleNames {
  const base = `${level.join('_')}:${metric}`;
  const w = windowText(windowSeconds);
  const operation = unit === 'rate' ? `rate${w}` : `ratio${w}`;
  const at = (suffix: string) => `${base}:${operation}_${suffix}`;
  const events = unit === 'rate' ? `${base}:increase${w}` : `${base}:numerator_increase${w}`;
  const denominator = unit === 'rate' ? undefined : `${base}:denominator_increase${w}`;
  return {
    value: `${base}:${operation}`,
    events,
    denominator,
    volume: denominator ?? events,
    events1h: at('events1h'),
    denominator1h: unit === 'rate' ? undefined : at('denominator1h'),
    busiestHour1d: at('events1h_max1d'),
    lastFlowing: at('recent_last_flowing'),
    level1d: at('level1d'),
    level1w: at('level1w'),
    trendEstimates: at('trend1w_estimates'),
    trend1w: at('trend1w'),
    sameTimeWeeksAgo: at('offset_weeks'),
    countWeeksAgo: at('count1h_offset_weeks'),
    baseline: at('baseline'),
    baselineCount: at('baseline_count1h'),
    peersBaseline: at('baseline_peers'),
    peersBaselineCount: at('baseline_peers_count1h'),
    reference: at('reference'),
    referenceCount: at('reference_count1h'),
    referenceStderr: at('reference_stderr'),
    previousHour: at('previous1h'),
    previousHourCount: at('previous1h_count1h'),
    recent: at('recent'),
    recentCount: at('recent_count1h'),
    recentStderr: at('recent_stderr'),
    peersRecent: at('recent_peers'),
    peersRecentCount: at('recent_peers_count1h'),
    zscore: at('zscore'),
    dispersion3w: at('dispersion3w'),
    dispersion: at('dispersion'),
  };
}

/** Label added to the weekly samples; the median aggregates it away. */
export const weeksAgoLabel = 'weeks_ago';

/** Label of the trend estimates (`0-1`, `1-2`, `0-2`: the weeks compared); the choice aggregates it away. */
export const trendEstimateLabel = 'estimate';

/** Names of an A/B launch guard's series: per variant, and the split's chi-square. */
export interface AbLaunchRuleNames {
  /** Exposures per variant in the window. */
  readonly exposures: string;
  /** Tracked events per variant in the window. */
  readonly tracked: string;
  /** Error events and their total per variant in the window. */
  readonly errors: string;
  readonly total: string;
  /** Chi-square of the exposures against the expected split (one series per selector). */
  readonly chiSquare: string;
}

export function abLaunchRuleNames(
  namespace: string,
  alert: string,
  variantLabel: string,
  windowSeconds: number
): AbLaunchRuleNames {
  const w = windowText(windowSeconds);
  const metric = `${namespace}_ab_${slug(alert)}`;
  return {
    exposures: `${variantLabel}:${metric}_exposures:increase${w}`,
    tracked: `${variantLabel}:${metric}_tracked:increase${w}`,
    errors: `${variantLabel}:${metric}_errors:increase${w}`,
    total: `${variantLabel}:${metric}_error_total:increase${w}`,
    // One series per deployment (the selector labels are extra dimensions of every name, not its level).
    chiSquare: `experiment:${metric}_sample_ratio:chisquare${w}`,
  };
}

/** When each selected deployment's newest exporter started (a restart loses open funnel attempts). */
export const exporterStartRuleName = `exporter:${selfFamilies.startTime.name}:max`;
