import { loadSpec, specFromObject, type AnalyticsSpec } from '@nowcast/otel-exporter/spec';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { repoRoot } from '../../testing/fixtures';
import type { AlertCheck } from '../../testing/promtool';
import { exactlyFiring, type Firing } from '../../testing/scenario';

export const saasSpecFile = join(repoRoot, 'rules/test/fixtures/saas.yaml');

export function loadSaas(): Promise<AnalyticsSpec> {
  return loadSpec(saasSpecFile);
}

/** The fixture with only the given alerts: a suite about one part generates (and evaluates) only its rules. */
export function saasWith(alerts: readonly SaasAlert[]): AnalyticsSpec {
  const raw = parse(readFileSync(saasSpecFile, 'utf8')) as { alerts: Record<string, unknown> };
  raw.alerts = Object.fromEntries(Object.entries(raw.alerts).filter(([name]) => alerts.includes(name as SaasAlert)));
  const result = specFromObject(raw);
  if (!result.ok) throw new Error(result.issues.map((i) => i.message).join('\n'));
  return result.spec;
}

/** Every alert of the SaaS fixture and the labels it always carries, written out so the tests state them. */
export const saasLabels = {
  purchase_conversion_low: {
    funnel: 'purchase',
    severity: 'critical',
    team: 'payments',
    nowcast_kind: 'threshold',
    nowcast_target: 'purchase:checkout_started->payment_succeeded',
  },
  purchase_conversion_anomaly: {
    funnel: 'purchase',
    severity: 'warning',
    team: 'payments',
    nowcast_kind: 'anomaly',
    nowcast_target: 'purchase:checkout_started->payment_succeeded',
  },
  trial_conversion_anomaly: {
    funnel: 'trial',
    severity: 'warning',
    team: 'growth',
    nowcast_kind: 'anomaly',
    nowcast_target: 'trial:trial_started->trial_converted',
  },
  payment_errors: {
    event: 'payment_failed',
    severity: 'critical',
    team: 'payments',
    nowcast_kind: 'spike',
    nowcast_target: 'payment_failed/payment_succeeded+payment_failed',
  },
  api_error_spike: {
    event: 'api_error',
    severity: 'warning',
    team: 'frontend',
    nowcast_kind: 'spike',
    nowcast_target: 'api_error',
  },
  traffic_anomaly: {
    event: 'page_viewed',
    severity: 'warning',
    team: 'growth',
    nowcast_kind: 'anomaly',
    nowcast_target: 'page_viewed',
  },
  page_views_stopped: {
    event: 'page_viewed',
    severity: 'critical',
    team: 'growth',
    nowcast_kind: 'no_data',
    nowcast_target: 'page_viewed',
  },
  pricing_launch: {
    severity: 'warning',
    team: 'growth',
    nowcast_kind: 'ab_launch',
    nowcast_target: 'pricing_viewed{experiment=pricing_v2}',
  },
} as const;

export type SaasAlert = keyof typeof saasLabels;
export const saasAlertNames = Object.keys(saasLabels) as SaasAlert[];

/** Every alert of the fixture at `time`: the given label sets fire (with the production selector), all others are silent. */
export function saasExactly(time: number, firing: Partial<Record<SaasAlert, Firing[string]>>): AlertCheck[] {
  return exactlyFiring(
    saasAlertNames,
    (name) => ({ ...saasLabels[name as SaasAlert], environment: 'production' }),
    time,
    firing
  );
}
