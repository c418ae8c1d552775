import { defaultWebhookUrl } from '../../generate/alertmanager';
import { generateFiles } from '../../generate/generate';
import { queryWithPromtool } from '../../testing/measure';
import { withoutAnnotations } from '../../testing/scenario';
import { saasExactly, saasWith } from './saasAlerts';
import { saasSeries } from './saasTraffic';
import type { SaasCase } from './scenarios';

/**
 * Runs a case's rules over its traffic with promtool: every check's alerts must fire with exactly
 * the expected labels; returns the checks that did not (empty when the case holds). Annotations
 * are left out here (see testing/scenario.ts).
 */
export function failedChecks(c: SaasCase): string[] {
  const spec = saasWith(c.alerts);
  const files = withoutAnnotations(generateFiles(spec, { webhookUrl: defaultWebhookUrl }));
  const series = saasSeries(spec.namespace, c.scenario);
  const checks = c.checks.flatMap((check) =>
    saasExactly(check.time, check.firing).filter((a) => c.alerts.includes(a.alertname as never))
  );
  return queryWithPromtool(files, c.scenario.step, series, [], checks).failedAlertChecks;
}
