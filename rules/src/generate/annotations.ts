import type { AlertSpec, AnalyticsSpec } from '@nowcast/otel-exporter/spec';
import { formatDuration } from '@nowcast/otel-exporter/spec';
import { formatNumber, selector } from '@nowcast/otel-exporter/contract';
import type { Signal } from '../model/signal';

/**
 * Alert annotations. `value` and `baseline` are separate annotations so notification templates can
 * show "value vs baseline" without parsing prose. Numbers use three significant digits (ratios as
 * percentages), which keeps them readable and stable.
 */
function format(signal: Signal, expr: string): string {
  return signal.unit === 'ratio' ? `${expr} | humanizePercentage` : `printf "%.3g/s" ${expr}`;
}

/** A template that queries the signal's baseline for the alert's own label set. */
function baselineTemplate(signal: Signal): string {
  // The alert's own label values are filled in by printf's %q, which quotes them as PromQL does.
  const baseline = selector(
    signal.names.baseline,
    signal.labels.map((l) => `${l}=%q`)
  );
  const args = signal.labels.map((l) => `.Labels.${l}`).join(' ');
  const query = `printf ${JSON.stringify(baseline)} ${args}`;
  const value =
    signal.unit === 'ratio' ? '. | first | value | humanizePercentage' : 'printf "%.3g/s" (. | first | value)';
  return `{{ with ${query} | query }}{{ ${value} }}{{ else }}none yet{{ end }}`;
}

function conditionText(alert: AlertSpec, signal: Signal): string {
  const bound = (value: number) =>
    signal.unit === 'ratio' ? `${formatNumber(value * 100)}%` : `${formatNumber(value)}/s`;
  switch (alert.kind) {
    case 'threshold':
      return `${alert.direction} ${bound(alert.bound)}`;
    case 'anomaly': {
      const margin =
        alert.minMargin === undefined
          ? ''
          : `, at least ${signal.unit === 'ratio' ? bound(alert.minMargin) : formatNumber(alert.minMargin)}`;
      const fallback =
        alert.fallbackBound === undefined ? '' : `; ${bound(alert.fallbackBound)} while no baseline exists`;
      return `outside baseline ± ${formatNumber(alert.sensitivity)}σ${margin} (${alert.direction})${fallback}`;
    }
    case 'spike':
      return `above ${formatNumber(alert.factor)}× the baseline`;
    case 'no_data':
      return 'no events while some were expected';
  }
}

/**
 * The parts of the annotations that differ per firing alert. Rules get Prometheus templates; tests
 * pass the rendered text they expect, so promtool proves the templates render to it.
 */
export interface AnnotationParts {
  readonly value: string;
  readonly baseline: string;
  label(name: string): string;
}

export function templateParts(signal: Signal): AnnotationParts {
  return {
    value: `{{ ${format(signal, '$value')} }}`,
    baseline: baselineTemplate(signal),
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
  const annotations: Record<string, string> = {
    summary:
      alert.summary ??
      `${alert.name}: ${signal.description}${split === '' ? '' : ` (${split})`} ${conditionText(alert, signal)}`,
    description:
      `${signal.description}${split === '' ? '' : ` for ${split}`} is ${value} over the last ` +
      `${formatDuration(signal.windowSeconds)} (baseline ${baseline}); alerting when ${conditionText(alert, signal)}.`,
    value,
    baseline,
  };
  if (alert.runbookUrl !== undefined) annotations.runbook_url = alert.runbookUrl;
  if (spec.links.dashboard !== undefined) annotations.dashboard_url = spec.links.dashboard;
  return annotations;
}
