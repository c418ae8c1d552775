import { formatDuration } from '../spec/duration';
import { eventValueFamily, productFamilies, type MetricFamily } from './families';

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
  conversion(namespace: string, fromIndex: number, toIndex: number): string {
    return `${namespace}_funnel_conversion_step${fromIndex}_to_step${toIndex}`;
  },
  errorRatio(namespace: string, errors: readonly string[]): string {
    return `${namespace}_${slug(errors.join('_'))}_error`;
  },
};

export interface SignalRuleNames {
  /** The judged value over the alert window. */
  readonly value: string;
  /** Events in the window (the denominator, for ratios): what the volume guard reads. */
  readonly volume: string;
  /** Short-term mean and standard deviation over the last hour, and the z-score against them. */
  readonly mean1h: string;
  readonly stddev1h: string;
  readonly zscore1h: string;
  /** Mean over the last day: the level the growth correction compares. */
  readonly avg1d: string;
  /** Same hour yesterday and a week ago, centred (±30m). */
  readonly sameTime1dAgo: string;
  readonly sameTime1wAgo: string;
  /** Same hour 1, 2 and 3 weeks ago, growth-corrected; label `weeks_ago`. */
  readonly sameTimeWeeksAgo: string;
  /** Noise (1h standard deviation) at the same hour 1, 2, 3 weeks ago; label `weeks_ago`. */
  readonly stddevWeeksAgo: string;
  /** The learned baseline: median of the weeks, else yesterday. Absent while history is missing. */
  readonly baseline: string;
  /** The learned noise: median of the weeks' noise, else yesterday's. */
  readonly baselineStddev: string;
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
  const volumeOperation = unit === 'rate' ? `increase${w}` : `denominator_increase${w}`;
  const at = (suffix: string) => `${base}:${operation}_${suffix}`;
  return {
    value: `${base}:${operation}`,
    volume: `${base}:${volumeOperation}`,
    mean1h: at('mean1h'),
    stddev1h: at('stddev1h'),
    zscore1h: at('zscore1h'),
    avg1d: at('avg1d'),
    sameTime1dAgo: at('offset1d'),
    sameTime1wAgo: at('offset1w'),
    sameTimeWeeksAgo: at('offset_weeks'),
    stddevWeeksAgo: at('stddev1h_offset_weeks'),
    baseline: at('baseline'),
    baselineStddev: at('baseline_stddev1h'),
  };
}

/** Label added to the weekly samples; the median aggregates it away. */
export const weeksAgoLabel = 'weeks_ago';
