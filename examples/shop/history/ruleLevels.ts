import { parse } from 'yaml';

/** A recording rule as a Prometheus rule file holds it. */
export interface RecordingRuleText {
  readonly record: string;
  readonly expr: string;
  readonly labels?: Readonly<Record<string, string>>;
  /** Its group's evaluation interval (e.g. "5m"), when the group sets one. */
  readonly interval?: string;
}

interface RuleFileDocument {
  groups?: {
    name: string;
    interval?: string;
    rules?: { record?: string; alert?: string; expr: string; labels?: Record<string, string> }[];
  }[];
}

/** The expressions of every alerting rule of some rule files: readers of the recorded series too. */
export function alertingExpressions(files: readonly string[]): string[] {
  return files.flatMap((content) =>
    ((parse(content) as RuleFileDocument).groups ?? []).flatMap((group) =>
      (group.rules ?? []).flatMap((rule) => (rule.alert === undefined ? [] : [rule.expr]))
    )
  );
}

/** Every recording rule of some rule files, in file order (alerting rules are left out). */
export function recordingRules(files: readonly string[]): RecordingRuleText[] {
  return files.flatMap((content) =>
    ((parse(content) as RuleFileDocument).groups ?? []).flatMap((group) =>
      (group.rules ?? []).flatMap(({ record, expr, ...rest }) =>
        record === undefined
          ? []
          : [{ record, expr, ...rest, ...(group.interval === undefined ? {} : { interval: group.interval }) }]
      )
    )
  );
}

/** Whether an expression reads a series name (not as part of a longer name). */
function reads(expr: string, name: string): boolean {
  for (let at = expr.indexOf(name); at >= 0; at = expr.indexOf(name, at + 1)) {
    const before = expr[at - 1] ?? ' ';
    const after = expr[at + name.length] ?? ' ';
    if (!/[\w:]/.test(before) && !/[\w:]/.test(after)) return true;
  }
  return false;
}

/**
 * Recording rules in evaluation levels for a backfill: level 0 reads only scraped series, level k
 * reads series recorded at lower levels. `promtool tsdb create-blocks-from rules` evaluates each
 * rule against what the TSDB already holds, so each level is backfilled after the one before it
 * has been loaded. Only rules some rule reads (with their inputs) are kept when `needed` is given.
 */
export function backfillLevels(
  rules: readonly RecordingRuleText[],
  needed?: (rule: RecordingRuleText) => boolean
): RecordingRuleText[][] {
  const records = [...new Set(rules.map((r) => r.record))];
  const inputs = new Map(records.map((record) => [record, records.filter((other) => other !== record)]));
  const readsOf = (record: string) =>
    (inputs.get(record) ?? []).filter((other) =>
      rules.some((rule) => rule.record === record && reads(rule.expr, other))
    );
  const level = new Map<string, number>();
  const levelOf = (record: string, seen: ReadonlySet<string>): number => {
    const known = level.get(record);
    if (known !== undefined) return known;
    if (seen.has(record)) throw new Error(`recording rules read each other in a cycle through ${record}`);
    const below = readsOf(record).map((other) => levelOf(other, new Set([...seen, record])));
    const value = below.length === 0 ? 0 : Math.max(...below) + 1;
    level.set(record, value);
    return value;
  };
  let kept = new Set(records);
  if (needed !== undefined) {
    kept = new Set();
    const want = (record: string): void => {
      if (kept.has(record)) return;
      kept.add(record);
      readsOf(record).forEach(want);
    };
    rules.filter(needed).forEach((rule) => want(rule.record));
  }
  const levels: RecordingRuleText[][] = [];
  for (const rule of rules) {
    if (!kept.has(rule.record)) continue;
    const at = levelOf(rule.record, new Set());
    (levels[at] ??= []).push(rule);
  }
  return levels.filter((rulesOfLevel) => rulesOfLevel.length > 0);
}

const durationUnits: Readonly<Record<string, number>> = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800, y: 31_536_000 };

/** Seconds of a Prometheus duration such as `1w6d23h30m`. */
export function durationSeconds(text: string): number {
  let seconds = 0;
  for (const [, amount, unit] of text.matchAll(/(\d+)(ms|[smhdwy])/g)) {
    seconds += unit === 'ms' ? Number(amount) / 1000 : Number(amount) * (durationUnits[unit ?? 's'] ?? 0);
  }
  return seconds;
}

/** A read of a recorded series by another rule: how far back it looks (range and offset, in seconds). */
interface PastRead {
  readonly reader: string;
  readonly lookbackSeconds: number;
}

const selector = /([a-zA-Z_:][\w:]*)(?:\{[^}]*\})?(?:\[([0-9a-z]+)\])?(?:\s+offset\s+([0-9a-z]+))?/g;

function pastReads(
  rules: readonly RecordingRuleText[],
  alerts: readonly string[],
  longestRangeSeconds: number
): Map<string, PastRead[]> {
  const records = new Set(rules.map((r) => r.record));
  const reads = new Map<string, PastRead[]>();
  // An alert reads at its live evaluations only: a reader needed from no earlier than now.
  const readers = [...rules, ...alerts.map((expr) => ({ record: '', expr }))];
  for (const { record, expr } of readers) {
    for (const [, name, range, offset] of expr.matchAll(selector)) {
      if (name === undefined || !records.has(name) || name === record) continue;
      const rangeSeconds = Math.min(durationSeconds(range ?? '0s'), longestRangeSeconds);
      const lookbackSeconds = rangeSeconds + durationSeconds(offset ?? '0s');
      reads.set(name, [...(reads.get(name) ?? []), { reader: record, lookbackSeconds }]);
    }
  }
  return reads;
}

/**
 * How long before the live start each recorded series must already exist, in seconds, for every
 * rule to have its inputs at its first live evaluation: a rule reading `x[R] offset O` needs x from
 * R + O before its own earliest time, and so on down the chain (a week-long range over a series
 * that itself reads three weeks back needs four). Series needed less than `minimumSeconds` back
 * fill in live and are left out. `alerts` are the alerting rules' expressions, readers too. Ranges count at most `longestRangeSeconds`: a statistic over a
 * week (say, of the baseline's own noise) then starts from the last day of history and widens
 * live, which keeps the backfill's cost to the offsets' (the same hour 1–3 weeks back).
 */
export function historyNeeded(
  rules: readonly RecordingRuleText[],
  { minimumSeconds = 3600, longestRangeSeconds = Infinity, alerts = [] as readonly string[] } = {}
): Map<string, number> {
  const reads = pastReads(rules, alerts, longestRangeSeconds);
  const needed = new Map<string, number>();
  const needOf = (record: string, path: ReadonlySet<string>): number => {
    const known = needed.get(record);
    if (known !== undefined) return known;
    if (path.has(record)) throw new Error(`recording rules read each other in a cycle through ${record}`);
    const within = new Set([...path, record]);
    const need = Math.max(
      0,
      ...(reads.get(record) ?? []).map((r) => (r.reader === '' ? 0 : needOf(r.reader, within)) + r.lookbackSeconds)
    );
    needed.set(record, need);
    return need;
  };
  for (const { record } of rules) needOf(record, new Set());
  return new Map([...needed].filter(([, seconds]) => seconds >= minimumSeconds));
}
