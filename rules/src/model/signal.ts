import { labelNames, productMetricNames } from '@nowcast/otel-exporter/contract';
import type { AlertSpec, AlertTarget, AnalyticsSpec } from '@nowcast/otel-exporter/spec';
import { generalRuleNames, signalRuleNames, windowText, eventRateWindows, type SignalRuleNames } from '../names';
import { matcher, quote, selector, sumBy } from './promql';

/** `{event="api_error"}`: selects one signal's series under a shared record name. */
export function identitySelector(signal: Pick<Signal, 'identity'>): string {
  return selector(Object.entries(signal.identity).map(([label, value]) => `${label}=${quote(value)}`));
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

/** `a/b`-free slug usable inside a metric name. */
function slug(text: string): string {
  return text.replace(/[^a-zA-Z0-9_]+/g, '_').replace(/^_+|_+$/g, '');
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
  const metrics = productMetricNames(spec.namespace);
  const w = alert.window.seconds;
  const range = `[${windowText(w)}]`;
  const target = alert.target;
  switch (target.type) {
    case 'event_rate': {
      const labels = [labelNames.event, ...alert.by];
      const whereKeys = Object.keys(target.where).sort();
      const filters = whereKeys.map((k) => matcher(k, target.where[k] ?? []));
      const counter = `${metrics.events}${selector([matcher(labelNames.event, [target.event]), ...filters])}`;
      const whereSlug = whereKeys.map((k) => `${k}_${(target.where[k] ?? []).join('_')}`).join('_');
      const metric = `${spec.namespace}_events${whereSlug === '' ? '' : `_where_${slug(whereSlug)}`}`;
      const names = signalRuleNames(
        `${labels.join('_')}:${metric}`,
        `rate${windowText(w)}`,
        `increase${windowText(w)}`
      );
      const general = generalRuleNames(spec.namespace);
      // The plain per-event rate is already recorded for every event; reuse it rather than write it twice.
      const recordedGenerally =
        whereKeys.length === 0 &&
        alert.by.length === 0 &&
        (eventRateWindows as readonly number[]).includes(w) &&
        names.value === general.eventRate(w);
      return {
        names,
        labels,
        identity: { [labelNames.event]: target.event },
        windowSeconds: w,
        unit: 'rate',
        valueExpr: recordedGenerally ? undefined : sumBy(labels, `rate(${counter}${range})`),
        volumeExpr: sumBy(labels, `increase(${counter}${range})`),
        description: `${targetId(target)} events per second`,
        events: [target.event],
      };
    }
    case 'conversion': {
      const labels = [labelNames.funnel, ...alert.by];
      const step = (index: number) =>
        sumBy(
          labels,
          `increase(${metrics.funnelStep}${selector([
            matcher(labelNames.funnel, [target.funnel]),
            matcher(labelNames.stepIndex, [String(index)]),
          ])}${range})`
        );
      const metric = `${spec.namespace}_funnel_conversion_step${target.fromIndex}_to_step${target.toIndex}`;
      const names = signalRuleNames(
        `${labels.join('_')}:${metric}`,
        `ratio${windowText(w)}`,
        `denominator_increase${windowText(w)}`
      );
      const funnel = spec.funnels.find((f) => f.name === target.funnel);
      return {
        names,
        labels,
        identity: { [labelNames.funnel]: target.funnel },
        windowSeconds: w,
        unit: 'ratio',
        // A window without attempts has no conversion (not 0, not NaN): the series is simply absent.
        valueExpr: `${step(target.toIndex)} / (${step(target.fromIndex)} > 0)`,
        volumeExpr: step(target.fromIndex),
        description: `conversion ${target.from} → ${target.to} in funnel ${target.funnel}`,
        events: [...new Set(funnel?.steps.map((s) => s.event) ?? [])],
      };
    }
    case 'error_ratio': {
      const labels = [labelNames.event, ...alert.by];
      const split = [...alert.by];
      const count = (events: readonly string[], fn: string) =>
        sumBy(split, `${fn}(${metrics.events}${selector([matcher(labelNames.event, events)])}${range})`);
      const errorsLabel = target.errors.join(',');
      const metric = `${spec.namespace}_${slug(target.errors.join('_'))}_error`;
      const names = signalRuleNames(
        `${labels.join('_')}:${metric}`,
        `ratio${windowText(w)}`,
        `denominator_increase${windowText(w)}`
      );
      return {
        names,
        labels,
        identity: { [labelNames.event]: errorsLabel },
        windowSeconds: w,
        unit: 'ratio',
        valueExpr: `${count(target.errors, 'rate')} / (${count(target.total, 'rate')} > 0)`,
        volumeExpr: count(target.total, 'increase'),
        description: `share of ${target.errors.join(', ')} among ${target.total.join(', ')}`,
        events: [...new Set([...target.errors, ...target.total])],
      };
    }
  }
}
