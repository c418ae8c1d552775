import type { AlertSpec, AnalyticsSpec } from '@nowcast/otel-exporter/spec';
import { signalOf, targetId, type Signal } from './signal';

/** An alert with the signal it judges. */
export interface ModelAlert {
  readonly spec: AlertSpec;
  readonly signal: Signal;
  /** The `nowcast_target` label: alerts on one target share it, so inhibition can pair them. */
  readonly target: string;
}

/** The spec, resolved into what the generators need: one signal per distinct target/split/window. */
export interface RulesModel {
  readonly spec: AnalyticsSpec;
  readonly alerts: readonly ModelAlert[];
  /** Distinct signals in alert order (several alerts may share one). */
  readonly signals: readonly Signal[];
}

export function buildModel(spec: AnalyticsSpec): RulesModel {
  const alerts = spec.alerts.map((alert) => ({
    spec: alert,
    signal: signalOf(spec, alert),
    target: targetId(alert.target),
  }));
  const signals = new Map<string, Signal>();
  for (const { signal } of alerts) {
    const key = `${signal.names.value}${JSON.stringify(signal.identity)}`;
    if (!signals.has(key)) signals.set(key, signal);
  }
  return { spec, alerts, signals: [...signals.values()] };
}
