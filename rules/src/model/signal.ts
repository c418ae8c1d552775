import {
  aggregate,
  binary,
  increase,
  labelNames,
  matcher,
  paren,
  productFamilies,
  ratioPromql,
  reachedStepsFrom,
  selector,
  signalMetrics,
  signalRuleNames,
  sumBy,
  windowText,
  type SignalRuleNames,
} from '@nowcast/otel-exporter/contract';
import type { AlertSpec, AlertTarget, AnalyticsSpec } from '@nowcast/otel-exporter/spec';
import { keeping, scrapeSelector, type ScrapeSelector } from './selector';

/** The identity matchers of a signal: select one signal's series under a shared record name. */
export function identityMatchers(signal: Pick<Signal, 'identity'>): string[] {
  return Object.entries(signal.identity).map(([label, value]) => matcher(label, value));
}

/** A series of the signal (one of its recorded names), selected by the signal's identity. */
export function signalSeries(signal: Pick<Signal, 'identity'>, record: string): string {
  return selector(record, identityMatchers(signal));
}

/**
 * How a conversion is measured. `live` compares step counters in the window: it moves the moment
 * users convert, but reads low while conversions are still on their way (a surge, a fresh start, a
 * restart). `settled` compares closed attempts (cohort-exact, no lag bias) but sees a cohort one
 * funnel window after it started. Live is used only when the funnel window fits in the alert window.
 */
export interface ConversionSource {
  readonly kind: 'live' | 'settled';
  readonly funnelWindowSeconds: number;
}

/**
 * A signal is the one number an alert judges (an event rate, a conversion, an error ratio) over
 * the alert's window, split by the alert's `by` labels, from the counts that say how sure it is.
 * Alerts on the same target, split and window share one signal and its baselines.
 */
export interface Signal {
  readonly names: SignalRuleNames;
  /** The product labels of every series: the identity label (event or funnel) and `by`. */
  readonly labels: readonly string[];
  /** What every aggregation keeps: the selector's labels, then `labels`. */
  readonly groupBy: readonly string[];
  /** What per-signal (peer and trend) aggregations keep: the selector's labels and the identity. */
  readonly signalGroupBy: readonly string[];
  readonly selector: ScrapeSelector;
  /**
   * The label that tells this signal's series from other signals' under a shared record name
   * (`event` or `funnel`). Every rule of the signal sets it statically too, so promtool sees
   * distinct rules; error ratios get it only that way (their value names the error events).
   */
  readonly identity: Readonly<Record<string, string>>;
  readonly windowSeconds: number;
  /** `rate` (per second, judged as a Poisson count) or `ratio` (0..1, judged as a binomial share). */
  readonly unit: 'rate' | 'ratio';
  /** Events in the window (a rate's count, a ratio's numerator), 0 for every label set of the denominator. */
  readonly eventsExpr: string;
  /** A ratio's denominator in the window. */
  readonly denominatorExpr: string | undefined;
  /**
   * A rate's counters as they are scraped now, per label set: gone the moment the exporter stops
   * answering (Prometheus marks them stale), where a window's count outlives it by the window.
   */
  readonly scrapedNow?: string;
  /** What the signal measures, for annotations ("conversion checkout_started → payment_succeeded"). */
  readonly description: string;
  /** Events this signal reads: a no_data alert on one of them makes its anomalies a symptom. */
  readonly events: readonly string[];
  /** For conversions: live or settled, and the funnel window. */
  readonly conversion?: ConversionSource;
  /**
   * For conversions not split by the funnel's breakdown: the breakdown's counts in the window, for
   * the firing label set (its selector and `by` labels as `%q` placeholders), so an alert can name
   * the breakdown values that lose most conversions.
   */
  readonly breakdown?: { readonly label: string; readonly numerator: string; readonly denominator: string };
  /**
   * For event rates: the event's property labels the alert neither splits by nor filters on, each
   * with its counts in the window now and `ago` back, for the firing label set (placeholders as
   * above), so an alert can name the property values whose counts moved most.
   */
  readonly properties?: readonly PropertyCounts[];
}

