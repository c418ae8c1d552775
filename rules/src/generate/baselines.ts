import {
  aggregate,
  binary,
  call,
  offset,
  overRange,
  paren,
  quantile,
  quantileOverTime,
  rankBy,
  ratioPromql,
  trendEstimateLabel,
  weeksAgoLabel,
  windowText,
} from '@nowcast/otel-exporter/contract';
import { signalSeries, type Signal } from '../model/signal';
import type { RecordingRule, RuleGroup } from '../model/rules';
import { uniqueRules } from '../model/rules';

const hour = 3600;
const day = 86400;
const week = 7 * day;

/** Weeks of history the median looks back: three, so one odd (holiday) week is outvoted. */
export const baselineWeeks = [1, 2, 3] as const;

/** The weekly levels a trend compares: this week, one and two weeks back. */
const trendWeeks = [0, 1, 2] as const;

/**
 * Hourly levels and baselines change slowly: recorded every 5 minutes (a fifth of the cost of every
 * minute); daily and weekly levels, the trend and the noise every hour.
 */
export const levelsInterval = 5 * 60;
export const trendsInterval = hour;

/**
 * The trend may scale a week by at most this factor either way per week (three weeks: ×1.33).
 * Ordinary growth is well inside it (30% in three weeks is 9% a week); a holiday week straddling
 * the weekly levels (days after it, both newer weeks hold holiday days) makes every estimate read
 * a fall of 40% a week, which a wider clamp let through as a false "above" anomaly.
 */
export const trendClamp = 1.1;

/** The smallest expected count whose residual is counted in the noise: below it a count's noise is skewed. */
const residualMinVariance = 9;

/** The median of |z| for normal noise: the median absolute residual over it estimates σ (robust to incidents). */
const medianAbsoluteNormal = 0.67449;

/**
 * The newest sample of a series recorded `cadence` seconds apart, `ago` seconds back: a plain
 * selector could miss it while its group is still evaluating (a 5-minute series is 5 minutes old at
 * the edge of the lookback), so every read across cadences takes the last sample of two intervals.
 */
export function latest(series: string, cadenceSeconds: number, agoSeconds?: number): string {
  return overRange(
    'last_over_time',
    series,
    windowText(2 * cadenceSeconds),
    agoSeconds === undefined ? undefined : windowText(agoSeconds)
  );
}

/** PromQL pieces of one signal's baselines, with its identity matchers applied. */
function pieces(signal: Signal) {
  const n = signal.names;
  const at = (record: string) => signalSeries(signal, record);
  const count1h = n.denominator1h ?? n.events1h;
  const byPeers = { on: signal.signalGroupBy, groupLeft: [] };
  return {
    at,
    /** The signal's value over the hour ending `ago` back (5-minute cadence). */
    valueAt(agoSeconds: number): string {
      const events = latest(at(n.events1h), levelsInterval, agoSeconds);
      return n.denominator1h === undefined
        ? binary(events, '/', hour)
        : ratioPromql(events, latest(at(n.denominator1h), levelsInterval, agoSeconds));
    },
    /** The hour's count behind that value (denominator of a ratio, events of a rate). */
    countAt: (agoSeconds: number) => latest(at(count1h), levelsInterval, agoSeconds),
    /** A per-signal value on every label set the signal has now: what a new label set is judged by. */
    fill: (perSignal: string) => binary(paren(binary(at(n.events), '*', 0)), '+', perSignal, byPeers),
    byPeers,
  };
}

/**
 * The standard error of a reference from the count behind it (a half count added, so 0 of n is not
 * certain). The hourly levels of a window longer than an hour are averages of its counts, so they
 * carry that window's count.
 */
function stderr(signal: Signal, reference: string, count: string): string {
  const span = Math.max(hour, signal.windowSeconds);
  if (signal.unit === 'rate') {
    return binary(call('sqrt', binary(binary(reference, '*', span), '+', 0.5)), '/', span);
  }
  const next = paren(binary(binary(count, '*', span / hour), '+', 1));
  const shrunk = paren(
    binary(paren(binary(binary(binary(reference, '*', count), '*', span / hour), '+', 0.5)), '/', next)
  );
  return call('sqrt', binary(binary(shrunk, '*', paren(binary(1, '-', shrunk))), '/', next));
}

