import { parse } from 'yaml';
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

/** Runs `promtool test rules` on generated rule files and a suite. */
export function runPromtoolGroups(
  files: readonly GeneratedFile[],
  evaluationInterval: string,
  groups: readonly PromtoolGroup[]
): BinaryRun {
  const ruleFiles = files.filter((f) => f.path.endsWith('.yml') && f.path.includes('rules/'));
  const byName = Object.fromEntries(ruleFiles.map((f) => [f.path.replace(/.*\//, ''), f.content]));
  // Without an order promtool evaluates groups in map order, so an alert could read the previous
  // step's recordings in one run and this step's in the next. File order: recordings, baselines, alerts.
  const groupNames = ruleFiles.flatMap((f) =>
    (parse(f.content) as { groups: { name: string }[] }).groups.map((g) => g.name)
  );
  return runPromtoolTests(promtoolSuite(Object.keys(byName), evaluationInterval, groupNames, groups), byName);
}
