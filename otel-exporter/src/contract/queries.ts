import { histogramSeries, productFamilies } from './families';
import { labelNames } from './labels';
import { call, increase, matcher, rate, selector, sumBy } from './promql';
import { generalRuleNames } from './ruleNames';

/*
 * The queries a Nowcast panel runs: the generated dashboard writes them, the preview runs them and
 * the panel shows them as examples, so all three agree.
 */

/** Grafana's variable for the dashboard's time range as a PromQL duration. */
export const grafanaRange = '$__range';

/** Grafana's variable for the query step as a PromQL duration. */
export const grafanaInterval = '$__interval';

/** Grafana's rate window: the step plus a scrape, and at least four scrapes, so no step has a gap. */
export const grafanaRateInterval = '$__rate_interval';

export interface FunnelQueryOptions {
  readonly funnel: string;
  /** Range the counts cover (default the dashboard's time range). */
  readonly range?: string;
  /** A label to split the funnel by (the funnel's breakdown). */
  readonly breakdown?: string;
  /** Shift the range back (`1w` for a baseline of the same range a week ago). */
  readonly ago?: string;
}

function withBreakdown(labels: readonly string[], breakdown: string | undefined): string[] {
  return breakdown === undefined ? [...labels] : [...labels, breakdown];
}

/** Attempts that reached each step in the range (live): one series per step (and breakdown value). */
export function funnelStepsQuery(namespace: string, options: FunnelQueryOptions): string {
  const { funnel, range = grafanaRange, breakdown, ago } = options;
  const steps = selector(productFamilies(namespace).funnelStep.name, [matcher(labelNames.funnel, funnel)]);
  return sumBy(withBreakdown([labelNames.step, labelNames.stepIndex], breakdown), increase(steps, range, ago));
}

/**
 * Attempts that closed in the range (completed or timed out), by the furthest step they reached:
 * each attempt counted once, with its outcome, which makes conversion from them cohort-exact
 * (settled). One series per `reached_step` (and breakdown value).
 */
export function funnelOutcomesQuery(namespace: string, options: FunnelQueryOptions): string {
  const { funnel, range = grafanaRange, breakdown, ago } = options;
  const attempts = selector(productFamilies(namespace).funnelAttempts.name, [matcher(labelNames.funnel, funnel)]);
  return sumBy(withBreakdown([labelNames.reachedStep], breakdown), increase(attempts, range, ago));
}

/** Median seconds from the first step to each later step, over the range (per breakdown value when given). */
export function medianTimeToConvertQuery(namespace: string, options: FunnelQueryOptions): string {
  const { funnel, range = grafanaRange, breakdown, ago } = options;
  const buckets = histogramSeries(productFamilies(namespace).funnelConversionSeconds).bucket;
  const inFunnel = selector(buckets, [matcher(labelNames.funnel, funnel)]);
  const by = withBreakdown([labelNames.step, labelNames.bucketBound], breakdown);
  return call('histogram_quantile', 0.5, sumBy(by, increase(inFunnel, range, ago)));
}

/** Events per second by event: the live view's rates. */
export function eventRatesQuery(namespace: string, window = '1m'): string {
  return sumBy([labelNames.event], rate(productFamilies(namespace).events.name, window));
}

/** Events in the range by event; with exemplars on, the live feed and how much of it Grafana shows. */
export function eventsInRangeQuery(namespace: string, range = grafanaRange): string {
  return sumBy([labelNames.event], increase(productFamilies(namespace).events.name, range));
}

/** The recorded unique-user estimate, for one scope and window when given. */
export function activeUsersQuery(namespace: string, scope = '', window = ''): string {
  const matchers = [
    ...(scope === '' ? [] : [matcher(labelNames.scope, scope)]),
    ...(window === '' ? [] : [matcher(labelNames.window, window)]),
  ];
  return selector(generalRuleNames(namespace).activeUsersEstimate, matchers);
}

/** What the funnel view reads a query as; the panel's options map each role to a query's refId. */
export type FunnelQueryRole = 'steps' | 'outcomes' | 'baseline' | 'median';
/** What the live view reads a query as. */
export type LiveQueryRole = 'activeUsers' | 'rates' | 'feed';

/**
 * The panel option that names each part's query (by refId). The generated dashboard writes them
 * and the panel reads them; the panel checks at compile time that each is one of its options.
 */