/** The variance of the median of three normal samples, as a share of one sample's (of two: their mean's). */
const medianOfThreeVariance = 0.449;

/**
 * The standard error of the weekly median: one week's, shrunk by how many weeks the median has
 * (1 week: as is; 2: their mean, half the variance; 3: the median, 45%). A label set judged by its
 * peers keeps one week's.
 */
function medianStderr(signal: Signal, oneWeek: string): string {
  const { at } = pieces(signal);
  const weeks = aggregate('count', [weeksAgoLabel], at(signal.names.sameTimeWeeksAgo), 'without');
  const share = call('sqrt', call('clamp_min', binary(1, '/', weeks), medianOfThreeVariance));
  return binary(oneWeek, '*', paren(binary(share, 'or', paren(binary(binary(oneWeek, '*', 0), '+', 1)))));
}

/**
 * Same hour `weeks` back, corrected by the trend per week (to the power of the weeks). Ratios stay
 * at most 1. The trend exists from a signal's first day on (1 until weeks can be compared).
 */
function trended(signal: Signal, value: string, weeks: number): string {
  const { at, byPeers } = pieces(signal);
  const trend = paren(binary(latest(at(signal.names.trend1w), trendsInterval), '^', weeks));
  const corrected = binary(paren(value), '*', trend, byPeers);
  return signal.unit === 'ratio' ? call('clamp_max', corrected, 1) : corrected;
}

/**
 * A window count's level over the last hour, scaled to an hour: only once every window averaged
 * was whole (the label set counted for a window and an hour), so the first hour of an install, of
 * a new label set or after an outage (counts ramping up) never becomes a level that a baseline
 * reads a week later.
 */
function hourlyLevel(count: string, windowSeconds: number): string {
  return binary(
    binary(overRange('avg_over_time', count, windowText(hour)), '*', hour / windowSeconds),
    'and',
    offset(count, windowText(hour + windowSeconds))
  );
}

/**
 * Hourly levels and the references every alert reads, recorded every 5 minutes. The hourly level
 * is the average of the window's count over the hour, scaled to an hour; every baseline is built
 * from these levels, so none reads the raw counters or a day of 30-second samples.
 */
