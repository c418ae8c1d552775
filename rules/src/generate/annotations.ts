import type { AlertSpec, AnalyticsSpec } from '@nowcast/otel-exporter/spec';
import { formatDuration } from '@nowcast/otel-exporter/spec';
import {
  binary,
  call,
  formatNumber,
  matcher,
  paren,
  quote,
  rankBy,
  selector,
  sumBy,
  windowText,
} from '@nowcast/otel-exporter/contract';
import type { Signal } from '../model/signal';

/**
 * Alert annotations. `value` and `baseline` are separate annotations so notification templates can
 * show "value vs baseline" without parsing prose. Numbers use three significant digits (ratios as
 * percentages), which keeps them readable and stable.
 */
function format(signal: Signal, expr: string): string {
  return signal.unit === 'ratio' ? `${expr} | humanizePercentage` : `printf "%.3g/s" ${expr}`;
}

/** Breakdown or property values an alert names as its likely causes. */
export const likelyCauseCount = 3;

/** The label a rate's likely causes carry, "<property> <value>", across the event's properties. */
const causeLabel = 'nowcast_cause';

const hour = 3600;
const week = 7 * 24 * hour;

/** The alert labels a query's `%q` placeholders stand for, in order: what printf fills in. */
function placeholdersOf(query: string): string[] {
  return [...query.matchAll(/(\w+)=%q/g)].map((m) => m[1] ?? '');
}

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

/** The signal's reference (weekly, else recent) for the firing label set, `%q` for its selector and `by` values. */
function ownReference(signal: Signal): string {
  const split = signal.labels.filter((label) => signal.identity[label] === undefined);
  const own = (record: string) =>
    selector(record, [
      ...[...signal.selector.labels, ...split].map((l) => `${l}=%q`),
      ...Object.entries(signal.identity).map(([l, v]) => matcher(l, v)),
    ]);
  return paren(binary(own(signal.names.reference), 'or', own(signal.names.recent)));
}

/**
 * For a conversion alert not split by its funnel's breakdown: the breakdown values that lose most
 * conversions against the alert's reference now (attempts × reference − conversions).
 */
function lostConversions(signal: Signal): string | undefined {
  const breakdown = signal.breakdown;
  if (breakdown === undefined) return undefined;
  const expected = binary(paren(breakdown.denominator), '*', ownReference(signal), { on: [], groupLeft: [] });
  return rankBy('topk', likelyCauseCount, [], binary(paren(binary(expected, '-', paren(breakdown.numerator))), '>', 0));
}

/**
 * For an event rate: the property values whose counts moved most from what the reference expects
 * of them, each value's share taken from the same window a week ago, else an hour ago; signed
 * (fewer < 0 < more), largest first, across the event's properties.
 */
function movedPropertyValues(signal: Signal): string | undefined {
  const properties = signal.properties ?? [];
  if (properties.length === 0) return undefined;
  const expectedEvents = binary(ownReference(signal), '*', signal.windowSeconds);
  const moved = properties.map(({ label, counted }) => {
    const share = (ago: number) =>
      binary(paren(counted(windowText(ago))), '/', paren(sumBy([], counted(windowText(ago)))), {
        on: [],
        groupLeft: [],
      });
    const expected = binary(paren(binary(share(week), 'or', share(hour))), '*', paren(expectedEvents), {
      on: [],
      groupLeft: [],
    });
    const change = binary(paren(binary(counted(), 'or', binary(0, '*', paren(expected)))), '-', paren(expected));
    const named = call('label_replace', change, quote(causeLabel), quote(`${label} $1`), quote(label), quote('(.*)'));
    return sumBy([causeLabel], named);
  });
  const all = paren(moved.reduce((either, next) => binary(either, 'or', next)));
  // A value that moved by less than one event is not a cause.
  return binary(rankBy('topk', likelyCauseCount, [], binary(call('abs', all), '>=', 1)), '*', call('sgn', all));
}

/**
 * The query of an alert's likely causes, with `%q` where the firing alert's selector and `by`
 * label values go (`labels`, in order): a conversion's breakdown values, an event rate's property values.
 */
export function likelyCauseQuery(signal: Signal): { query: string; labels: string[] } | undefined {
  const query = lostConversions(signal) ?? movedPropertyValues(signal);
  return query === undefined ? undefined : { query, labels: placeholdersOf(query) };
}

/**
 * The likely causes as an annotation, computed when the alert fires: a checkout page names the
 * failing gateway ("gateway stripe (412 fewer)"), a traffic alert the page that lost its visitors
 * ("page docs (-1234 events)").
 */
function likelyCauseTemplate(signal: Signal): string | undefined {
  const cause = likelyCauseQuery(signal);
  if (cause === undefined) return undefined;
  const causes = `${printfQuery(cause.query, cause.labels)} | query`;
  const breakdown = signal.breakdown?.label;
  const item =
    breakdown === undefined
      ? `{{ $cause.Labels.${causeLabel} }} ({{ printf "%+.0f" $cause.Value }} events)`
      : `${breakdown} {{ $cause.Labels.${breakdown} }} ({{ printf "%.0f" $cause.Value }} fewer)`;
  const none = breakdown === undefined ? 'no property value stands out' : `no ${breakdown} stands out`;
  return `{{ range $i, $cause := ${causes} }}{{ if $i }}, {{ end }}${item}{{ else }}${none}{{ end }}`;
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
  // A stopped event has no value that moved more than the others: every one stopped.
  if (parts.likelyCause !== undefined && alert.kind !== 'no_data') annotations.likely_cause = parts.likelyCause;
  if (alert.runbookUrl !== undefined) annotations.runbook_url = alert.runbookUrl;
  if (spec.links.dashboard !== undefined) annotations.dashboard_url = spec.links.dashboard;
  return annotations;
}
