import { runPromtoolTests } from '@nowcast/test-support';
import type { GeneratedFile } from '../generate/generate';
import { alertRuleFiles, promtoolSuite, type AlertCheck, type InputSeries } from './promtool';
import { at } from './series';

/** One sample of a query's result. */
export interface Sample {
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

/** `{a="x", b="y"}` → { a: 'x', b: 'y' }. */
function parseLabels(text: string): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const match of text.matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) {
    labels[match[1] ?? ''] = JSON.parse(`"${match[2] ?? ''}"`) as string;
  }
  return labels;
}

/** The label sets promtool printed for alerts, `{…}; {…}`, or `none`. */
function labelsIn(printed: string): string {
  const sets = [...printed.matchAll(/Labels:(\{[^}]*\})/g)].map((m) => m[1] ?? '');
  return sets.length === 0 ? 'none' : sets.join('; ');
}

/**
 * Runs the rules over the input series with promtool and returns what each query gives at its
 * time. promtool has no query command for a unit test's storage, so each query is asked as an
 * expression test expecting nothing and its result read from what promtool says it got (nothing
 * printed: an empty result). The input series are `seriesInterval` apart (default: the evaluation interval).
 */
export function queryWithPromtool(
  files: readonly GeneratedFile[],
  evaluationInterval: number,
  series: readonly InputSeries[],
  queries: readonly { readonly expr: string; readonly time: number }[],
  alertChecks: readonly AlertCheck[] = [],
  seriesInterval = evaluationInterval
): { samples: Sample[][]; failedAlertChecks: string[] } {
  const { byName, groupNames } = alertRuleFiles(files);
  const step = at(evaluationInterval);
  const suite = promtoolSuite(Object.keys(byName), step, groupNames, []);
  const run = runPromtoolTests(
    {
      ...suite,
      tests: [
        {
          interval: at(seriesInterval),
          input_series: series,
          promql_expr_test: queries.map((q) => ({ expr: q.expr, eval_time: at(q.time), exp_samples: [] })),
          alert_rule_test: alertChecks.map((c) => ({
            eval_time: c.evalTime,
            alertname: c.alertname,
            exp_alerts: c.alerts.map((a) => ({ exp_labels: a.labels, exp_annotations: a.annotations })),
          })),
        },
      ],
    },
    byName
  );
  if (run.status !== 0 && !run.output.includes('got:')) throw new Error(`promtool failed:\n${run.output}`);
  const results = new Map<string, Sample[]>();
  for (const block of run.output.split(/\n\s*expr: /).slice(1)) {
    const head = /^("(?:[^"\\]|\\.)*"), time: (\S+?),/.exec(block);
    const got = /got: (.*)/.exec(block)?.[1] ?? '';
    if (head === null) continue;
    const samples = [...got.matchAll(/(\{[^}]*\}) ([-+0-9.eEInfNa]+)/g)].map((m) => ({
      labels: parseLabels(m[1] ?? ''),
      value: Number(m[2]),
    }));
    results.set(`${JSON.parse(head[1] ?? '""') as string}@${head[2] ?? ''}`, samples);
  }
  // A failed alert check: `alertname: x, time: t,` then what it expected and got, up to the next check or expression.
  const failedAlertChecks = [
    ...run.output.matchAll(
      /alertname: (\S+), time: (\S+),\s*exp:([\s\S]*?)got:([\s\S]*?)(?=\n\s*(?:alertname|expr):|$)/g
    ),
  ].map((m) => `${m[1] ?? ''} at ${m[2] ?? ''}: expected ${labelsIn(m[3] ?? '')}, got ${labelsIn(m[4] ?? '')}`);
  return { samples: queries.map((q) => results.get(`${q.expr}@${at(q.time)}`) ?? []), failedAlertChecks };
}

/** Alert episodes (times it started firing) and time firing, per alert and label set, in one period. */
export interface AlertEpisodes {
  readonly alertname: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly episodes: number;
  readonly firingSeconds: number;
}

export interface Period {
  readonly from: number;
  readonly to: number;
}

/**
 * Every alert's episodes and time firing in each period, from the ALERTS series the rules wrote
 * (an episode is a step firing after one that was not), and which of the alert checks failed.
 */
export function measureAlerts(
  files: readonly GeneratedFile[],
  evaluationInterval: number,
  series: readonly InputSeries[],
  periods: readonly Period[],
  alertChecks: readonly AlertCheck[] = []
): { periods: AlertEpisodes[][]; failedAlertChecks: string[] } {
  const step = at(evaluationInterval);
  const firing = 'ALERTS{alertstate="firing"}';
  const queries = periods.flatMap(({ from, to }) => {
    const range = `${at(to - from)}:${step}`;
    return [
      { expr: `count_over_time((${firing} unless ${firing} offset ${step})[${range}])`, time: to },
      { expr: `count_over_time(${firing}[${range}])`, time: to },
    ];
  });
  const { samples, failedAlertChecks } = queryWithPromtool(files, evaluationInterval, series, queries, alertChecks);
  const key = (labels: Readonly<Record<string, string>>) => JSON.stringify(labels);
  const measured = periods.map((_, i) => {
    const starts = new Map((samples[2 * i] ?? []).map((s) => [key(s.labels), s.value]));
    return (samples[2 * i + 1] ?? []).map(({ labels, value }) => {
      const { alertname = '', alertstate: _, ...rest } = labels;
      return {
        alertname,
        labels: rest,
        episodes: starts.get(key(labels)) ?? 0,
        firingSeconds: value * evaluationInterval,
      };
    });
  });
  return { periods: measured, failedAlertChecks };
}
