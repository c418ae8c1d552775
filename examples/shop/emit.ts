import { context, trace, type Tracer } from '@opentelemetry/api';
import type { Logger } from '@opentelemetry/api-logs';
import type { ShopEvent } from './traffic/sessions';

/**
 * Emits one simulated shop event exactly as an instrumented app would: a log record with
 * `eventName`, the user identity attributes and the event's properties, inside a span of the
 * request that caused it (its ids become the exemplar's trace_id/span_id).
 */
export function emitShopEvent(logger: Logger, tracer: Tracer, event: ShopEvent): void {
  const span = tracer.startSpan(`shop ${event.name}`, { startTime: event.time });
  logger.emit({
    eventName: event.name,
    timestamp: event.time,
    context: trace.setSpan(context.active(), span),
    attributes: shopEventAttributes(event),
  });
  span.end(event.time);
}

/** The event's log-record attributes: its properties and value, and the OTel identity attributes. */
export function shopEventAttributes(event: ShopEvent): Record<string, string | number> {
  return {
    ...event.attributes,
    ...(event.userId === undefined ? {} : { 'user.id': event.userId }),
    ...(event.anonymousId === undefined ? {} : { 'anonymous.id': event.anonymousId }),
  };
}
