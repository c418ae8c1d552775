import {
  binary,
  call,
  exporterStartRuleName,
  paren,
  binomialShortfallZPromql,
  poissonExcessZPromql,
  poissonShortfallZPromql,
  selector,
} from '@nowcast/otel-exporter/contract';
import type { AlertSpec, AnalyticsSpec } from '@nowcast/otel-exporter/spec';
import { formatDuration } from '@nowcast/otel-exporter/spec';
import { alertLabelNames } from '../model/alertLabels';
import type { ModelAlert, RulesModel } from '../model/model';
import { defaultRuler, keepsFiring, type Ruler } from '../model/ruler';
import type { AlertingRule, RuleGroup } from '../model/rules';
import { signalSeries, type Signal } from '../model/signal';
import { abLaunchRules } from './abLaunch';
import { annotationsOf } from './annotations';
import { latest, levelsInterval } from './baselines';

/** Alerts are evaluated every 30s, like the signals they read. */
export const alertsInterval = '30s';

const hour = 3600;

/** PromQL pieces of one signal as its alerts read them, with its identity matchers applied. */
export function alertSeries(signal: Signal) {
  const n = signal.names;
  const at = (record: string) => signalSeries(signal, record);
  const levels = (record: string) => latest(at(record), levelsInterval);
  const events = at(n.events);
  const reference = levels(n.reference);
  const referenceStderr = levels(n.referenceStderr);
  return {
    value: at(n.value),
    events,
    denominator: n.denominator === undefined ? undefined : at(n.denominator),
    volume: at(n.volume),
    /** The weekly reference (own baseline or peers'): what anomalies judge against. */
    reference: { value: reference, stderr: referenceStderr },
    /** Any reference: weekly, else the previous hour or the peers' (spikes and no_data). */
    anyReference: {
      value: paren(binary(reference, 'or', levels(n.recent))),
      stderr: paren(binary(referenceStderr, 'or', levels(n.recentStderr))),
    },
    /**
     * How much noisier than its counts the signal is (≥ 1), 1 until a day of residuals exists, and
     * 1 before the 5-minute group first ran (a fresh Prometheus judges from its first minutes).
     */
    dispersion: paren(binary(levels(n.dispersion), 'or', paren(binary(binary(events, '*', 0), '+', 1)))),
    /**
     * What no_data expects: the weekly reference, else the recent level when the signal last had
     * events (a stop does not drain it); the doubt of a recent level only while it is current.
     */
    lastFlow: {
      value: paren(binary(reference, 'or', levels(n.lastFlowing))),
      stderr: paren(
        binary(referenceStderr, 'or', binary(levels(n.recentStderr), 'and', paren(binary(levels(n.recent), '>', 0))))
      ),
    },
    /** The busiest hour of the last day: what "it used to flow" means before any reference exists. */
    busiestHour: levels(n.busiestHour1d),
  };
}

type Series = ReturnType<typeof alertSeries>;

/** `value and (condition) and (…)`: the alert's $value stays the signal's value, whatever it is judged on. */
function judged(value: string, ...conditions: string[]): string {
  return conditions.reduce((expr, condition) => binary(expr, 'and', paren(condition)), value);
}

/** A reference and its standard error, in the signal's units (a share, or events per second). */
interface Reference {
  readonly value: string | number;
  readonly stderr: string | number;
}

/** A fixed bound: a reference without doubt. */
const fixed = (bound: number): Reference => ({ value: bound, stderr: 0 });

/**
 * A reference as a count's expectation: never below its own standard error, so a baseline of zero
 * errors reads as "about one standard error", not as the certainty that none can happen.
 */
function credible(reference: Reference): Reference {
  if (typeof reference.value === 'number' || typeof reference.stderr === 'number') return reference;
  const value = paren(binary(paren(binary(reference.value, '>', reference.stderr)), 'or', reference.stderr));
  return { value, stderr: reference.stderr };
}

/** `stderr / value`: the reference's relative doubt (0 for a fixed bound). */
function relative(reference: Reference): string | number {
  return typeof reference.stderr === 'number' && reference.stderr === 0
    ? 0
    : paren(binary(reference.stderr, '/', reference.value));
}

