import { formatDuration, parseDuration, type AlertSpec, type AnalyticsSpec } from '@nowcast/otel-exporter/spec';
import type { AlertingRule, RecordingRule, RuleFile } from '../model/rules';

/*
 * What the generated rules cost and need, read from the rules themselves (so it cannot drift from
 * them): for each alert, the rules it reads directly or through recorded series, the history they
 * reach back over, and the samples their evaluations read per minute, per label set of the alert.
 */

/** Prometheus keeps 15 days unless told otherwise (`--storage.tsdb.retention.time`). */
export const defaultRetentionSeconds = 15 * 86400;

/** Samples read per minute by one alert (all label sets) above which `generate` warns. */
export const samplesPerMinuteBudget = 200_000;

export interface AlertCost {
  readonly alert: string;
  /** How long the alert must run on history before every reference it reads exists (install to full strength). */
  readonly historySeconds: number;
  /** The furthest back any of its rules reads a stored series: what retention must keep. */
  readonly retentionSeconds: number;
  /** Recorded series per label set of the alert, and label sets at most (the product of `by` values). */
  readonly recordedSeriesPerLabelSet: number;
  readonly labelSets: number;
  /** Samples the rules behind the alert read per minute, per label set. */
  readonly samplesPerMinutePerLabelSet: number;
}

interface RuleInfo {
  readonly name: string;
  readonly expr: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly intervalSeconds: number;
}

/** One series read by an expression: its name, equality matchers, range and offset. */
interface Read {
  readonly name: string;
  readonly matchers: Readonly<Record<string, string>>;
  readonly rangeSeconds: number;
  readonly offsetSeconds: number;
}

const seconds = (text: string | undefined) => (text === undefined ? 0 : (parseDuration(text)?.seconds ?? 0));

