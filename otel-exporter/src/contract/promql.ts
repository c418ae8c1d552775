/*
 * The one PromQL builder. Every query Nowcast writes (recording and alerting rules, dashboards,
 * the panel's example queries, the preview) is composed from these functions, so quoting, regex
 * escaping, number formatting and window text are done in one place. Each function returns PromQL
 * text and adds no parentheses of its own beyond what its syntax needs; `paren` makes grouping
 * explicit where an operand needs it.
 */

/** A PromQL string literal. JSON escaping is a subset of what PromQL accepts. */
export function quote(value: string): string {
  return JSON.stringify(value);
}

/** Shortest exact decimal for a number (12 significant digits), as PromQL reads it. */
export function formatNumber(value: number): string {
  return String(Number(value.toPrecision(12)));
}

function escapeRegex(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** `label="v"` for one value, `label=~"a|b"` (each value escaped) for several. */
export function matcher(label: string, values: string | readonly string[]): string {
  const list = typeof values === 'string' ? [values] : values;
  if (list.length === 1) {
    return `${label}=${quote(list[0] ?? '')}`;
  }
  return `${label}=~${quote(list.map(escapeRegex).join('|'))}`;
}

/** `metric{a="x", b=~"y|z"}`, or the bare metric without matchers. */
export function selector(metric: string, matchers: readonly string[] = []): string {
  return matchers.length === 0 ? metric : `${metric}{${matchers.join(', ')}}`;
}

/** `expr offset 1w`. */
export function offset(expr: string, ago: string): string {
  return `${expr} offset ${ago}`;
}

/** A subquery's range: `range:resolution`, e.g. `1w:1h` (the expression evaluated every hour over a week). */
export function subqueryRange(range: string, resolution: string): string {
  return `${range}:${resolution}`;
}

/** `expr[window]` (a duration such as `5m`, a subquery range, or a Grafana variable such as `$__range`), optionally offset. */
export function rangeOf(expr: string, window: string, ago?: string): string {
  const range = `${expr}[${window}]`;
  return ago === undefined ? range : offset(range, ago);
}

export type RangeFunction =
  | 'rate'
  | 'increase'
  | 'avg_over_time'
  | 'max_over_time'
  | 'min_over_time'
  | 'stddev_over_time'
  | 'count_over_time'
  | 'sum_over_time'
  | 'last_over_time';

/** `fn(expr[window] offset ago)`. */
export function overRange(fn: RangeFunction, expr: string, window: string, ago?: string): string {
  return `${fn}(${rangeOf(expr, window, ago)})`;
}

/** `quantile_over_time(q, expr[window] offset ago)`: e.g. the median of a recorded level over a week. */
export function quantileOverTime(q: number, expr: string, window: string, ago?: string): string {
  return `quantile_over_time(${formatNumber(q)}, ${rangeOf(expr, window, ago)})`;
}

export function rate(expr: string, window: string, ago?: string): string {
  return overRange('rate', expr, window, ago);
}

export function increase(expr: string, window: string, ago?: string): string {
  return overRange('increase', expr, window, ago);
}

export type ScalarFunction =
  | 'clamp'
  | 'clamp_min'
  | 'clamp_max'
  | 'ln'
  | 'sqrt'
  | 'abs'
  | 'sgn'
  | 'histogram_quantile'
  | 'time'
  | 'vector'
  | 'label_replace';

/** `fn(a, b, …)` for functions that take instant vectors and scalars. */
export function call(fn: ScalarFunction, ...args: readonly (string | number)[]): string {
  return `${fn}(${args.map((a) => (typeof a === 'number' ? formatNumber(a) : a)).join(', ')})`;
}

export type Aggregation = 'sum' | 'max' | 'min' | 'count' | 'avg' | 'stddev';

/** `sum by (a, b) (expr)`; `sum (expr)` with no labels; `without` keeps all labels but these. */
export function aggregate(
  op: Aggregation,
  labels: readonly string[],
  expr: string,
  grouping: 'by' | 'without' = 'by'
): string {
  return labels.length === 0 ? `${op} (${expr})` : `${op} ${grouping} (${labels.join(', ')}) (${expr})`;
}

export function sumBy(labels: readonly string[], expr: string): string {
  return aggregate('sum', labels, expr);
}

/** `topk by (a) (k, expr)` / `bottomk …`: the k largest (smallest) series per group, labels kept. */
export function rankBy(op: 'topk' | 'bottomk', k: number, labels: readonly string[], expr: string): string {
  return labels.length === 0
    ? `${op}(${formatNumber(k)}, ${expr})`
    : `${op} by (${labels.join(', ')}) (${formatNumber(k)}, ${expr})`;
}

/** `quantile without (a) (q, expr)`. */
export function quantile(q: number, labels: readonly string[], expr: string, grouping: 'by' | 'without'): string {
  return `quantile ${grouping} (${labels.join(', ')}) (${formatNumber(q)}, ${expr})`;
}

export type BinaryOperator =
  '+' | '-' | '*' | '/' | '^' | '==' | '!=' | '>' | '<' | '>=' | '<=' | 'and' | 'or' | 'unless';

/** Vector matching of a binary operation: `on (…)` or `ignoring (…)`, then `group_left (…)`. */
export interface VectorMatching {
  readonly on?: readonly string[];
  readonly ignoring?: readonly string[];
  readonly groupLeft?: readonly string[];
  readonly groupRight?: readonly string[];
}

function matchingText(matching: VectorMatching | undefined): string {
  if (matching === undefined) return '';
  let text = '';
  if (matching.on !== undefined) text += ` on (${matching.on.join(', ')})`;
  if (matching.ignoring !== undefined) text += ` ignoring (${matching.ignoring.join(', ')})`;
  if (matching.groupLeft !== undefined) text += ` group_left (${matching.groupLeft.join(', ')})`;
  if (matching.groupRight !== undefined) text += ` group_right (${matching.groupRight.join(', ')})`;
  return text;
}

/** `left op [matching] right`; operands are written as given (use `paren` to group). */
export function binary(
  left: string | number,
  op: BinaryOperator,
  right: string | number,
  matching?: VectorMatching
): string {
  const operand = (x: string | number) => (typeof x === 'number' ? formatNumber(x) : x);
  return `${operand(left)} ${op}${matchingText(matching)} ${operand(right)}`;
}

export function paren(expr: string): string {
  return `(${expr})`;
}

/** A number as a PromQL scalar literal. */
export function scalar(value: number): string {
  return formatNumber(value);
}
