import { recordAttributes, type ScriptedEvent } from './shopTraffic';

/** OTLP/JSON building blocks, written by hand so a test can bend any part of a request. */

export const keyValue = (key: string, value: unknown) => ({ key, value });
export const stringAttribute = (key: string, value: string) => keyValue(key, { stringValue: value });

function anyValueOf(value: string | number): Record<string, unknown> {
  if (typeof value === 'string') return { stringValue: value };
  // int64 travels as a decimal string in OTLP/JSON.
  return Number.isInteger(value) ? { intValue: String(value) } : { doubleValue: value };
}

/** One log record carrying a scripted event, timed `timeMs`. */
export function logRecordOf(event: ScriptedEvent, timeMs = Date.now()): Record<string, unknown> {
  return {
    timeUnixNano: String(BigInt(Math.round(timeMs)) * 1_000_000n),
    eventName: event.name,
    attributes: Object.entries(recordAttributes(event)).map(([key, value]) => keyValue(key, anyValueOf(value))),
  };
}

/** An ExportLogsServiceRequest holding `records` under one resource and scope. */
export function exportRequest(records: readonly unknown[]): Record<string, unknown> {
  return {
    resourceLogs: [
      {
        resource: { attributes: [stringAttribute('service.name', 'ingest-tests')] },
        scopeLogs: [{ scope: { name: 'ingest-tests' }, logRecords: records }],
      },
    ],
  };
}

/** The JSON body of scripted events. */
export function exportBody(events: readonly ScriptedEvent[]): string {
  return JSON.stringify(exportRequest(events.map((event) => logRecordOf(event))));
}
