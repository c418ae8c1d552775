import type { Attributes } from '@opentelemetry/api';
import type { UserIdPseudonymiser } from '../exemplar/pseudonymiser';
import { exemplarText } from '../exemplar/exemplarText';
import { formatSampleValue } from './labelText';
import type { MetricFamily } from '../contract/families';
import type { ExemplarSource, MetricSink, MetricSource } from './metricSink';

export type TextFormat = 'openmetrics' | 'prometheus';

export const contentTypes: Record<TextFormat, string> = {
  openmetrics: 'application/openmetrics-text; version=1.0.0; charset=utf-8',
  prometheus: 'text/plain; version=0.0.4; charset=utf-8',
};

/** OpenMetrics names a counter family without `_total`; its samples keep it. */
function familyName(descriptor: MetricFamily, format: TextFormat): string {
  return format === 'openmetrics' && descriptor.type === 'counter' ? descriptor.otelName : descriptor.name;
}

function escapeHelp(help: string): string {
  return help.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

/** Writes families as Prometheus text 0.0.4 or OpenMetrics 1.0 (with exemplars and `# EOF`). */
class TextSink implements MetricSink {
  readonly scraper = 'text';
  readonly wantsAttributes = false;
  readonly wantsExemplars: boolean;
  readonly lines: string[] = [];
  private name = '';

  constructor(
    private readonly format: TextFormat,
    private readonly users: UserIdPseudonymiser
  ) {
    this.wantsExemplars = format === 'openmetrics';
  }

  family(descriptor: MetricFamily): void {
    const name = familyName(descriptor, this.format);
    this.name = descriptor.name;
    this.lines.push(`# HELP ${name} ${escapeHelp(descriptor.help)}\n# TYPE ${name} ${descriptor.type}\n`);
  }

  sample(labelText: string, _attributes: Attributes | undefined, value: number, exemplar?: ExemplarSource): void {
    const labels = labelText === '' ? '' : `{${labelText}}`;
    const suffix = exemplar === undefined ? undefined : exemplarText(exemplar, this.users);
    this.lines.push(
      suffix === undefined
        ? `${this.name}${labels} ${formatSampleValue(value)}\n`
        : `${this.name}${labels} ${formatSampleValue(value)} # ${suffix}\n`
    );
  }

  histogram(
    labelText: string,
    _attributes: Attributes | undefined,
    boundaries: readonly number[],
    bucketCounts: ArrayLike<number>,
    sum: number,
    count: number
  ): void {
    const separator = labelText === '' ? '' : ',';
    let cumulative = 0;
    for (let i = 0; i <= boundaries.length; i++) {
      cumulative += bucketCounts[i] ?? 0;
      const bound = boundaries[i];
      const le = bound === undefined ? '+Inf' : formatSampleValue(bound);
      this.lines.push(`${this.name}_bucket{${labelText}${separator}le="${le}"} ${cumulative}\n`);
    }
    const labels = labelText === '' ? '' : `{${labelText}}`;
    this.lines.push(`${this.name}_sum${labels} ${formatSampleValue(sum)}\n${this.name}_count${labels} ${count}\n`);
  }
}

/** The whole exposition as one string. */
export function renderText(source: MetricSource, format: TextFormat, users: UserIdPseudonymiser): string {
  const sink = new TextSink(format, users);
  source.collect(sink);
  if (format === 'openmetrics') sink.lines.push('# EOF\n');
  return sink.lines.join('');
}