/** The count a reference means in this window: a ratio's share of the denominator, a rate's events. */
function expectedCount(signal: Signal, s: Series, reference: Reference, factor = 1): string {
  const scale = signal.unit === 'ratio' ? binary(s.denominator ?? '', '*', factor) : signal.windowSeconds * factor;
  return binary(scale, '*', reference.value);
}

/**
 * The counts are significantly beyond the reference, in the direction: z of the Poisson test
 * (rising counts, falling rates) or of the binomial score test (falling ratios) above the
 * sensitivity, with the reference's own doubt and the signal's dispersion in the noise.
 */
function significantly(
  alert: AlertSpec,
  signal: Signal,
  s: Series,
  direction: 'above' | 'below',
  reference: Reference,
  factor = 1
): string {
  let z: string;
  if (direction === 'above') {
    const ref = credible(reference);
    z = poissonExcessZPromql(s.events, expectedCount(signal, s, ref, factor), relative(ref), s.dispersion);
  } else if (signal.unit === 'ratio') {
    z = binomialShortfallZPromql(
      s.events,
      s.denominator ?? '',
      String(reference.value),
      reference.stderr,
      s.dispersion
    );
  } else {
    z = poissonShortfallZPromql(s.events, expectedCount(signal, s, reference), relative(reference), s.dispersion);
  }
  return binary(z, '>', alert.sensitivity);
}

/**
 * The events expected in the window, for a rate that may fall (the count seen is the symptom, so
 * the guard reads the count expected): the reference, else during the first day the busiest hour
 * of the last day.
 */
function expectedEvents(signal: Signal, s: Series, reference: Reference = s.anyReference): string {
  const coldStart = binary(s.busiestHour, '*', signal.windowSeconds / hour);
  return paren(binary(binary(signal.windowSeconds, '*', reference.value), 'or', coldStart));
}

/** Enough volume to judge: the denominator of a ratio, the events of a rising rate, the expected events of a falling one. */
function volumeGuard(signal: Signal, s: Series, minVolume: number, falling: boolean): string {
  const volume = signal.unit === 'rate' && falling ? expectedEvents(signal, s) : s.volume;
  return binary(volume, '>=', minVolume);
}

/** Significantly beyond a fixed bound, in the given direction, with the volume guard. */
function beyond(alert: AlertSpec, signal: Signal, s: Series, direction: 'above' | 'below', bound: number): string {
  return judged(
    s.value,
    significantly(alert, signal, s, direction, fixed(bound)),
    volumeGuard(signal, s, alert.minVolume, direction === 'below')
  );
}

/** Outside the band: significantly beyond the reference (with its doubt), and by at least minMargin. */
function outsideBand(
  alert: Extract<AlertSpec, { kind: 'anomaly' }>,
  signal: Signal,
  s: Series,
  direction: 'above' | 'below'
): string {
  const margin =
    alert.minMargin === undefined || alert.minMargin === 0
      ? []
      : [
          binary(
            s.value,
            direction === 'above' ? '>' : '<',
            paren(binary(s.reference.value, direction === 'above' ? '+' : '-', alert.minMargin))
          ),
        ];
  return judged(
    s.value,
    significantly(alert, signal, s, direction, s.reference),
    ...margin,
    volumeGuard(signal, s, alert.minVolume, direction === 'below')
  );
}

