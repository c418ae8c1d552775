import {
  binary,
  call,
  offset,
  overRange,
  paren,
  windowText,
  type BinaryOperator,
} from '@nowcast/otel-exporter/contract';
import type { AlertSpec, AnalyticsSpec } from '@nowcast/otel-exporter/spec';
import { formatDuration } from '@nowcast/otel-exporter/spec';
import { alertLabelNames } from '../model/alertLabels';
import type { ModelAlert, RulesModel } from '../model/model';
import type { AlertingRule, RuleGroup } from '../model/rules';
import { signalSeries, type Signal } from '../model/signal';
import { annotationsOf } from './annotations';

/** How far back "it used to flow" looks when no learned baseline exists yet. */
const recentVolumeRange = '1h';
/** History a signal needs before its previous hour may stand in for a missing baseline. */
const coldStartHistory = '10m';

/** PromQL pieces of one signal, with its identity matchers applied. */
function series(signal: Signal) {
  const n = signal.names;
  return {
    value: signalSeries(signal, n.value),
    volume: signalSeries(signal, n.volume),
    baseline: signalSeries(signal, n.baseline),
    baselineStddev: signalSeries(signal, n.baselineStddev),
  };
}

/**
 * The volume guard: a count of a handful of events says nothing, so an alert judges only when
 * enough events are in the window. For ratios the count is the denominator, which the incident
 * does not remove. For a rate that may fall, the observed count is the symptom itself, so the
 * guard reads the count expected now: the learned baseline × the window, or (cold start) the
 * busiest window of the last hour.
 */
export function volumeGuard(signal: Signal, minVolume: number, falling: boolean): string {
  const s = series(signal);
  if (signal.unit === 'ratio' || !falling) {
    return binary(s.volume, '>=', minVolume);
  }
  const expected = binary(
    paren(binary(s.baseline, '*', signal.windowSeconds)),
    'or',
    overRange('max_over_time', s.volume, recentVolumeRange)
  );
  return binary(paren(expected), '>=', minVolume);
}

function judged(condition: string, guard: string): string {
  return binary(paren(condition), 'and', paren(guard));
}

export function alertExpr(alert: AlertSpec, signal: Signal): string {
  const s = series(signal);
  switch (alert.kind) {
    case 'threshold': {
      const op: BinaryOperator = alert.direction === 'above' ? '>' : '<';
      return judged(binary(s.value, op, alert.bound), volumeGuard(signal, alert.minVolume, op === '<'));
    }
    case 'anomaly': {
      // Band half-width: k learned standard deviations, never narrower than minMargin.
      const margin = call('clamp_min', binary(alert.sensitivity, '*', s.baselineStddev), alert.minMargin ?? 0);
      const parts: string[] = [];
      if (alert.direction !== 'above') {
        parts.push(
          judged(
            binary(s.value, '<', paren(binary(s.baseline, '-', margin))),
            volumeGuard(signal, alert.minVolume, true)
          )
        );
      }
      if (alert.direction !== 'below') {
        parts.push(
          judged(
            binary(s.value, '>', paren(binary(s.baseline, '+', margin))),
            volumeGuard(signal, alert.minVolume, false)
          )
        );
      }
      // Cold start: without a baseline the band is absent; a static bound judges instead, so a new
      // funnel is neither blind nor paging on guesses.
      if (alert.fallbackBound !== undefined && alert.direction !== 'both') {
        const op: BinaryOperator = alert.direction === 'above' ? '>' : '<';
        const fallback = judged(
          binary(s.value, op, alert.fallbackBound),
          volumeGuard(signal, alert.minVolume, op === '<')
        );
        parts.push(binary(paren(fallback), 'unless', s.baseline));
      }
      return parts.map(paren).reduce((either, part) => binary(either, 'or', part));
    }
    case 'spike': {
      // Ratio to the learned baseline, split by `by`: only the offending label set fires. Before a
      // day of history the previous hour stands in, once the series is old enough that the hour is
      // not mostly the ramp-up of a fresh start (which would make normal traffic look like a spike).
      const previousHour = overRange('avg_over_time', s.value, '1h', windowText(signal.windowSeconds));
      const reference = paren(
        binary(s.baseline, 'or', paren(binary(previousHour, 'and', offset(s.value, coldStartHistory))))
      );
      return judged(
        binary(s.value, '>', binary(alert.factor, '*', reference)),
        volumeGuard(signal, alert.minVolume, false)
      );
    }
    case 'no_data': {
      // Stopped (rate 0) or gone (series vanished, e.g. the exporter died), while events used to flow.
      const gone = paren(binary(overRange('max_over_time', s.value, recentVolumeRange), 'unless', s.value));
      const stopped = binary(binary(s.value, '==', 0), 'or', binary(gone, '*', 0));
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
