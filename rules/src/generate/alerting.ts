import type { AlertSpec, AnalyticsSpec } from '@nowcast/otel-exporter/spec';
import { formatDuration } from '@nowcast/otel-exporter/spec';
import { alertLabelNames } from '../names';
import type { ModelAlert, RulesModel } from '../model/model';
import { number } from '../model/promql';
import type { AlertingRule, RuleGroup } from '../model/rules';
import { identitySelector, type Signal } from '../model/signal';
import { annotationsOf } from './annotations';

/** How far back "it used to flow" looks when no learned baseline exists yet. */
const recentVolumeRange = '1h';
/** History a signal needs before its previous hour may stand in for a missing baseline. */
const coldStartHistory = '10m';

/** PromQL pieces of one signal, with its identity matchers applied. */
function series(signal: Signal) {
  const sel = identitySelector(signal);
  const n = signal.names;
  return {
    value: `${n.value}${sel}`,
    volume: `${n.volume}${sel}`,
    baseline: `${n.baseline}${sel}`,
    baselineStddev: `${n.baselineStddev}${sel}`,
  };
}

/**
 * The volume guard (Poisson-aware): a count of a handful of events says nothing, so an alert judges
 * only when enough events are in the window. For ratios the count is the denominator, which the
 * incident does not remove. For a rate that may fall, the observed count is the symptom itself, so
 * the guard reads the count expected now: the learned baseline × the window, or (cold start) the
 * busiest window of the last hour.
 */
export function volumeGuard(signal: Signal, minVolume: number, falling: boolean): string {
  const s = series(signal);
  if (signal.unit === 'ratio' || !falling) {
    return `${s.volume} >= ${number(minVolume)}`;
  }
  const expected = `(${s.baseline} * ${signal.windowSeconds}) or max_over_time(${s.volume}[${recentVolumeRange}])`;
  return `(${expected}) >= ${number(minVolume)}`;
}

function judged(condition: string, guard: string): string {
  return `(${condition}) and (${guard})`;
}

export function alertExpr(alert: AlertSpec, signal: Signal): string {
  const s = series(signal);
  switch (alert.kind) {
    case 'threshold': {
      const op = alert.direction === 'above' ? '>' : '<';
      return judged(`${s.value} ${op} ${number(alert.bound)}`, volumeGuard(signal, alert.minVolume, op === '<'));
    }
    case 'anomaly': {
      // Band half-width: k learned standard deviations, never narrower than minMargin.
      const margin = `clamp_min(${number(alert.sensitivity)} * ${s.baselineStddev}, ${number(alert.minMargin ?? 0)})`;
      const parts: string[] = [];
      if (alert.direction !== 'above') {
        parts.push(judged(`${s.value} < (${s.baseline} - ${margin})`, volumeGuard(signal, alert.minVolume, true)));
      }
      if (alert.direction !== 'below') {
        parts.push(judged(`${s.value} > (${s.baseline} + ${margin})`, volumeGuard(signal, alert.minVolume, false)));
      }
      // Cold start: without a baseline the band is absent; a static bound judges instead, so a new
      // funnel is neither blind nor paging on guesses.
      if (alert.fallbackBound !== undefined && alert.direction !== 'both') {
        const op = alert.direction === 'above' ? '>' : '<';
        parts.push(
          `(${judged(`${s.value} ${op} ${number(alert.fallbackBound)}`, volumeGuard(signal, alert.minVolume, op === '<'))}) unless ${s.baseline}`
        );
      }
      return parts.map((p) => `(${p})`).join(' or ');
    }
    case 'spike': {
      // Ratio to the learned baseline, split by `by`: only the offending label set fires. Before a
      // day of history the previous hour stands in, once the series is old enough that the hour is
      // not mostly the ramp-up of a fresh start (which would make normal traffic look like a spike).
      const previousHour = `avg_over_time(${s.value}[1h] offset ${formatDuration(signal.windowSeconds)})`;
      const reference = `(${s.baseline} or (${previousHour} and ${s.value} offset ${coldStartHistory}))`;
      return judged(`${s.value} > ${number(alert.factor)} * ${reference}`, volumeGuard(signal, alert.minVolume, false));
    }
    case 'no_data': {
      // Stopped (rate 0) or gone (series vanished, e.g. the exporter died), while events used to flow.
      const stopped = `${s.value} == 0 or (max_over_time(${s.value}[${recentVolumeRange}]) unless ${s.value}) * 0`;
      return judged(stopped, volumeGuard(signal, alert.minVolume, true));
    }
  }
}

/** Default keep_firing_for: one alert window, so a value hovering at the bound does not flap. */
function keepFiringFor(alert: AlertSpec): string {
  return formatDuration((alert.keepFiringFor ?? alert.window).seconds);
}

export function alertingRule(spec: AnalyticsSpec, { spec: alert, signal, target }: ModelAlert): AlertingRule {
  return {
    alert: alert.name,
    expr: alertExpr(alert, signal),
    for: formatDuration(alert.for.seconds),
    keep_firing_for: keepFiringFor(alert),
    labels: {
      [alertLabelNames.severity]: alert.severity,
      [alertLabelNames.team]: alert.team,
      [alertLabelNames.kind]: alert.kind,
      [alertLabelNames.target]: target,
    },
    annotations: annotationsOf(spec, alert, signal),
  };
}

export function alertingGroups(model: RulesModel): RuleGroup[] {
  if (model.alerts.length === 0) return [];
  return [
    {
      name: `nowcast_${model.spec.namespace}_alerts`,
      interval: '30s',
      rules: model.alerts.map((a) => alertingRule(model.spec, a)),
    },
  ];
}
