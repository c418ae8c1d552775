import { parse, stringify } from 'yaml';
import { runPromtoolTests, type BinaryRun } from '@nowcast/test-support';
import type { GeneratedFile } from '../generate/generate';

export interface InputSeries {
  readonly series: string;
  readonly values: string;
}

export interface ExpectedAlert {
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
}

/** At `evalTime`, exactly these alerts of `alertname` are firing (none when empty). */
export interface AlertCheck {
  readonly evalTime: string;
  readonly alertname: string;
  readonly alerts: readonly ExpectedAlert[];
}

export interface ExprCheck {
  readonly evalTime: string;
  readonly expr: string;
  readonly samples: readonly { readonly labels: string; readonly value: number }[];
}

export interface PromtoolGroup {
  readonly name: string;
  readonly interval: string;
  readonly series: readonly InputSeries[];
  readonly alerts: readonly AlertCheck[];
  readonly exprs?: readonly ExprCheck[];
}

/** The promtool unit-test document for some groups over the given rule files. */
export function promtoolSuite(
  ruleFiles: readonly string[],
  evaluationInterval: string,
  groupEvalOrder: readonly string[],
  groups: readonly PromtoolGroup[]
) {
  return {
    rule_files: ruleFiles,
    evaluation_interval: evaluationInterval,
    group_eval_order: groupEvalOrder,
    tests: groups.map((g) => ({
      name: g.name,
      interval: g.interval,
      input_series: g.series,
      alert_rule_test: g.alerts.map((c) => ({
        eval_time: c.evalTime,
        alertname: c.alertname,
        exp_alerts: c.alerts.map((a) => ({ exp_labels: a.labels, exp_annotations: a.annotations })),
      })),
      promql_expr_test: (g.exprs ?? []).map((e) => ({
        expr: e.expr,
        eval_time: e.evalTime,
        exp_samples: e.samples,
      })),
    })),
  };
}

/**
 * Groups alerts never read: the general recordings for dashboards (funnels, active users). The
 * events group stays: an unsplit event signal reads its rate from it.
 */
const dashboardGroups = /_(funnels|active_users)$/;

/**
 * The generated rule files as promtool reads them, by file name, and their groups in file order
 * (recordings, baselines, alerts). Without an order promtool evaluates groups in map order, so an
 * alert could read the previous step's recordings in one run and this step's in the next. With
 * `alertsOnly`, the dashboards' general recordings are left out: no alert reads them, and promtool
 * evaluates every group at every step.
 */
export function alertRuleFiles(files: readonly GeneratedFile[], alertsOnly = true) {
  const ruleFiles = files.filter((f) => f.path.endsWith('.yml') && f.path.includes('rules/'));
  const byName: Record<string, string> = {};
  const groupNames: string[] = [];
  for (const file of ruleFiles) {
    const doc = parse(file.content) as { groups: { name: string }[] };
    const groups = doc.groups.filter((g) => !alertsOnly || !dashboardGroups.test(g.name));
    if (groups.length === 0) continue;
    byName[file.path.replace(/.*\//, '')] = stringify({ groups }, { lineWidth: 0 });
    groupNames.push(...groups.map((g) => g.name));
  }
  return { byName, groupNames };
}

/** Runs `promtool test rules` on generated rule files and a suite. */
export function runPromtoolGroups(
  files: readonly GeneratedFile[],
  evaluationInterval: string,
  groups: readonly PromtoolGroup[]
): BinaryRun {
  const { byName, groupNames } = alertRuleFiles(files, false);
  return runPromtoolTests(promtoolSuite(Object.keys(byName), evaluationInterval, groupNames, groups), byName);
}
