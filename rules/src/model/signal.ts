import {
  ratioPromql,
  generalRuleNames,
  increase,
  labelNames,
  matcher,
  productFamilies,
  rate,
  selector,
  signalMetrics,
  signalRuleNames,
  sumBy,
  windowText,
  type SignalRuleNames,
} from '@nowcast/otel-exporter/contract';
import type { AlertSpec, AlertTarget, AnalyticsSpec } from '@nowcast/otel-exporter/spec';
import { eventRateWindows } from './windows';

/** The identity matchers of a signal: select one signal's series under a shared record name. */
export function identityMatchers(signal: Pick<Signal, 'identity'>): string[] {
  return Object.entries(signal.identity).map(([label, value]) => matcher(label, value));
}

/** A series of the signal (one of its recorded names), selected by the signal's identity. */
export function signalSeries(signal: Pick<Signal, 'identity'>, record: string): string {
  return selector(record, identityMatchers(signal));
}

/**
 * A signal is the one number an alert judges (an event rate, a conversion, an error ratio) over
 * the alert's window, split by the alert's `by` labels, with the volume that says whether it
 * means anything. Alerts on the same target, split and window share one signal and its baselines.
 */
export interface Signal {
  readonly names: SignalRuleNames;
  /** Labels of every series of the signal: the identity label (event or funnel) and `by`. */
  readonly labels: readonly string[];
  /**
   * The label that tells this signal's series from other signals' under a shared record name
   * (`event` or `funnel`). Every rule of the signal sets it statically too, so promtool sees
   * distinct rules; error ratios get it only that way (their value names the error events).
   */
  readonly identity: Readonly<Record<string, string>>;
  readonly windowSeconds: number;
  /** `rate` (per second) or `ratio` (0..1): how values read and which guard applies. */
  readonly unit: 'rate' | 'ratio';
  /** PromQL of the value; undefined when a general recording already records it. */
  readonly valueExpr: string | undefined;
  readonly volumeExpr: string;
  /** What the signal measures, for annotations ("conversion checkout_started → payment_succeeded"). */
  readonly description: string;
  /** Events this signal reads: a no_data alert on one of them makes its anomalies a symptom. */
  readonly events: readonly string[];
}

/** A stable, human-readable id of a target, used as the `nowcast_target` alert label. */
export function targetId(target: AlertTarget): string {
  switch (target.type) {
    case 'event_rate': {
      const where = Object.keys(target.where)
        .sort()
        .map((k) => `${k}=${(target.where[k] ?? []).join('|')}`);
      return where.length === 0 ? target.event : `${target.event}{${where.join(',')}}`;
    }
    case 'conversion':
      return `${target.funnel}:${target.from}->${target.to}`;
    case 'error_ratio':
      return `${target.errors.join('+')}/${target.total.join('+')}`;
  }
}

export function signalOf(spec: AnalyticsSpec, alert: AlertSpec): Signal {
  const families = productFamilies(spec.namespace);
  const w = alert.window.seconds;
  const window = windowText(w);
  const target = alert.target;
  switch (target.type) {
    case 'event_rate': {
      const labels = [labelNames.event, ...alert.by];
      const filters = Object.keys(target.where)
        .sort()
        .map((k) => matcher(k, target.where[k] ?? []));
      const counter = selector(families.events.name, [matcher(labelNames.event, target.event), ...filters]);
      const names = signalRuleNames(labels, signalMetrics.eventRate(spec.namespace, target.where), 'rate', w);
      // The plain per-event rate is already recorded for every event; reuse it rather than write it twice.
      const recordedGenerally =
        filters.length === 0 &&
        alert.by.length === 0 &&
        (eventRateWindows as readonly number[]).includes(w) &&
        names.value === generalRuleNames(spec.namespace).eventRate(w);
      return {
        names,
        labels,
        identity: { [labelNames.event]: target.event },
        windowSeconds: w,
        unit: 'rate',
        valueExpr: recordedGenerally ? undefined : sumBy(labels, rate(counter, window)),
        volumeExpr: sumBy(labels, increase(counter, window)),
        description: `${targetId(target)} events per second`,
        events: [target.event],
      };
    }
    case 'conversion': {
      const labels = [labelNames.funnel, ...alert.by];
      const step = (index: number) =>
        sumBy(
          labels,
          increase(
            selector(families.funnelStep.name, [
              matcher(labelNames.funnel, target.funnel),
              matcher(labelNames.stepIndex, String(index)),
            ]),
            window
          )
        );
      const metric = signalMetrics.conversion(spec.namespace, target.fromIndex, target.toIndex);
      const funnel = spec.funnels.find((f) => f.name === target.funnel);
      return {
        names: signalRuleNames(labels, metric, 'ratio', w),
        labels,
        identity: { [labelNames.funnel]: target.funnel },
        windowSeconds: w,
        unit: 'ratio',
        // A window without attempts has no conversion (not 0, not NaN): the series is simply absent.
        valueExpr: ratioPromql(step(target.toIndex), step(target.fromIndex)),
        volumeExpr: step(target.fromIndex),
        description: `conversion ${target.from} → ${target.to} in funnel ${target.funnel}`,
        events: [...new Set(funnel?.steps.map((s) => s.event) ?? [])],
      };
    }
    case 'error_ratio': {
      const labels = [labelNames.event, ...alert.by];
      const split = [...alert.by];
      const count = (events: readonly string[], over: typeof rate) =>
        sumBy(split, over(selector(families.events.name, [matcher(labelNames.event, events)]), window));
      return {
        names: signalRuleNames(labels, signalMetrics.errorRatio(spec.namespace, target.errors), 'ratio', w),
        labels,
        identity: { [labelNames.event]: target.errors.join(',') },
        windowSeconds: w,
        unit: 'ratio',
        valueExpr: ratioPromql(count(target.errors, rate), count(target.total, rate)),
        volumeExpr: count(target.total, increase),
        description: `share of ${target.errors.join(', ')} among ${target.total.join(', ')}`,
        events: [...new Set([...target.errors, ...target.total])],
      };
    }
  }
}
