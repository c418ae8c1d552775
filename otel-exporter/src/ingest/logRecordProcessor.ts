import { isSpanContextValid } from '@opentelemetry/api';
import type { LogRecordProcessor, SdkLogRecord } from '@opentelemetry/sdk-logs';
import type { EventPipeline } from './eventPipeline';
import { eventNameAttribute } from './identity';

/**
 * The OTel sdk-logs adapter: every log record with an event name (`eventName`, or the older
 * `event.name` attribute) is a product event. Records without one are ordinary logs and are
 * left alone. Never throws into the emitting code.
 */
export class NowcastLogRecordProcessor implements LogRecordProcessor {
  /** Set on every record seen; `track()` reads it to know whether its record arrived here. */
  seen = 0;

  constructor(private readonly pipeline: EventPipeline) {}

  onEmit(logRecord: SdkLogRecord): void {
    try {
      this.seen++;
      const attributes = logRecord.attributes;
      const name = logRecord.eventName ?? attributes[eventNameAttribute];
      if (name === undefined) return;
      const [seconds, nanos] = logRecord.hrTime;
      const span = logRecord.spanContext;
      const traced = span !== undefined && isSpanContextValid(span);
      this.pipeline.record(
        name,
        attributes,
        seconds * 1000 + nanos / 1e6,
        traced ? span.traceId : undefined,
        traced ? span.spanId : undefined
      );
    } catch {
      // Reading a hostile record failed before the pipeline could count it.
      this.pipeline.self.drop('internal_error');
    }
  }

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}
