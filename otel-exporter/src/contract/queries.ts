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

export interface FunnelQueryOptions {
  readonly funnel: string;
  /** Range the counts cover (default the dashboard's time range). */
  readonly range?: string;
  /** A label to split the funnel by (the funnel's breakdown). */
  readonly breakdown?: string;
  /** Shift the range back (`1w` for a baseline of the same range a week ago). */
  readonly ago?: string;
}

/** Attempts that reached each step in the range: one series per step (and breakdown value). */
export function funnelStepsQuery(namespace: string, options: FunnelQueryOptions): string {
  const { funnel, range = grafanaRange, breakdown, ago } = options;
  const by = [labelNames.step, labelNames.stepIndex, ...(breakdown === undefined ? [] : [breakdown])];
  const steps = selector(productFamilies(namespace).funnelStep.name, [matcher(labelNames.funnel, funnel)]);
  return sumBy(by, increase(steps, range, ago));
}

/** Median seconds from the first step to each later step, over the range. */
export function medianTimeToConvertQuery(namespace: string, funnel: string, range = grafanaRange): string {
  const buckets = histogramSeries(productFamilies(namespace).funnelConversionSeconds).bucket;
  const inFunnel = selector(buckets, [matcher(labelNames.funnel, funnel)]);
  return call('histogram_quantile', 0.5, sumBy([labelNames.step, labelNames.bucketBound], increase(inFunnel, range)));
}

/** Events per second by event: the live view's rates, and with exemplars on, its feed. */
export function eventRatesQuery(namespace: string, window = '1m'): string {
  return sumBy([labelNames.event], rate(productFamilies(namespace).events.name, window));
}

/** The recorded unique-user estimate, for one scope and window when given. */
export function activeUsersQuery(namespace: string, scope = '', window = ''): string {
  const matchers = [
    ...(scope === '' ? [] : [matcher(labelNames.scope, scope)]),
    ...(window === '' ? [] : [matcher(labelNames.window, window)]),
  ];
  return selector(generalRuleNames(namespace).activeUsersEstimate, matchers);
}
