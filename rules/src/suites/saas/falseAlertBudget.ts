import type { AnalyticsSpec } from '@nowcast/otel-exporter/spec';
import { defaultWebhookUrl } from '../../generate/alertmanager';
import { generateFiles } from '../../generate/generate';
import { measureAlerts, type AlertEpisodes } from '../../testing/measure';
import type { AlertCheck } from '../../testing/promtool';
import { day } from '../../testing/series';
import { saasSeries, type SaasScenario } from './saasTraffic';

/*
 * The false-alert budget: weeks of steady noisy traffic (nothing happens but seasons and noise),
 * every alert's episodes measured per week and printed. No page (critical) at all, and at most one
 * warning episode per alert per week. The first weeks count too: they are a new install's, judged
 * by fallback bounds and partial history.
 */

export const budgetWeeks = 4;
const week = 7 * day;

export interface BudgetRow {
  readonly alert: string;
  readonly severity: string;
  readonly episodesPerWeek: readonly number[];
  readonly firingMinutes: number;
}

export interface BudgetResult {
  readonly rows: readonly BudgetRow[];
  readonly failedAlertChecks: readonly string[];
  readonly table: string;
}

/** Runs a spec's rules over steady traffic and measures each alert's episodes week by week. */
export function measureBudget(
  spec: AnalyticsSpec,
  scenario: Omit<SaasScenario, 'end'>,
  checks: readonly AlertCheck[] = []
): BudgetResult {
  const end = budgetWeeks * week;
  const series = saasSeries(spec.namespace, { ...scenario, end });
  const weeks = Array.from({ length: budgetWeeks }, (_, i) => ({ from: i * week, to: (i + 1) * week }));
  const measured = measureAlerts(
    generateFiles(spec, { webhookUrl: defaultWebhookUrl }),
    scenario.step,
    series,
    weeks,
    checks
  );
  const total = (list: readonly AlertEpisodes[], alert: string, pick: (e: AlertEpisodes) => number) =>
    list.filter((e) => e.alertname === alert).reduce((sum, e) => sum + pick(e), 0);
  const rows = spec.alerts.map((alert) => ({
    alert: alert.name,
    severity: alert.severity,
    episodesPerWeek: measured.periods.map((list) => total(list, alert.name, (e) => e.episodes)),
    firingMinutes:
      measured.periods.reduce((sum, list) => sum + total(list, alert.name, (e) => e.firingSeconds), 0) / 60,
  }));
  const header = `alert (severity) — episodes in weeks 1..${budgetWeeks}, minutes firing`;
  const table = [
    header,
    ...rows.map(
      (r) => `  ${r.alert} (${r.severity}): ${r.episodesPerWeek.join(' / ')} episodes, ${r.firingMinutes} min firing`
    ),
  ].join('\n');
  return { rows, failedAlertChecks: measured.failedAlertChecks, table };
}

/** The budget's verdict per alert: no critical episode; at most one warning episode a week. */
export function overBudget(rows: readonly BudgetRow[]): string[] {
  return rows.flatMap((r) => {
    const limit = r.severity === 'critical' ? 0 : 1;
    return r.episodesPerWeek.some((n) => n > limit)
      ? [`${r.alert} (${r.severity}): ${r.episodesPerWeek.join(' / ')} episodes a week, over ${limit}`]
      : [];
  });
}
