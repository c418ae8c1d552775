import type { AlertSpec, AnalyticsSpec } from '@nowcast/otel-exporter/spec';
import { formatDuration } from '@nowcast/otel-exporter/spec';
import { binary, formatNumber, matcher, paren, rankBy, selector } from '@nowcast/otel-exporter/contract';
import type { Signal } from '../model/signal';

/**
 * Alert annotations. `value` and `baseline` are separate annotations so notification templates can
 * show "value vs baseline" without parsing prose. Numbers use three significant digits (ratios as
 * percentages), which keeps them readable and stable.
 */
function format(signal: Signal, expr: string): string {
  return signal.unit === 'ratio' ? `${expr} | humanizePercentage` : `printf "%.3g/s" ${expr}`;
}

/** Breakdown values an alert names as its likely causes. */
export const likelyCauseCount = 3;

/** `printf "<query with %q>" .Labels.a .Labels.b`: a query for the alert's own label values. */
function printfQuery(query: string, labels: readonly string[]): string {
  // The alert's own label values are filled in by printf's %q, which quotes them as PromQL does.
  const args = labels.map((l) => ` .Labels.${l}`).join('');
  return `printf ${JSON.stringify(query)}${args}`;
}

/** A template that queries the signal's reference (weekly, else recent) for the alert's own label set. */
function baselineTemplate(signal: Signal): string {
  const labels = signal.groupBy;
  const own = (record: string) =>
    selector(
      record,
      labels.map((l) => `${l}=%q`)
    );
  const query = binary(own(signal.names.reference), 'or', own(signal.names.recent));
  const value =
    signal.unit === 'ratio' ? '. | first | value | humanizePercentage' : 'printf "%.3g/s" (. | first | value)';
  return `{{ with ${printfQuery(query, [...labels, ...labels])} | query }}{{ ${value} }}{{ else }}none yet{{ end }}`;
}

/**
 * For a conversion alert not split by its funnel's breakdown: the query of the breakdown values
 * that lose most conversions against the alert's reference now (attempts × reference −
 * conversions), with `%q` where the alert's own selector label values go (`labels`, in order).
 */
export function likelyCauseQuery(signal: Signal): { query: string; labels: string[] } | undefined {
  const breakdown = signal.breakdown;
  if (breakdown === undefined) return undefined;
  const sel = signal.selector.labels;
  const reference = (record: string) =>
    selector(record, [...sel.map((l) => `${l}=%q`), ...Object.entries(signal.identity).map(([l, v]) => matcher(l, v))]);
  const expected = binary(
    paren(breakdown.denominator),
    '*',
    paren(binary(reference(signal.names.reference), 'or', reference(signal.names.recent))),
    { on: [], groupLeft: [] }
  );
  const lost = rankBy(
    'topk',
    likelyCauseCount,
    [],
    binary(paren(binary(expected, '-', paren(breakdown.numerator))), '>', 0)
  );
  // The placeholders' order: the denominator's selector, the references', the numerator's.
  return { query: lost, labels: [...sel, ...sel, ...sel, ...sel] };
}

/** The likely causes as an annotation, computed when the alert fires: a checkout page names the failing gateway. */
function likelyCauseTemplate(signal: Signal): string | undefined {
  const cause = likelyCauseQuery(signal);
  if (cause === undefined || signal.breakdown === undefined) return undefined;
  const label = signal.breakdown.label;
  return (
    `{{ range $i, $cause := ${printfQuery(cause.query, cause.labels)} | query }}{{ if $i }}, {{ end }}${label} ` +
    `{{ $cause.Labels.${label} }} ({{ printf "%.0f" $cause.Value }} fewer){{ else }}no ${label} stands out{{ end }}`
  );
}

function conditionText(alert: AlertSpec, signal: Signal): string {
  const bound = (value: number) =>
    signal.unit === 'ratio' ? `${formatNumber(value * 100)}%` : `${formatNumber(value)}/s`;
  const significance = `at z ${formatNumber(alert.sensitivity)}`;
  switch (alert.kind) {
    case 'threshold':
      return `significantly ${alert.direction} ${bound(alert.bound)} (${significance})`;
    case 'anomaly': {
      const margin =
        alert.minMargin === undefined
          ? ''
          : `, by at least ${signal.unit === 'ratio' ? bound(alert.minMargin) : formatNumber(alert.minMargin)}`;
      const fallback =
        alert.fallbackBound === undefined ? '' : `; ${bound(alert.fallbackBound)} while no baseline exists`;
      return `outside the baseline's band (${alert.direction}, ${significance}${margin})${fallback}`;
    }
    case 'spike':
      return `significantly above ${formatNumber(alert.factor)}× the baseline (${significance})`;
    case 'no_data':
      return 'no events while so many were expected that none arriving cannot be chance';
    case 'ab_launch':
      return '';
  }
}

/**
 * The parts of the annotations that differ per firing alert. Rules get Prometheus templates; tests
 * pass the rendered text they expect, so promtool proves the templates render to it.
 */
export interface AnnotationParts {
  readonly value: string;
  readonly baseline: string;
  readonly likelyCause?: string;
  label(name: string): string;
}

export function templateParts(signal: Signal): AnnotationParts {
  return {
    value: `{{ ${format(signal, '$value')} }}`,
    baseline: baselineTemplate(signal),
    likelyCause: likelyCauseTemplate(signal),
    label: (name) => `{{ $labels.${name} }}`,
  };
}

export function annotationsOf(
  spec: AnalyticsSpec,
  alert: AlertSpec,
  signal: Signal,
  parts: AnnotationParts = templateParts(signal)
): Record<string, string> {
  const split = alert.by.map((l) => `${l}=${parts.label(l)}`).join(', ');
  const { value, baseline } = parts;
  const settled =
    signal.conversion?.kind === 'settled'
      ? ` Settled conversion: attempts are judged when their ${formatDuration(signal.conversion.funnelWindowSeconds)} funnel window has passed.`
      : '';
  const annotations: Record<string, string> = {
    summary:
      alert.summary ??
      `${alert.name}: ${signal.description}${split === '' ? '' : ` (${split})`} ${conditionText(alert, signal)}`,
    description:
      `${signal.description}${split === '' ? '' : ` for ${split}`} is ${value} over the last ` +
      `${formatDuration(signal.windowSeconds)} (baseline ${baseline}); alerting when ${conditionText(alert, signal)}.${settled}`,
    value,
    baseline,
  };
  if (parts.likelyCause !== undefined) annotations.likely_cause = parts.likelyCause;
  if (alert.runbookUrl !== undefined) annotations.runbook_url = alert.runbookUrl;
  if (spec.links.dashboard !== undefined) annotations.dashboard_url = spec.links.dashboard;
  return annotations;
}
