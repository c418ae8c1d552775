import { grown } from '../aggregate/growable';
import { scraperBits, unseenByAll, type MetricSink } from './metricSink';

/**
 * Which scrapers have not collected each series yet (a bit per scraper), so every scraper sees a
 * new series at 0 once before its value: Prometheus then counts its first burst.
 */
export class FirstExposure {
  private unseen = new Uint8Array(0);
  private pending = 0;

  /** A series was created (or reset for a new label value): unseen by every scraper. */
  created(series: number): void {
    this.unseen = grown(this.unseen, series + 1);
    this.unseen[series] = unseenByAll;
    this.pending++;
  }

  /** The value `sink` sees for a series: 0 while its scraper has not collected it. */
  visible(sink: MetricSink, series: number, value: number): number {
    if (sink.scraper === undefined || this.pending === 0) return value;
    return ((this.unseen[series] ?? 0) & scraperBits[sink.scraper]) === 0 ? value : 0;
  }

  /** Whether `sink` sees the series' real value (its exemplar goes with it). */
  seen(sink: MetricSink, series: number): boolean {
    return this.visible(sink, series, 1) === 1;
  }

  /** After a collection of `count` series: the sink's scraper has seen them all. */
  collected(sink: MetricSink, count: number): void {
    if (sink.scraper === undefined || this.pending === 0) return;
    const bit = scraperBits[sink.scraper];
    let pending = 0;
    for (let series = 0; series < count; series++) {
      const flags = (this.unseen[series] ?? 0) & ~bit;
      this.unseen[series] = flags;
      if (flags !== 0) pending++;
    }
    this.pending = pending;
  }

  /** The series at `from` now lives at `to` (a removal moved it). */
  moved(from: number, to: number): void {
    this.unseen[to] = this.unseen[from] ?? 0;
    this.unseen[from] = 0;
  }
}