export function levelRules(signal: Signal): RecordingRule[] {
  const n = signal.names;
  const { at, valueAt, countAt, fill } = pieces(signal);
  const g = signal.signalGroupBy;
  const rules: RecordingRule[] = [{ record: n.events1h, expr: hourlyLevel(at(n.events), signal.windowSeconds) }];
  if (n.denominator1h !== undefined && n.denominator !== undefined) {
    rules.push({ record: n.denominator1h, expr: hourlyLevel(at(n.denominator), signal.windowSeconds) });
  }
  // A ratio's doubt comes from the hour's count behind it; a rate's from the rate itself.
  const ratio = n.denominator1h !== undefined;
  const counted = (record: RecordingRule): RecordingRule[] => (ratio ? [record] : []);
  // The hour centred on the same time of week (±30m), so a daily peak meets the peak.
  for (const weeks of baselineWeeks) {
    const ago = weeks * week - hour / 2;
    const labels = { [weeksAgoLabel]: String(weeks) };
    rules.push(...counted({ record: n.countWeeksAgo, expr: countAt(ago), labels }));
    rules.push({ record: n.sameTimeWeeksAgo, expr: trended(signal, valueAt(ago), weeks), labels });
  }
  const median = (record: string) => quantile(0.5, [weeksAgoLabel], at(record), 'without');
  const peers = (record: string) => quantile(0.5, g, at(record), 'by');
  // Before a week of history: the hour before the last one, of a label set old enough to have it
  // (a younger one's previous hour is itself). Not the last hour: an incident of minutes would
  // already drag it along (a 6x error spike read 7.7% against a usual 5% after 8 minutes).
  const mature = (expr: string) => binary(paren(expr), 'and', latest(at(n.events1h), levelsInterval, hour));
  const previous = mature(valueAt(hour));
  const previousCount = binary(countAt(hour), 'and', at(n.previousHour));
  if (signal.labels.length > 1) {
    // Split by `by`: a label set without history of its own (a new gateway, a new browser
    // version) is judged against the median of the others'.
    rules.push(
      { record: n.baseline, expr: median(n.sameTimeWeeksAgo) },
      ...counted({ record: n.baselineCount, expr: median(n.countWeeksAgo) }),
      { record: n.peersBaseline, expr: peers(n.baseline) },
      ...counted({ record: n.peersBaselineCount, expr: peers(n.baselineCount) }),
      { record: n.reference, expr: binary(at(n.baseline), 'or', fill(at(n.peersBaseline))) },
      ...counted({
        record: n.referenceCount,
        expr: binary(at(n.baselineCount), 'or', fill(at(n.peersBaselineCount))),
      }),
      { record: n.previousHour, expr: previous },
      ...counted({ record: n.previousHourCount, expr: previousCount }),
      { record: n.peersRecent, expr: peers(n.previousHour) },
      ...counted({ record: n.peersRecentCount, expr: peers(n.previousHourCount) }),
      {
        record: n.recent,
        expr: binary(paren(binary(at(n.previousHour), 'or', fill(at(n.peersRecent)))), 'unless', at(n.reference)),
      },
      ...counted({
        record: n.recentCount,
        expr: binary(paren(binary(at(n.previousHourCount), 'or', fill(at(n.peersRecentCount)))), 'and', at(n.recent)),
      })
    );
  } else {
    rules.push(
      { record: n.reference, expr: median(n.sameTimeWeeksAgo) },
      ...counted({ record: n.referenceCount, expr: median(n.countWeeksAgo) }),
      { record: n.recent, expr: binary(paren(previous), 'unless', at(n.reference)) },
      ...counted({ record: n.recentCount, expr: binary(countAt(signal.windowSeconds), 'and', at(n.recent)) })
    );
  }
  rules.push(
    { record: n.referenceStderr, expr: medianStderr(signal, stderr(signal, at(n.reference), at(n.referenceCount))) },
    { record: n.recentStderr, expr: stderr(signal, at(n.recent), at(n.recentCount)) },
    { record: n.zscore, expr: residual(signal) },
    {
      record: n.dispersion,
      expr: binary(
        latest(at(n.dispersion3w), trendsInterval),
        'or',
        paren(binary(binary(at(n.events), '*', 0), '+', 1))
      ),
    },
    { record: n.level1d, expr: dailyLevel(signal) }
  );
  if (!ratio) {
    // A rate that may fall, before any reference (a new install's first day): the busiest hour of the last day.
    rules.push({ record: n.busiestHour1d, expr: overRange('max_over_time', at(n.events1h), windowText(day)) });
    // The recent level drains to 0 two hours into a stop: keep the last one that had events (read
    // back from this record itself) until the weekly reference takes over.
    const flowing = binary(paren(binary(at(n.recent), '>', 0)), 'or', latest(at(n.lastFlowing), levelsInterval));
    rules.push({ record: n.lastFlowing, expr: binary(paren(flowing), 'unless', at(n.reference)) });
  }
  return rules.map((rule) => ({ ...rule, labels: { ...signal.identity, ...rule.labels } }));
}

/**
 * The window's residual against the weekly reference in standard errors (count noise plus the
 * reference's own), absolute, where the count is large enough for its noise to be near normal.
 * Their median over a week (the median absolute deviation) shows whether the signal is noisier
 * than its counts say; an incident of a few hours does not move it.
 */
function residual(signal: Signal): string {
  const n = signal.names;
  const { at } = pieces(signal);
  const [events, reference, se] = [at(n.events), at(n.reference), at(n.referenceStderr)];
  const trials = n.denominator === undefined ? signal.windowSeconds : at(n.denominator);
  const expected = paren(binary(trials, '*', reference));
  const countVariance = signal.unit === 'ratio' ? binary(expected, '*', paren(binary(1, '-', reference))) : expected;
  const variance = paren(binary(countVariance, '+', binary(paren(binary(trials, '*', se)), '^', 2)));
  return binary(
    call('abs', binary(paren(binary(events, '-', expected)), '/', call('sqrt', variance))),
    'and',
    paren(binary(countVariance, '>=', residualMinVariance))
  );
}

/**
 * The day's level of the whole signal (across its label sets): the ratio of the day's counts, or
 * its events per second; only over a whole day (a part of one, say a first morning, is no level).
 */
