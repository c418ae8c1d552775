/**
 * OTLP/HTTP JSON logs (`ExportLogsServiceRequest`) decoded into what the pipeline records. Pure:
 * no I/O, so the standalone service and its tests share it.
 */

export interface DecodedLogRecord {
  readonly name: unknown;
  readonly attributes: Record<string, unknown>;
  readonly timestampMs: number;
  readonly traceId: string | undefined;
  readonly spanId: string | undefined;
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** An OTLP AnyValue as a plain value (arrays and key-value lists become arrays and objects). */
export function anyValue(value: unknown): unknown {
  if (!isObject(value)) return undefined;
  if ('stringValue' in value) return value.stringValue;
  if ('boolValue' in value) return value.boolValue;
  // int64 travels as a string in OTLP JSON.
  if ('intValue' in value) return Number(value.intValue);
  if ('doubleValue' in value) return value.doubleValue;
  if ('bytesValue' in value) return value.bytesValue;
  if (isObject(value.arrayValue)) return list(value.arrayValue.values).map(anyValue);
  if (isObject(value.kvlistValue)) return keyValues(value.kvlistValue.values);
  return undefined;
}

function keyValues(values: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const entry of list(values)) {
    if (isObject(entry) && typeof entry.key === 'string') out[entry.key] = anyValue(entry.value);
  }
  return out;
}

/** Nanoseconds (a decimal string or a number) to milliseconds; 0 or absent is "not set". */
function nanosToMs(value: unknown): number | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const nanos = Number(value);
  return Number.isFinite(nanos) && nanos > 0 ? nanos / 1e6 : undefined;
}

/** Trace and span ids are lowercase hex in OTLP JSON; all zeros means none. */
function hexId(value: unknown, length: number): string | undefined {
  if (typeof value !== 'string') return undefined;
  const id = value.toLowerCase();
  return id.length === length && /^[0-9a-f]+$/.test(id) && !/^0+$/.test(id) ? id : undefined;
}

/**
 * Calls `visit` for each log record of the request. Returns an error message when the body is not
 * an ExportLogsServiceRequest at all (the caller answers 400).
 */
export function forEachLogRecord(
  body: unknown,
  nowMs: number,
  visit: (record: DecodedLogRecord) => void
): string | undefined {
  if (!isObject(body) || !Array.isArray(body.resourceLogs)) {
    return 'expected an OTLP ExportLogsServiceRequest: an object with a resourceLogs array';
  }
  for (const resourceLogs of body.resourceLogs) {
    if (!isObject(resourceLogs)) continue;
    for (const scopeLogs of list(resourceLogs.scopeLogs)) {
      if (!isObject(scopeLogs)) continue;
      for (const record of list(scopeLogs.logRecords)) {
        if (!isObject(record)) continue;
        const attributes = keyValues(record.attributes);
        visit({
          name: record.eventName !== undefined && record.eventName !== '' ? record.eventName : attributes['event.name'],
          attributes,
          timestampMs: nanosToMs(record.timeUnixNano) ?? nanosToMs(record.observedTimeUnixNano) ?? nowMs,
          traceId: hexId(record.traceId, 32),
          spanId: hexId(record.spanId, 16),
        });
      }
    }
  }
  return undefined;
}
