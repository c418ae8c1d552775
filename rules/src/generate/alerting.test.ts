import { specFromObject, type AnalyticsSpec } from '@nowcast/otel-exporter/spec';
import { buildModel } from '../model/model';
import { alertmanagerConfig, defaultWebhookUrl } from './alertmanager';
import { alertingRule } from './alerting';

/** A small spec with one alert of each kind and target. */
function specWith(alerts: Record<string, unknown>, extra: Record<string, unknown> = {}): AnalyticsSpec {
  const result = specFromObject({
    namespace: 'app',
    events: {
      signup: { properties: { plan: { values: ['free', 'pro'] } } },
      paid: {},
      failed: { properties: { provider: { values: ['a', 'b'] } } },
      ok: { properties: { provider: { values: ['a', 'b'] } } },
    },
    funnels: {
      onboarding: { steps: ['signup', 'paid'], window: '15m' },
      slow: { steps: ['signup', 'ok', 'paid'], window: '1d' },
    },
    alerts,
    ...extra,
  });
  if (!result.ok) throw new Error(result.issues.map((i) => i.message).join('\n'));
  return result.spec;
}

function ruleOf(alert: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  const spec = specWith({ a: alert }, extra);
  const [modelAlert] = buildModel(spec).alerts;
  if (modelAlert === undefined) throw new Error('no alert');
  return alertingRule(spec, modelAlert);
}

const conversion = { conversion: { funnel: 'onboarding', from: 'signup', to: 'paid' } };
const live = 'funnel:app_funnel_conversion_step0_to_step1';

