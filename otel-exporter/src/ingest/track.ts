import { context, isSpanContextValid, trace } from '@opentelemetry/api';
import { logs, type AnyValueMap, type LoggerProvider } from '@opentelemetry/api-logs';
import type { AnalyticsSpec } from '../spec/model';
import type { EventPipeline } from './eventPipeline';
import { defaultIdentityAttributes, type IdentityAttributes } from './identity';
import type { NowcastLogRecordProcessor } from './logRecordProcessor';

export interface TrackOptions {
  readonly userId?: string;
  readonly anonymousId?: string;
  /** Declared properties by attribute name; others are ignored. */
  readonly properties?: Readonly<Record<string, string | number | boolean>>;
  /** The event's value (its spec `value.field`). */
  readonly value?: number;
  /** When it happened: epoch milliseconds or a Date; defaults to now. */
  readonly timestamp?: number | Date;
}

export type Track = (event: string, options?: TrackOptions) => void;

const instrumentationScope = '@nowcast/otel-exporter';

/**
 * `track()` emits an OTel log record (eventName + attributes) through the given LoggerProvider, or
 * the global one `NodeSDK` registers, so tracked events take the same path as any log record and
 * reach every log exporter too. When that provider does not feed our processor (no SDK yet, or a
 * provider without it), the event is recorded directly, so it is never lost.
 */
export function createTrack(
  spec: AnalyticsSpec,
  pipeline: EventPipeline,
  processor: NowcastLogRecordProcessor,
  loggerProvider: LoggerProvider | (() => LoggerProvider) | undefined,
  identity: IdentityAttributes = defaultIdentityAttributes
): Track {
  const valueFields = new Map(spec.events.map((e) => [e.name, e.value?.field]));
  const [userAttribute = 'user.id'] = identity.user;
  const [anonymousAttribute = 'anonymous.id'] = identity.anonymous;
  return (event, options = {}) => {
    try {
      const attributes: AnyValueMap = { ...options.properties };
      if (options.userId !== undefined) attributes[userAttribute] = options.userId;
      if (options.anonymousId !== undefined) attributes[anonymousAttribute] = options.anonymousId;
      const valueField = valueFields.get(event);
      if (valueField !== undefined && options.value !== undefined) attributes[valueField] = options.value;
      const timestamp = options.timestamp instanceof Date ? options.timestamp.getTime() : options.timestamp;
      if (timestamp !== undefined && (!Number.isFinite(timestamp) || timestamp <= 0)) {
        // OTel would turn a bad time into a bad record; count it here with its reason instead.
        pipeline.record(event, attributes, NaN);
        return;
      }
      const provider =
        typeof loggerProvider === 'function' ? loggerProvider() : (loggerProvider ?? logs.getLoggerProvider());
      const logger = provider.getLogger(instrumentationScope);
      const before = processor.seen;
      logger.emit({ eventName: event, timestamp, attributes });
      if (processor.seen === before) {
        const span = trace.getSpanContext(context.active());
        const traced = span !== undefined && isSpanContextValid(span);
        pipeline.record(
          event,
          attributes,
          timestamp ?? Date.now(),
          traced ? span.traceId : undefined,
          traced ? span.spanId : undefined
        );
      }
    } catch {
      pipeline.self.drop('internal_error');
    }
  };
}