export function alertExpr(alert: AlertSpec, signal: Signal): string {
  const s = alertSeries(signal);
  switch (alert.kind) {
    case 'threshold':
      return beyond(alert, signal, s, alert.direction, alert.bound);
    case 'anomaly': {
      const parts: string[] = [];
      if (alert.direction !== 'above') parts.push(outsideBand(alert, signal, s, 'below'));
      if (alert.direction !== 'below') parts.push(outsideBand(alert, signal, s, 'above'));
      // Without a week of history there is no band; a static bound judges instead, so a new funnel
      // is neither blind nor paging on guesses.
      if (alert.fallbackBound !== undefined && alert.direction !== 'both') {
        parts.push(
          binary(
            paren(beyond(alert, signal, s, alert.direction, alert.fallbackBound)),
            'unless',
            String(s.reference.value)
          )
        );
      }
      return parts.map(paren).reduce((either, part) => binary(either, 'or', part));
    }
    case 'spike':
      // Significantly above factor × the reference, per label set: only the offending browser
      // version or gateway fires; a never-seen one is judged against its peers.
      return judged(
        s.value,
        significantly(alert, signal, s, 'above', s.anyReference, alert.factor),
        volumeGuard(signal, s, alert.minVolume, false)
      );
    case 'no_data': {
      // Stopped (no events in the window) or gone (nothing scraped: the exporter died), for as
      // long as events are expected: so many that none arriving cannot be chance.
      const expected = expectedEvents(signal, s, s.lastFlow);
      const gone = binary(paren(binary(expected, '*', 0)), 'unless', signal.scrapedNow ?? s.events);
      const missing = binary(binary(s.events, '==', 0), 'or', gone);
      // A level kept through a stop, and the busiest hour of the last day (a new install whose
      // exporter died), have no standard error of their own: their doubt is taken as none.
      const doubt = paren(binary(relative(s.lastFlow), 'or', binary(expected, '*', 0)));
      const noneByChance = binary(poissonShortfallZPromql('0', expected, doubt), '>', alert.sensitivity);
      return judged(paren(missing), noneByChance, binary(expected, '>=', alert.minVolume));
    }
    case 'ab_launch':
      // Written by abLaunchRules; an A/B launch guard has no signal.
      return '';
  }
}

/**
 * Live conversion reads low until the attempts open at a (re)start have had their funnel window to
 * convert: after the selected deployment's newest exporter started, live alerts wait one window.
 */
function afterRestart(expr: string, signal: Signal): string {
  if (signal.conversion?.kind !== 'live') return expr;
  const started = selector(exporterStartRuleName);
  const tooSoon = binary(paren(binary(call('time'), '-', started)), '<', signal.conversion.funnelWindowSeconds);
  return binary(paren(expr), 'unless', paren(tooSoon), { on: signal.selector.labels });
}

/** Default keep_firing_for: one alert window, so a value hovering at the bound does not flap. */
function keepFiringFor(alert: AlertSpec): string {
  return formatDuration((alert.keepFiringFor ?? alert.window).seconds);
}

/** Labels every alerting rule of an alert carries. */
export function alertLabels(alert: AlertSpec, target: string): Record<string, string> {
  return {
    [alertLabelNames.severity]: alert.severity,
    [alertLabelNames.team]: alert.team,
    [alertLabelNames.kind]: alert.kind,
    [alertLabelNames.target]: target,
  };
}

/** `for` and `keep_firing_for` of an alert, the latter only where the ruler accepts it. */
export function timing(alert: AlertSpec, ruler: Ruler): Pick<AlertingRule, 'for' | 'keep_firing_for'> {
  return {
    for: formatDuration(alert.for.seconds),
    ...(keepsFiring(ruler) ? { keep_firing_for: keepFiringFor(alert) } : {}),
  };
}

export function alertingRules(model: RulesModel, modelAlert: ModelAlert, ruler: Ruler = defaultRuler): AlertingRule[] {
  const { spec: alert, signal, target } = modelAlert;
  if (alert.kind === 'ab_launch') return abLaunchRules(model.spec, alert, target, ruler);
  if (signal === undefined) return [];
  return [
    {
      alert: alert.name,
      expr: afterRestart(alertExpr(alert, signal), signal),
      ...timing(alert, ruler),
      labels: alertLabels(alert, target),
      annotations: annotationsOf(model.spec, alert, signal),
    },
  ];
}

export function alertingGroups(model: RulesModel, ruler: Ruler = defaultRuler): RuleGroup[] {
  if (model.alerts.length === 0) return [];
  return [
    {
      name: `nowcast_${model.spec.namespace}_alerts`,
      interval: alertsInterval,
      rules: model.alerts.flatMap((a) => alertingRules(model, a, ruler)),
    },
  ];
}

/** Re-exported for the spec tests of one alert. */
export function alertingRule(spec: AnalyticsSpec, modelAlert: ModelAlert, ruler: Ruler = defaultRuler): AlertingRule {
  const [rule] = alertingRules({ spec, alerts: [modelAlert], signals: [] }, modelAlert, ruler);
  if (rule === undefined) throw new Error(`alert ${modelAlert.spec.name} wrote no rule`);
  return rule;
}