/** How many parts `op` joins outside every parenthesis (the alternatives of an alert's condition). */
function topLevelParts(expr: string, op: string): number {
  let depth = 0;
  let parts = 1;
  for (let i = 0; i < expr.length; i++) {
    const c = expr[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (depth === 0 && expr.startsWith(` ${op} `, i)) parts++;
  }
  return parts;
}

describe('alerting rules by kind', () => {
  it('threshold on a ratio: the value, judged by the binomial score test at z 3, with enough denominator', () => {
    const rule = ruleOf({
      kind: 'threshold',
      target: conversion,
      direction: 'below',
      bound: 0.3,
      minVolume: 40,
      window: '15m',
      for: '3m',
    });
    const s = `${live}:ratio15m{funnel="onboarding"}`;
    const n = `${live}:denominator_increase15m{funnel="onboarding"}`;
    // The alert's $value is the conversion itself, whatever it is judged on.
    expect(
      rule.expr.startsWith(`(${s} and (((${n}) * (0.3) - (${live}:numerator_increase15m{funnel="onboarding"})) / sqrt(`)
    ).toBe(true);
    expect(rule.expr).toContain(`* (${n}) * (0.3) * (1 - (0.3)) + ((${n}) * 0) ^ 2) > 3) and (${n} >= 40))`);
    // Its noise is widened by the signal's learned dispersion.
    expect(rule.expr).toContain(`last_over_time(${live}:ratio15m_dispersion{funnel="onboarding"}[10m])`);
    expect(rule.for).toBe('3m');
    expect(rule.keep_firing_for).toBe('15m');
    expect(rule.labels).toEqual({
      severity: 'warning',
      team: 'product',
      nowcast_kind: 'threshold',
      nowcast_target: 'onboarding:signup->paid',
    });
  });

  it('live conversion (funnel window within the alert window) waits one funnel window after an exporter (re)start', () => {
    const rule = ruleOf({ kind: 'threshold', target: conversion, direction: 'below', bound: 0.3, window: '15m' });
    expect(rule.expr).toContain(`${live}:ratio15m{funnel="onboarding"}`);
    expect(
      rule.expr.endsWith(') unless on () ((time() - exporter:nowcast_exporter_start_time_seconds:max) < 900)')
    ).toBe(true);
  });

  it('a slow funnel (window longer than the alert window) is judged on settled outcomes, with no restart wait', () => {
    const rule = ruleOf({
      kind: 'anomaly',
      target: { conversion: { funnel: 'slow', from: 'ok', to: 'paid' } },
      window: '1h',
    });
    expect(rule.expr).toContain('funnel:app_funnel_settled_conversion_step1_to_step2:ratio1h{funnel="slow"}');
    expect(rule.expr).not.toContain('time()');
    expect(rule.annotations.description).toContain(
      'Settled conversion: attempts are judged when their 1d funnel window has passed.'
    );
  });

  it('threshold on a falling rate: Poisson shortfall, and the guard is the count expected, not the (collapsed) count seen', () => {
    const rule = ruleOf({
      kind: 'threshold',
      target: { event: 'signup' },
      direction: 'below',
      bound: 0.5,
      minVolume: 25,
    });
    const s = 'event:app_events:rate5m';
    expect(rule.expr).toContain(
      '(3 * ((((300 * 0.5) / ((event:app_events:increase5m{event="signup"}) + 1)) ^ 0.333333333333) - 1 + '
    );
    expect(rule.expr).toContain(
      `and ((300 * (last_over_time(${s}_reference{event="signup"}[10m]) or last_over_time(${s}_recent{event="signup"}[10m])) or last_over_time(${s}_events1h_max1d{event="signup"}[10m]) * 0.0833333333333) >= 25)`
    );
  });

  it('threshold on a rising rate: Poisson excess of the count seen, and the guard is the count seen', () => {
    const rule = ruleOf({
      kind: 'threshold',
      target: { event: 'signup', where: { plan: 'pro' } },
      direction: 'above',
      bound: 2,
    });
    const s = 'event:app_events_where_plan_pro';
    expect(
      rule.expr.startsWith(
        `${s}:rate5m{event="signup"} and (3 * (1 - 1 / (9 * (${s}:increase5m{event="signup"})) - (((300 * 2) / `
      )
    ).toBe(true);
    expect(rule.expr).toContain(`(${s}:increase5m{event="signup"} >= 10)`);
  });

  it('anomaly below: significant against the reference and its doubt, by at least minMargin; the fallback bound only without a reference', () => {
    const rule = ruleOf({
      kind: 'anomaly',
      target: conversion,
      sensitivity: 2.5,
      minMargin: 0.04,
      fallbackBound: 0.2,
      window: '15m',
    });
    const ref = `last_over_time(${live}:ratio15m_reference{funnel="onboarding"}[10m])`;
    const n = `${live}:denominator_increase15m{funnel="onboarding"}`;
    // The reference's own doubt adds to the binomial noise: (n·se)².
    expect(rule.expr).toContain(
      `(1 - (${ref})) + ((${n}) * (last_over_time(${live}:ratio15m_reference_stderr{funnel="onboarding"}[10m]))) ^ 2) > 2.5)`
    );
    expect(rule.expr).toContain(
      `> 2.5) and (${live}:ratio15m{funnel="onboarding"} < (${ref} - 0.04)) and (${n} >= 10))`
    );
    expect(rule.expr).toContain(`unless ${ref}))`);
  });

  it('anomaly both ways on a rate: two sides, each with its own guard, no fallback', () => {
    const rule = ruleOf({ kind: 'anomaly', target: { event: 'signup' }, direction: 'both', fallbackBound: 1 });
    expect(topLevelParts(rule.expr, 'or')).toBe(2);
    expect(rule.expr).not.toContain('unless');
  });

  it('spike by property: significantly above factor × the reference of the same label set (peers for a new one)', () => {
    const rule = ruleOf({
      kind: 'spike',
      target: { errorRatio: { errors: 'failed', total: ['ok', 'failed'] } },
      by: ['provider'],
      factor: 4,
      minVolume: 50,
    });
    const s = 'event_provider:app_failed_error:ratio5m';
    const ref = `(last_over_time(${s}_reference{event="failed"}[10m]) or last_over_time(${s}_recent{event="failed"}[10m]))`;
    const se = `(last_over_time(${s}_reference_stderr{event="failed"}[10m]) or last_over_time(${s}_recent_stderr{event="failed"}[10m]))`;
    // Expected: the denominator × factor × the reference, never below its standard error.
    expect(rule.expr).toContain(
      `(((event_provider:app_failed_error:denominator_increase5m{event="failed"} * 4 * ((${ref} > ${se}) or ${se})) / `
    );
    expect(rule.expr).toContain('(event_provider:app_failed_error:denominator_increase5m{event="failed"} >= 50)');
    expect(rule.annotations.summary).toBe(
      'a: share of failed among ok, failed (provider={{ $labels.provider }}) significantly above 4× the baseline (at z 3)'
    );
  });

  it('no_data: no events in the window, or nothing scraped now, for as long as so many events are expected that none is not chance', () => {
    const rule = ruleOf({ kind: 'no_data', target: { event: 'paid' }, window: '10m', for: '10m', keepFiringFor: '1m' });
    expect(rule.expr).toContain('(event:app_events:increase10m{event="paid"} == 0 or ');
    expect(rule.expr).toContain('unless count by (event) (app_events_total{event="paid"})');
    // Expected: the weekly reference, else the last recent level that had events (not drained by the stop).
    expect(rule.expr).toContain(
      '(event:app_events:rate10m_reference{event="paid"}[10m]) or last_over_time(event:app_events:rate10m_recent_last_flowing{event="paid"}[10m])'
    );
    expect(rule.keep_firing_for).toBe('1m');
  });

  it("names the likely cause within the alert's own split: a rate split by a property reads that value's counts and reference", () => {
    const events = {
      visit: { properties: { device: { values: ['web', 'app'] }, source: { values: ['ads', 'search'] } } },
      signup: {},
      paid: {},
      ok: {},
    };
    const funnels = { onboarding: { steps: ['signup', 'paid'], window: '15m' } };
    const rule = ruleOf(
      { kind: 'anomaly', target: { event: 'visit' }, by: ['device'], direction: 'below', window: '10m' },
      { events, funnels }
    );
    const cause = rule.annotations.likely_cause ?? '';
    // Every count and reference the query reads is the firing label set's (device=%q, filled from the alert).
    expect(cause).toContain('app_events_total{device=%q, event=\\"visit\\"}[10m] offset 1w');
    expect(cause).toContain('event_device:app_events:rate10m_reference{device=%q, event=\\"visit\\"}');
    expect(cause).not.toContain('app_events_total{event=');
    expect(cause).toContain('.Labels.device');
    expect(cause).toContain('source $1');
  });

  it('carries the spec selector on every query and keeps its labels in every aggregation', () => {
    const rule = ruleOf(
      { kind: 'no_data', target: { event: 'paid' } },
      { prometheus: { selector: { job: 'app', environment: ['production', 'eu'] } } }
    );
    expect(rule.expr).toContain(
      'count by (environment, job, event) (app_events_total{environment=~"production|eu", job="app", event="paid"})'
    );
  });

  it('annotates with value, baseline (queried for the alert own labels), runbook and dashboard', () => {
    const rule = ruleOf({
      kind: 'spike',
      target: { event: 'failed' },
      by: ['provider'],
      factor: 5,
      runbook: 'https://rb/x',
    });
    expect(rule.annotations).toMatchObject({
      value: '{{ printf "%.3g/s" $value }}',
      baseline:
        '{{ with printf "event_provider:app_events:rate5m_reference{event=%q, provider=%q} or event_provider:app_events:rate5m_recent{event=%q, provider=%q}" .Labels.event .Labels.provider .Labels.event .Labels.provider | query }}' +
        '{{ printf "%.3g/s" (. | first | value) }}{{ else }}none yet{{ end }}',
      runbook_url: 'https://rb/x',
    });
  });
});

describe('alertmanager inhibitions', () => {
  it('pairs each no_data alert with the anomalies reading its event between their steps, matching on their common splits', () => {
    const spec = specWith({
      paid_stopped: { kind: 'no_data', target: { event: 'paid' } },
      ok_stopped: { kind: 'no_data', target: { event: 'ok' } },
      onboarding_anomaly: { kind: 'anomaly', target: conversion },
      slow_start_anomaly: { kind: 'anomaly', target: { conversion: { funnel: 'slow', from: 'signup', to: 'ok' } } },
      signup_anomaly: { kind: 'anomaly', target: { event: 'signup' } },
    });
    const config = alertmanagerConfig(buildModel(spec), { webhookUrl: defaultWebhookUrl });
    expect(config.inhibit_rules).toEqual([
      {
        source_matchers: ['severity="critical"'],
        target_matchers: ['severity=~"warning|info"'],
        equal: ['nowcast_target'],
      },
      { source_matchers: ['severity="warning"'], target_matchers: ['severity="info"'], equal: ['nowcast_target'] },
      // paid is read by onboarding (signup → paid), not by slow's signup → ok (paid is its later step).
      { source_matchers: ['alertname="paid_stopped"'], target_matchers: ['alertname="onboarding_anomaly"'], equal: [] },
      { source_matchers: ['alertname="ok_stopped"'], target_matchers: ['alertname="slow_start_anomaly"'], equal: [] },
    ]);
  });
});
