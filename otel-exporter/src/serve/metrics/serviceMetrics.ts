import { labelNames } from '../../contract/labels';
import { serviceFamilies, serviceLabelNames } from '../../contract/serviceFamilies';
import { labelPair } from '../../expose/labelText';
import type { MetricSink, MetricSource } from '../../expose/metricSink';
import { dropReasons, type DropReason } from '../../ingest/dropReasons';
import type { InFlight } from '../limits/inFlight';

/** The service's own counters: requests by route and answer, bytes received, records rejected. */
export class ServiceMetrics implements MetricSource {
  private readonly answers = new Map<string, { route: string; code: string; count: number }>();
  private readonly received = new Map<string, number>();
  private readonly rejected = new Map<DropReason, number>(dropReasons.map((reason) => [reason, 0]));

  constructor(private readonly inFlight: InFlight) {}

  answered(route: string, code: string | number): void {
    const key = `${route} ${code}`;
    const entry = this.answers.get(key);
    if (entry !== undefined) entry.count++;
    else this.answers.set(key, { route, code: String(code), count: 1 });
  }

  receivedBytes(route: string, bytes: number): void {
    this.received.set(route, (this.received.get(route) ?? 0) + bytes);
  }

  rejectedRecords(reasons: ReadonlyMap<DropReason, number>): void {
    for (const [reason, count] of reasons) this.rejected.set(reason, (this.rejected.get(reason) ?? 0) + count);
  }

  collect(sink: MetricSink): void {
    const { route, code } = serviceLabelNames;
    sink.family(serviceFamilies.requests);
    for (const answer of this.answers.values()) {
      sink.sample(
        `${labelPair(route, answer.route)},${labelPair(code, answer.code)}`,
        sink.wantsAttributes ? { [route]: answer.route, [code]: answer.code } : undefined,
        answer.count
      );
    }
    sink.family(serviceFamilies.requestsInFlight);
    sink.sample('', sink.wantsAttributes ? {} : undefined, this.inFlight.requests);
    sink.family(serviceFamilies.bytesInFlight);
    sink.sample('', sink.wantsAttributes ? {} : undefined, this.inFlight.bytes);
    sink.family(serviceFamilies.receivedBytes);
    for (const [path, bytes] of this.received) {
      sink.sample(labelPair(route, path), sink.wantsAttributes ? { [route]: path } : undefined, bytes);
    }
    sink.family(serviceFamilies.rejectedRecords);
    for (const [reason, count] of this.rejected) {
      sink.sample(
        labelPair(labelNames.reason, reason),
        sink.wantsAttributes ? { [labelNames.reason]: reason } : undefined,
        count
      );
    }
  }
}
