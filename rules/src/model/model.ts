import type { AlertSpec, AnalyticsSpec } from '@nowcast/otel-exporter/spec';
import { signalOf, targetId, type Signal } from './signal';

/** An alert with the signal it judges (A/B launch guards judge their variants instead). */
export interface ModelAlert {
  readonly spec: AlertSpec;
  readonly signal: Signal | undefined;
  /** The `nowcast_target` label: alerts on one target share it, so inhibition can pair them. */
  readonly target: string;
  /** Events the alert reads: inhibition pairs only alerts that read the same events. */
  readonly events: readonly string[];
}

/** The spec, resolved into what the generators need: one signal per distinct target/split/window. */
export interface RulesModel {
  readonly spec: AnalyticsSpec;
  readonly alerts: readonly ModelAlert[];
  /** Distinct signals in alert order (several alerts may share one). */
  readonly signals: readonly Signal[];
}

/** The events an A/B launch guard reads: exposures, tracked events, errors and their total. */
function abLaunchEvents(alert: Extract<AlertSpec, { kind: 'ab_launch' }>): string[] {
  const exposure = alert.target.type === 'event_rate' ? [alert.target.event] : [];
  const errors = alert.errorRatio === undefined ? [] : [...alert.errorRatio.errors, ...alert.errorRatio.total];
  return [...new Set([...exposure, ...alert.track, ...errors])];
}

export function buildModel(spec: AnalyticsSpec): RulesModel {
  const alerts: ModelAlert[] = spec.alerts.map((alert) => {
    const target = targetId(alert.target);
    if (alert.kind === 'ab_launch') return { spec: alert, signal: undefined, target, events: abLaunchEvents(alert) };
    const signal = signalOf(spec, alert);
    return { spec: alert, signal, target, events: signal.events };
  });
  const signals = new Map<string, Signal>();
  for (const { signal } of alerts) {
    if (signal === undefined) continue;
    const key = `${signal.names.value}${JSON.stringify(signal.identity)}`;
    if (!signals.has(key)) signals.set(key, signal);
  }
  return { spec, alerts, signals: [...signals.values()] };
}
