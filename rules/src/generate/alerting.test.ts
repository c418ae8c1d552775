import { specFromObject, type AnalyticsSpec } from '@nowcast/otel-exporter/spec';
import { buildModel } from '../model/model';
import { alertmanagerConfig, defaultWebhookUrl } from './alertmanager';
import { alertingRule } from './alerting';

/** A small spec with one alert of each kind and target. */
function specWith(alerts: Record<string, unknown>): AnalyticsSpec {
  const result = specFromObject({
    namespace: 'app',
    events: {
      signup: { properties: { plan: { values: ['free', 'pro'] } } },
      paid: {},
      failed: { properties: { provider: { values: ['a', 'b'] } } },
      ok: { properties: { provider: { values: ['a', 'b'] } } },
    },
    funnels: { onboarding: { steps: ['signup', 'paid'] } },
    alerts,
  });
  if (!result.ok) throw new Error(result.issues.map((i) => i.message).join('\n'));
  return result.spec;
}

function ruleOf(alert: Record<string, unknown>) {
  const spec = specWith({ a: alert });
  const [modelAlert] = buildModel(spec).alerts;
  if (modelAlert === undefined) throw new Error('no alert');
  return alertingRule(spec, modelAlert);
}

const conversion = { conversion: { funnel: 'onboarding', from: 'signup', to: 'paid' } };

describe('alerting rules by kind', () => {
  it('threshold on a ratio: judges only with enough denominator events in the window', () => {
    const rule = ruleOf({
      kind: 'threshold',
      target: conversion,
      direction: 'below',
      bound: 0.3,
      minVolume: 40,
      window: '15m',
      for: '3m',
    });
    expect(rule.expr).toBe(
      '(funnel:app_funnel_conversion_step0_to_step1:ratio15m{funnel="onboarding"} < 0.3) and ' +
        '(funnel:app_funnel_conversion_step0_to_step1:denominator_increase15m{funnel="onboarding"} >= 40)'
    );
    expect(rule.for).toBe('3m');
    expect(rule.keep_firing_for).toBe('15m');
    expect(rule.labels).toEqual({
      severity: 'warning',
      team: 'product',
      nowcast_kind: 'threshold',
      nowcast_target: 'onboarding:signup->paid',
    });
  });

  it('threshold on a falling rate: the guard is the count expected, not the (collapsed) count seen', () => {
    const rule = ruleOf({
      kind: 'threshold',
      target: { event: 'signup' },
      direction: 'below',
      bound: 0.5,
      minVolume: 25,
    });
    expect(rule.expr).toContain('event:app_events:rate5m{event="signup"} < 0.5');
    expect(rule.expr).toContain(
      '((event:app_events:rate5m_baseline{event="signup"} * 300) or max_over_time(event:app_events:increase5m{event="signup"}[1h])) >= 25'
    );
  });

  it('threshold on a rising rate: the guard is the count seen', () => {
    const rule = ruleOf({
      kind: 'threshold',
      target: { event: 'signup', where: { plan: 'pro' } },
      direction: 'above',
      bound: 2,
    });
    expect(rule.expr).toBe(
      '(event:app_events_where_plan_pro:rate5m{event="signup"} > 2) and (event:app_events_where_plan_pro:increase5m{event="signup"} >= 10)'
    );
  });

  it('anomaly below: band of k learned σ (never under minMargin), and a fallback bound only while the baseline is absent', () => {
    const rule = ruleOf({ kind: 'anomaly', target: conversion, sensitivity: 2.5, minMargin: 0.04, fallbackBound: 0.2 });
    const s = 'funnel:app_funnel_conversion_step0_to_step1:ratio5m';
    const guard = `(funnel:app_funnel_conversion_step0_to_step1:denominator_increase5m{funnel="onboarding"} >= 10)`;
    expect(rule.expr).toBe(
      `((${s}{funnel="onboarding"} < (${s}_baseline{funnel="onboarding"} - clamp_min(2.5 * ${s}_baseline_stddev1h{funnel="onboarding"}, 0.04))) and ${guard})` +
        ` or (((${s}{funnel="onboarding"} < 0.2) and ${guard}) unless ${s}_baseline{funnel="onboarding"})`
    );
  });

  it('anomaly both ways on a rate: two sides, each with its own guard, no fallback', () => {
    const rule = ruleOf({ kind: 'anomaly', target: { event: 'signup' }, direction: 'both', fallbackBound: 1 });
    expect(rule.expr.split(' or (').length).toBe(2);
    expect(rule.expr).toContain('< (event:app_events:rate5m_baseline{event="signup"} - clamp_min(3 * ');
    expect(rule.expr).toContain('> (event:app_events:rate5m_baseline{event="signup"} + clamp_min(3 * ');
    expect(rule.expr).not.toContain('unless');
  });

  it('spike by property: ratio to the baseline of the same label set, the previous hour standing in before a day of history', () => {
    const rule = ruleOf({
      kind: 'spike',
      target: { errorRatio: { errors: 'failed', total: ['ok', 'failed'] } },
      by: ['provider'],
      factor: 4,
      minVolume: 50,
    });
    const s = 'event_provider:app_failed_error:ratio5m';
    expect(rule.expr).toBe(
      `(${s}{event="failed"} > 4 * (${s}_baseline{event="failed"} or ` +
        `(avg_over_time(${s}{event="failed"}[1h] offset 5m) and ${s}{event="failed"} offset 10m))) and ` +
        '(event_provider:app_failed_error:denominator_increase5m{event="failed"} >= 50)'
    );
    expect(rule.annotations.summary).toBe(
      'a: share of failed among ok, failed (provider={{ $labels.provider }}) above 4× the baseline'
    );
  });

  it('no_data: rate 0 or series gone, while events were expected', () => {
    const rule = ruleOf({ kind: 'no_data', target: { event: 'paid' }, window: '10m', for: '10m', keepFiringFor: '1m' });
    const s = 'event:app_events:rate10m{event="paid"}';
    expect(rule.expr).toBe(
      `(${s} == 0 or (max_over_time(${s}[1h]) unless ${s}) * 0) and ` +
        '(((event:app_events:rate10m_baseline{event="paid"} * 600) or max_over_time(event:app_events:increase10m{event="paid"}[1h])) >= 10)'
    );
    expect(rule.keep_firing_for).toBe('1m');
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
        '{{ with printf "event_provider:app_events:rate5m_baseline{event=%q, provider=%q}" .Labels.event .Labels.provider | query }}' +
        '{{ printf "%.3g/s" (. | first | value) }}{{ else }}none yet{{ end }}',
      runbook_url: 'https://rb/x',
    });
  });
});

describe('alertmanager inhibitions', () => {
  it('pairs each no_data alert with the anomalies reading its event, matching on their common splits', () => {
    const spec = specWith({
      paid_stopped: { kind: 'no_data', target: { event: 'paid' } },
      onboarding_anomaly: { kind: 'anomaly', target: conversion },
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
      { source_matchers: ['alertname="paid_stopped"'], target_matchers: ['alertname="onboarding_anomaly"'], equal: [] },
    ]);
  });
});
