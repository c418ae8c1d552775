/** Small PromQL text builders, so quoting and regex escaping are done in one place. */

/** A PromQL string literal. JSON escaping is a subset of what PromQL accepts. */
export function quote(value: string): string {
  return JSON.stringify(value);
}

function escapeRegex(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** `label="v"` for one value, `label=~"a|b"` (escaped) for several. */
export function matcher(label: string, values: readonly string[]): string {
  if (values.length === 1) {
    return `${label}=${quote(values[0] ?? '')}`;
  }
  return `${label}=~${quote([...values].map(escapeRegex).join('|'))}`;
}

/** `{a="x", b=~"y|z"}`, or "" with no matchers. */
export function selector(matchers: readonly string[]): string {
  return matchers.length === 0 ? '' : `{${matchers.join(', ')}}`;
}

/** `sum by (a, b) (expr)`; `sum (expr)` with no labels. */
export function sumBy(labels: readonly string[], expr: string): string {
  return labels.length === 0 ? `sum (${expr})` : `sum by (${labels.join(', ')}) (${expr})`;
}

/** Shortest exact decimal for a number in PromQL. */
export function number(value: number): string {
  return String(Number(value.toPrecision(12)));
}
