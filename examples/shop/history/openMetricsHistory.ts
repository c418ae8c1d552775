import type { MetricSink, MetricSource } from '@nowcast/otel-exporter';
import type { MetricFamily } from '@nowcast/otel-exporter/contract';

/**
 * Timestamped OpenMetrics for `promtool tsdb create-blocks-from openmetrics`: each snapshot of the
 * exporter becomes one sample per kept series at that time, exactly as a scrape would have seen
 * it. Which families to keep is the caller's choice (history of what rates, funnels and baselines
 * read; not the HyperLogLog registers, which would make weeks of history many times larger).
 */
export class OpenMetricsHistory implements MetricSink {
  /** The history is what Prometheus' scrapes of the text exposition would have seen, new series at 0 first. */
  readonly scraper = 'text' as const;
  readonly wantsAttributes = false;
  readonly wantsExemplars = false;
  private readonly families: MetricFamily[] = [];
  private name = '';
  private kept = false;
  private timestamp = '';
  private lines: string[] = [];
  private learning = false;

  /**
   * @param keep which families the history holds
   * @param targetLabels the labels a scrape adds (`job="nowcast",instance="127.0.0.1:9464"`), so
   *   the live scrapes continue the very series the history wrote
   */
  constructor(
    private readonly keep: (family: MetricFamily) => boolean,
    private readonly targetLabels: string
  ) {}

  /** The metadata block OpenMetrics wants before any sample: one TYPE line per kept family. */
  header(source: MetricSource): string {
    this.learning = true;
    source.collect(this);
    this.learning = false;
    return this.families.map((f) => `# TYPE ${f.otelName} ${f.type}\n`).join('');
  }

  /** The samples of one snapshot of `source` at `timeMs`. */
  snapshot(source: MetricSource, timeMs: number): string {
    this.timestamp = (timeMs / 1000).toString();
    this.lines = [];
    source.collect(this);
    return this.lines.join('');
  }

  keeps(descriptor: MetricFamily): boolean {
    return this.keep(descriptor);
  }

  family(descriptor: MetricFamily): void {
    this.kept = this.keep(descriptor);
    this.name = descriptor.name;
    if (this.learning && this.kept) this.families.push(descriptor);
  }

  sample(labelText: string, _attributes: unknown, value: number): void {
    if (!this.kept || this.learning) return;
    const labels = labelText === '' ? this.targetLabels : `${labelText},${this.targetLabels}`;
    this.lines.push(`${this.name}{${labels}} ${value} ${this.timestamp}\n`);
  }

  histogram(): void {
    // Conversion histograms are not part of the history: no baseline reads them.
  }
}

/** The OpenMetrics end marker. */
export const openMetricsEnd = '# EOF\n';