function dailyLevel(signal: Signal): string {
  const n = signal.names;
  const { at } = pieces(signal);
  const g = signal.signalGroupBy;
  const dayOf = (record: string) => aggregate('sum', g, overRange('avg_over_time', at(record), windowText(day)));
  const level =
    n.denominator1h === undefined
      ? binary(dayOf(n.events1h), '/', hour)
      : ratioPromql(dayOf(n.events1h), dayOf(n.denominator1h));
  return binary(paren(level), 'and', aggregate('count', g, latest(at(n.events1h), levelsInterval, day)));
}

/**
 * Daily and weekly levels (per signal, across its label sets), the trend and the noise, recorded
 * hourly from the 5-minute levels. The trend compares medians of daily levels, so a one-off day
 * (a sale, an outage) does not move it, and takes of three week-over-week estimates the one
 * closest to no change, so one odd week (a holiday) cannot set it either.
 */
export function trendRules(signal: Signal): RecordingRule[] {
  const n = signal.names;
  const { at } = pieces(signal);
  const g = signal.signalGroupBy;
  const rules: RecordingRule[] = [];
  for (const weeks of trendWeeks) {
    rules.push({
      record: n.level1w,
      // Over at least six daily levels of the week (a part of one is a mix of weekdays, no level).
      // Six, not seven: the oldest week's level then exists when its same-hour samples do (three
      // weeks of history), so a holiday in the newest week never meets only two weekly levels,
      // whose single trend estimate would be the holiday itself.
      expr: binary(
        quantileOverTime(0.5, at(n.level1d), windowText(week), weeks === 0 ? undefined : windowText(weeks * week)),
        'and',
        latest(at(n.level1d), levelsInterval, (weeks + 1) * week - day)
      ),
      labels: { [weeksAgoLabel]: String(weeks) },
    });
  }
  const weekLevel = (weeks: number) =>
    signalSeries({ identity: { ...signal.identity, [weeksAgoLabel]: String(weeks) } }, n.level1w);
  const perWeek = (from: number, to: number) =>
    binary(weekLevel(from), '/', weekLevel(to), { ignoring: [weeksAgoLabel] });
  const estimates: [string, string][] = [
    ['0-1', perWeek(0, 1)],
    ['1-2', perWeek(1, 2)],
    ['0-2', call('sqrt', perWeek(0, 2))],
  ];
  for (const [estimate, expr] of estimates) {
    rules.push({ record: n.trendEstimates, expr, labels: { [trendEstimateLabel]: estimate } });
  }
  const candidates = at(n.trendEstimates);
  const closestToNone = binary(candidates, 'and', rankBy('bottomk', 1, g, call('abs', call('ln', candidates))));
  // No estimate yet: no trend (1). Without a day of data the last trend is kept, so the weekly
  // baselines outlive an outage, however long.
  const noTrend = paren(binary(binary(latest(at(n.level1d), levelsInterval), '*', 0), '+', 1));
  rules.push({
    record: n.trend1w,
    expr: binary(
      binary(
        call('clamp', aggregate('max', [trendEstimateLabel], closestToNone, 'without'), 1 / trendClamp, trendClamp),
        'or',
        noTrend
      ),
      'or',
      latest(at(n.trend1w), trendsInterval)
    ),
  });
  // The median over three weeks: a one-off week (a holiday, all of its residuals large) is a third
  // of them and cannot set the noise; over one week it was all of them, and widened every band.
  const spread = binary(quantileOverTime(0.5, at(n.zscore), windowText(3 * week)), '/', medianAbsoluteNormal);
  rules.push({
    record: n.dispersion3w,
    expr: binary(
      call('clamp_min', spread, 1),
      'and',
      // Residuals for at least a day before the noise they show is trusted.
      latest(at(n.zscore), levelsInterval, day)
    ),
  });
  return rules.map((rule) => ({ ...rule, labels: { ...signal.identity, ...rule.labels } }));
}

/** The baseline groups of a spec's signals: 5-minute levels and references, hourly trends and noise. */
export function baselineGroups(namespace: string, signals: readonly Signal[]): RuleGroup[] {
  if (signals.length === 0) return [];
  return [
    {
      name: `nowcast_${namespace}_levels`,
      interval: windowText(levelsInterval),
      rules: uniqueRules(signals.flatMap(levelRules)),
    },
    {
      name: `nowcast_${namespace}_trends`,
      interval: windowText(trendsInterval),
      rules: uniqueRules(signals.flatMap(trendRules)),
    },
  ];
}