export interface PropertyCounts {
  readonly label: string;
  counted(ago?: string): string;
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

/** `numerator or 0 * denominator`: a label set of the denominator without numerator events reads 0, not absent. */
export function zeroFilled(numerator: string, denominator: string): string {
  return binary(numerator, 'or', paren(binary(0, '*', denominator)));
}

/** Live when the funnel's window fits in the alert's window; settled (cohort-exact) otherwise. */
export function conversionSource(funnelWindowSeconds: number, alertWindowSeconds: number): ConversionSource {
  return { kind: funnelWindowSeconds <= alertWindowSeconds ? 'live' : 'settled', funnelWindowSeconds };
}

export function signalOf(spec: AnalyticsSpec, alert: AlertSpec): Signal {
  const families = productFamilies(spec.namespace);
  const scrape = scrapeSelector(spec);
  const w = alert.window.seconds;
  const window = windowText(w);
  const target = alert.target;
  const common = (labels: readonly string[], identityLabel: string) => ({
    labels,
    groupBy: keeping(scrape, labels),
    signalGroupBy: keeping(scrape, [identityLabel]),
    selector: scrape,
    windowSeconds: w,
  });
  const counted = (labels: readonly string[], metric: string, matchers: readonly string[]) =>
    sumBy(keeping(scrape, labels), increase(selector(metric, [...scrape.matchers, ...matchers]), window));
  // One firing label set's counts by a label: its selector and `by` values left for the alert's
  // template to fill.
  const placeholders = [...scrape.labels, ...alert.by].map((label) => `${label}=%q`);
  const countedFor = (label: string, metric: string, matchers: readonly string[], ago?: string) =>
    sumBy([label], increase(selector(metric, [...placeholders, ...matchers]), window, ago));
  switch (target.type) {
    case 'event_rate': {
      const labels = [labelNames.event, ...alert.by];
      const filters = Object.keys(target.where)
        .sort()
        .map((k) => matcher(k, target.where[k] ?? []));
      return {
        ...common(labels, labelNames.event),
        names: signalRuleNames(labels, signalMetrics.eventRate(spec.namespace, target.where), 'rate', w),
        identity: { [labelNames.event]: target.event },
        unit: 'rate',
        eventsExpr: counted(labels, families.events.name, [matcher(labelNames.event, target.event), ...filters]),
        denominatorExpr: undefined,
        scrapedNow: aggregate(
          'count',
          keeping(scrape, labels),
          selector(families.events.name, [...scrape.matchers, matcher(labelNames.event, target.event), ...filters])
        ),
        description: `${targetId(target)} events per second`,
        events: [target.event],
        properties: (spec.events.find((e) => e.name === target.event)?.properties ?? [])
          .map((p) => p.name)
          .filter((label) => !alert.by.includes(label) && target.where[label] === undefined)
          .map((label) => ({
            label,
            counted: (ago?: string) =>
              countedFor(label, families.events.name, [matcher(labelNames.event, target.event), ...filters], ago),
          })),
      };
    }
    case 'conversion': {
      const labels = [labelNames.funnel, ...alert.by];
      const funnel = spec.funnels.find((f) => f.name === target.funnel);
      const steps = funnel?.steps ?? [];
      const source = conversionSource(funnel?.window.seconds ?? 0, w);
      const inFunnel = matcher(labelNames.funnel, target.funnel);
      // Live: attempts reaching each step in the window. Settled: attempts closed in the window
      // that reached at least the step (each counted once, when its funnel window has passed).
      const reachedMatchers = (index: number) =>
        source.kind === 'live'
          ? [inFunnel, matcher(labelNames.stepIndex, String(index))]
          : [inFunnel, matcher(labelNames.reachedStep, reachedStepsFrom(steps.length, index))];
      const metric = source.kind === 'live' ? families.funnelStep.name : families.funnelAttempts.name;
      const reached = (index: number) => counted(labels, metric, reachedMatchers(index));
      const breakdown = funnel?.breakdown;
      const names = signalRuleNames(
        labels,
        signalMetrics.conversion(spec.namespace, target.fromIndex, target.toIndex, source.kind),
        'ratio',
        w
      );
      return {
        ...common(labels, labelNames.funnel),
        names,
        identity: { [labelNames.funnel]: target.funnel },
        unit: 'ratio',
        eventsExpr: zeroFilled(
          reached(target.toIndex),
          sumBy(keeping(scrape, labels), signalSeries({ identity: { funnel: target.funnel } }, names.denominator ?? ''))
        ),
        denominatorExpr: reached(target.fromIndex),
        description: `${source.kind} conversion ${target.from} → ${target.to} in funnel ${target.funnel}`,
        // The steps the conversion reads: an event outside from..to stopping does not explain it.
        events: [...new Set(steps.slice(target.fromIndex, target.toIndex + 1).map((s) => s.event))],
        conversion: source,
        breakdown:
          breakdown === undefined || alert.by.includes(breakdown)
            ? undefined
            : {
                label: breakdown,
                numerator: countedFor(breakdown, metric, reachedMatchers(target.toIndex)),
                denominator: countedFor(breakdown, metric, reachedMatchers(target.fromIndex)),
              },
      };
    }
    case 'error_ratio': {
      const labels = [labelNames.event, ...alert.by];
      const split = [...alert.by];
      const names = signalRuleNames(labels, signalMetrics.errorRatio(spec.namespace, target.errors), 'ratio', w);
      const identity = { [labelNames.event]: target.errors.join(',') };
      return {
        ...common(labels, labelNames.event),
        names,
        identity,
        unit: 'ratio',
        eventsExpr: zeroFilled(
          counted(split, families.events.name, [matcher(labelNames.event, target.errors)]),
          sumBy(keeping(scrape, split), signalSeries({ identity }, names.denominator ?? ''))
        ),
        denominatorExpr: counted(split, families.events.name, [matcher(labelNames.event, target.total)]),
        description: `share of ${target.errors.join(', ')} among ${target.total.join(', ')}`,
        events: [...new Set([...target.errors, ...target.total])],
      };
    }
  }
}

/** The PromQL of a signal's value from its recorded counts: a ratio of them, or events per second. */
export function valueExpr(signal: Signal): string {
  const events = signalSeries(signal, signal.names.events);
  return signal.names.denominator === undefined
    ? binary(events, '/', signal.windowSeconds)
    : ratioPromql(events, signalSeries(signal, signal.names.denominator));
}
