import {
  binary,
  call,
  offset,
  overRange,
  paren,
  quantile,
  ratioPromql,
  weeksAgoLabel,
  windowText,
} from '@nowcast/otel-exporter/contract';
import { signalSeries, type Signal } from '../model/signal';
import type { RecordingRule } from '../model/rules';

const hour = 3600;
const day = 86400;
const week = 7 * day;

/** Weeks of history the median looks back: three, so one odd (holiday) week is outvoted. */
export const baselineWeeks = [1, 2, 3] as const;

/** The growth correction may scale a past week by at most this factor either way. */
export const growthClamp = 2;

/** Baselines change slowly; once a minute is enough and keeps the long ranges cheap. */
export const baselineInterval = '1m';

/**
 * A one-hour average centred on the same time `ago` seconds back: `avg_over_time(x[1h] offset ago-30m)`
 * covers [t-ago-30m, t-ago+30m], so a daily peak is compared with the peak, not with its shoulder.
 */
function centred(series: string, agoSeconds: number): string {
  return overRange('avg_over_time', series, windowText(hour), windowText(agoSeconds - hour / 2));
}

/**
 * Growth correction of a rate: scale a past week by how today's level compares with that week's, so
 * a growing product is not always "above" its past. The levels end an hour ago, so an incident does
 * not move its own baseline; the clamp keeps one odd week from being scaled into a normal one.
 * Ratios (conversion, error share) do not grow with traffic and are not corrected.
 */
function growth(avg1d: string, agoSeconds: number): string {
  const now = offset(avg1d, windowText(hour));
  const then = offset(avg1d, windowText(agoSeconds + hour));
  return call('clamp', ratioPromql(now, then), 1 / growthClamp, growthClamp);
}

/** Recorded baselines of one signal, all read from the signal's recorded series so they stay cheap. */
export function baselineRules(signal: Signal): RecordingRule[] {
  const n = signal.names;
  const at = (record: string) => signalSeries(signal, record);
  const rules: RecordingRule[] = [
    { record: n.mean1h, expr: overRange('avg_over_time', at(n.value), windowText(hour)) },
    { record: n.stddev1h, expr: overRange('stddev_over_time', at(n.value), windowText(hour)) },
    { record: n.zscore1h, expr: ratioPromql(paren(binary(at(n.value), '-', at(n.mean1h))), at(n.stddev1h)) },
    { record: n.avg1d, expr: overRange('avg_over_time', at(n.value), windowText(day)) },
    { record: n.sameTime1dAgo, expr: centred(at(n.value), day) },
    { record: n.sameTime1wAgo, expr: centred(at(n.value), week) },
  ];
  for (const weeks of baselineWeeks) {
    const ago = weeks * week;
    const labels = { [weeksAgoLabel]: String(weeks) };
    const sameTime = centred(at(n.value), ago);
    rules.push({
      record: n.sameTimeWeeksAgo,
      expr: signal.unit === 'rate' ? binary(sameTime, '*', growth(at(n.avg1d), ago)) : sameTime,
      labels,
    });
    rules.push({ record: n.stddevWeeksAgo, expr: centred(at(n.stddev1h), ago), labels });
  }
  const medianOfWeeks = (record: string) => quantile(0.5, [weeksAgoLabel], at(record), 'without');
  rules.push(
    { record: n.baseline, expr: binary(medianOfWeeks(n.sameTimeWeeksAgo), 'or', at(n.sameTime1dAgo)) },
    { record: n.baselineStddev, expr: binary(medianOfWeeks(n.stddevWeeksAgo), 'or', centred(at(n.stddev1h), day)) }
  );
  // The identity label, set statically, keeps each signal's rules distinct under shared names.
  return rules.map((rule) => ({ ...rule, labels: { ...signal.identity, ...rule.labels } }));
}
