import type { AnalyticsSpec } from '@nowcast/otel-exporter/spec';
import { expectedAlert } from '../testing/expect';
import type { AlertCheck, ExpectedAlert } from '../testing/promtool';
import { at } from '../testing/series';

/** The shop's alerts and the labels each carries, written out so the tests state them, not derive them. */
export const alertNames = [
  'checkout_conversion_low',
  'checkout_conversion_anomaly',
  'payment_error_spike',
  'api_error_browser_spike',
  'page_views_stopped',
] as const;
export type AlertName = (typeof alertNames)[number];

export const labelsOf: Record<AlertName, Record<string, string>> = {
  checkout_conversion_low: {
    alertname: 'checkout_conversion_low',
    funnel: 'payment',
    severity: 'critical',
    team: 'payments',
    nowcast_kind: 'threshold',
    nowcast_target: 'payment:checkout_started->payment_succeeded',
  },
  checkout_conversion_anomaly: {
    alertname: 'checkout_conversion_anomaly',
    funnel: 'payment',
    severity: 'critical',
    team: 'payments',
    nowcast_kind: 'anomaly',
    nowcast_target: 'payment:checkout_started->payment_succeeded',
  },
  payment_error_spike: {
    alertname: 'payment_error_spike',
    event: 'payment_failed',
    severity: 'critical',
    team: 'payments',
    nowcast_kind: 'spike',
    nowcast_target: 'payment_failed/payment_succeeded+payment_failed',
  },
  api_error_browser_spike: {
    alertname: 'api_error_browser_spike',
    event: 'api_error',
    severity: 'warning',
    team: 'frontend',
    nowcast_kind: 'spike',
    nowcast_target: 'api_error/page_viewed',
  },
  page_views_stopped: {
    alertname: 'page_views_stopped',
    event: 'page_viewed',
    severity: 'critical',
    team: 'shop',
    nowcast_kind: 'no_data',
    nowcast_target: 'page_viewed',
  },
};

/** Checks every alert of the spec at `time`: the ones given fire as given, all others are silent. */
export function exactly(time: number, firing: Partial<Record<AlertName, ExpectedAlert[]>>): AlertCheck[] {
  return alertNames.map((alertname) => ({ evalTime: at(time), alertname, alerts: firing[alertname] ?? [] }));
}

export function shopAlert(
  spec: AnalyticsSpec,
  name: AlertName,
  extra: Record<string, string>,
  value: string,
  baseline: string,
  likelyCause?: string
): ExpectedAlert {
  const { alertname: _, ...labels } = { ...labelsOf[name], ...extra };
  return expectedAlert(spec, name, labels, { value, baseline, likelyCause });
}