export const panelRoleOptions = {
  steps: 'stepsRefIds',
  outcomes: 'outcomesRefId',
  baseline: 'baselineRefId',
  median: 'medianRefId',
  activeUsers: 'activeUsersRefId',
  rates: 'ratesRefId',
  feed: 'feedRefId',
} as const satisfies Record<FunnelQueryRole | LiveQueryRole, string>;

/** The options giving each query its part: `{ stepsRefIds: ['A'], outcomesRefId: 'B', … }` (the steps may be several queries). */
export function panelRoleOptionValues(
  queries: readonly PanelQuery<FunnelQueryRole | LiveQueryRole>[]
): Record<string, string | string[]> {
  const options: Record<string, string | string[]> = {};
  for (const query of queries) {
    const name = panelRoleOptions[query.role];
    const previous = options[name];
    options[name] = query.role === 'steps' ? [...(Array.isArray(previous) ? previous : []), query.refId] : query.refId;
  }
  return options;
}

/** One query of a Nowcast panel with the settings Grafana runs it with. */
export interface PanelQuery<Role extends string = string> {
  readonly refId: string;
  readonly role: Role;
  readonly expr: string;
  readonly instant: boolean;
  readonly range: boolean;
  /** Ask Grafana for the series' exemplars too. */
  readonly exemplar: boolean;
  /** Grafana's "Min step" (the query's `interval`): the shortest step Grafana may choose for it. */
  readonly minStep?: string;
}

export interface FunnelPanelOptions {
  readonly funnel: string;
  readonly breakdown?: string;
  /** How far back the baseline lies. */
  readonly baselineAgo: string;
  /** The counting range; default the dashboard's. */
  readonly range?: string;
}

/**
 * A funnel panel's queries. The outcomes make the funnel settled (cohort-exact); the steps give
 * the step names and the live counts; the baseline is the outcomes a `baselineAgo` earlier, so
 * like is compared with like; the median is per breakdown value when the funnel is broken down.
 */
export function funnelPanelQueries(namespace: string, options: FunnelPanelOptions): PanelQuery<FunnelQueryRole>[] {
  const { funnel, breakdown, range, baselineAgo } = options;
  const counted = { funnel, breakdown, range };
  const instant = { instant: true, range: false, exemplar: false } as const;
  return [
    { refId: 'A', role: 'steps', expr: funnelStepsQuery(namespace, counted), ...instant },
    { refId: 'B', role: 'outcomes', expr: funnelOutcomesQuery(namespace, counted), ...instant },
    {
      refId: 'C',
      role: 'baseline',
      expr: funnelOutcomesQuery(namespace, { ...counted, ago: baselineAgo }),
      ...instant,
    },
    { refId: 'D', role: 'median', expr: medianTimeToConvertQuery(namespace, counted), ...instant },
  ];
}

/**
 * Grafana's Prometheus backend samples exemplars: per step-sized time bucket it keeps the highest
 * value, then only values at least 2σ below the previous one kept. Every exporter exemplar has the
 * value 1 (one event), so Grafana keeps one event per query step. The step is the longest of the
 * query's min step, the range over the panel's max data points and the range over 11,000 (its
 * resolution cap). So the live panel asks for 11,000 data points and a 1 s min step on the feed
 * query: one event per second of the range (per 10 s over a day). The feed query is instant, so
 * the fine step costs nothing; the sparkline keeps a coarser min step of its own.
 */
export const livePanelMaxDataPoints = 11_000;

export interface LivePanelOptions {
  readonly scope: string;
  readonly window: string;
}

/** A live panel's queries: the active-user estimate over time, event rates now, and the feed. */
export function livePanelQueries(namespace: string, options: LivePanelOptions): PanelQuery<LiveQueryRole>[] {
  return [
    {
      refId: 'A',
      role: 'activeUsers',
      expr: activeUsersQuery(namespace, options.scope, options.window),
      instant: false,
      range: true,
      exemplar: false,
      minStep: '15s',
    },
    {
      refId: 'B',
      role: 'rates',
      expr: eventRatesQuery(namespace, grafanaRateInterval),
      instant: true,
      range: false,
      exemplar: false,
    },
    {
      refId: 'C',
      role: 'feed',
      expr: eventsInRangeQuery(namespace),
      instant: true,
      range: false,
      exemplar: true,
      minStep: '1s',
    },
  ];
}