/** Every series selector of a PromQL expression (a name followed by matchers or a range, or a known record). */
export function readsOf(expr: string, records: ReadonlySet<string>): Read[] {
  const selector = /([a-zA-Z_:][a-zA-Z0-9_:]*)\s*(\{[^}]*\})?(?:\[([0-9a-z]+)\])?(?:\s+offset\s+([0-9a-z]+))?(\s*\()?/g;
  const reads: Read[] = [];
  for (const m of expr.matchAll(selector)) {
    const [, name = '', braces, range, offset, call] = m;
    // A function call, a keyword or a label list entry is no series; a record name without matchers is.
    if (call !== undefined || (braces === undefined && range === undefined && !records.has(name))) continue;
    const matchers: Record<string, string> = {};
    for (const eq of (braces ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) {
      matchers[eq[1] ?? ''] = eq[2] ?? '';
    }
    reads.push({ name, matchers, rangeSeconds: seconds(range), offsetSeconds: seconds(offset) });
  }
  return reads;
}

/** The rules writing a read series: same record name, no static label contradicting its matchers. */
function writers(read: Read, byName: ReadonlyMap<string, readonly RuleInfo[]>): readonly RuleInfo[] {
  return (byName.get(read.name) ?? []).filter((rule) =>
    Object.entries(rule.labels).every(([label, value]) => (read.matchers[label] ?? value) === value)
  );
}

function infoOf(files: readonly RuleFile[]): RuleInfo[] {
  return files.flatMap((file) =>
    file.groups.flatMap((group) =>
      group.rules.map((rule) => ({
        name: 'record' in rule ? (rule as RecordingRule).record : (rule as AlertingRule).alert,
        expr: rule.expr,
        labels: rule.labels ?? {},
        intervalSeconds: seconds(group.interval),
      }))
    )
  );
}

/** Label sets an alert can have at most: the product of its `by` properties' value limits. */
function labelSetsOf(spec: AnalyticsSpec, alert: AlertSpec): number {
  const limit = (property: string) =>
    Math.max(1, ...spec.events.flatMap((e) => e.properties.filter((p) => p.name === property).map((p) => p.maxValues)));
  return alert.by.reduce((product, property) => product * limit(property), 1);
}

/** The cost and history of every alert of the spec, from its generated rule files. */
export function alertCosts(spec: AnalyticsSpec, files: readonly RuleFile[]): AlertCost[] {
  const rules = infoOf(files);
  const records = new Set(rules.map((r) => r.name));
  const byName = new Map<string, RuleInfo[]>();
  for (const rule of rules) byName.set(rule.name, [...(byName.get(rule.name) ?? []), rule]);
  const scrape = spec.prometheus.scrapeInterval.seconds;
  // History each rule needs before its result is whole: its furthest read plus that series' own history.
  const history = new Map<RuleInfo, number>();
  const historyOf = (rule: RuleInfo, seen: ReadonlySet<RuleInfo>): number => {
    const known = history.get(rule);
    if (known !== undefined) return known;
    // A rule reading its own earlier results (a trend kept through an outage) adds nothing more.
    const next = new Set([...seen, rule]);
    const needs = readsOf(rule.expr, records).map((read) => {
      const back = read.rangeSeconds + read.offsetSeconds;
      const inputs = writers(read, byName).filter((w) => !next.has(w));
      return back + Math.max(0, ...inputs.map((w) => historyOf(w, next)));
    });
    const result = Math.max(0, ...needs);
    history.set(rule, result);
    return result;
  };
  return spec.alerts.map((alert) => {
    const own = rules.filter((r) => r.name === alert.name);
    const closure = new Set<RuleInfo>();
    const visit = (rule: RuleInfo) => {
      if (closure.has(rule)) return;
      closure.add(rule);
      for (const read of readsOf(rule.expr, records)) writers(read, byName).forEach(visit);
    };
    own.forEach(visit);
    let samples = 0;
    let retention = 0;
    for (const rule of closure) {
      const perEvaluation = readsOf(rule.expr, records).reduce((sum, read) => {
        retention = Math.max(retention, read.rangeSeconds + read.offsetSeconds);
        const input = writers(read, byName)[0]?.intervalSeconds ?? scrape;
        return sum + Math.max(1, Math.round(read.rangeSeconds / input));
      }, 0);
      samples += (perEvaluation * 60) / Math.max(1, rule.intervalSeconds);
    }
    return {
      alert: alert.name,
      historySeconds: Math.max(0, ...own.map((r) => historyOf(r, new Set()))),
      retentionSeconds: retention,
      recordedSeriesPerLabelSet: [...closure].filter((r) => !own.includes(r)).length,
      labelSets: labelSetsOf(spec, alert),
      samplesPerMinutePerLabelSet: Math.round(samples),
    };
  });
}

const thousands = (n: number) => Math.round(n).toLocaleString('en-US');

/** The lines `generate` prints: per alert, then the retention the rules need and warnings. */
export function costReport(costs: readonly AlertCost[], retentionSeconds = defaultRetentionSeconds): string[] {
  const lines = costs.map(
    (c) =>
      `${c.alert}: needs ${formatDuration(c.historySeconds)} of history; ${c.recordedSeriesPerLabelSet} recorded series and ` +
      `${thousands(c.samplesPerMinutePerLabelSet)} samples read per minute per label set` +
      (c.labelSets > 1
        ? ` (up to ${thousands(c.labelSets)} label sets: ${thousands(c.recordedSeriesPerLabelSet * c.labelSets)} series, ` +
          `${thousands(c.samplesPerMinutePerLabelSet * c.labelSets)} samples per minute)`
        : '')
  );
  for (const c of costs) {
    const total = c.samplesPerMinutePerLabelSet * c.labelSets;
    if (total > samplesPerMinuteBudget) {
      lines.push(
        `warning: ${c.alert} reads up to ${thousands(total)} samples per minute, over the budget of ` +
          `${thousands(samplesPerMinuteBudget)}; split it by fewer or smaller properties`
      );
    }
  }
  // An hour to spare: the oldest rules read back to the edge of what they need.
  const needed = Math.max(0, ...costs.map((c) => c.retentionSeconds));
  if (needed > 0) {
    lines.push(
      `retention: the rules read ${formatDuration(needed)} back; Prometheus keeps ${formatDuration(retentionSeconds)} ` +
        `by default, so run it with --storage.tsdb.retention.time=${formatDuration(Math.max(Math.ceil(needed / 3600) * 3600 + 3600, retentionSeconds))} or more` +
        (needed > retentionSeconds
          ? ' (with less, the weekly baselines never exist and anomalies judge only against the hour before the last and fallback bounds)'
          : '')
    );
  }
  return lines;
}
