/**
 * What Grafana's frontend does with the backend's frames before a panel sees them, reproduced
 * from grafana/grafana (runs wherever @grafana/data runs: the host page, jest):
 * - `packages/grafana-prometheus/src/result_transformer.ts` (`transformV2`, `transformDFToTable`):
 *   queries in table format become one frame per query (Time, a column per label, `Value`, or
 *   `Value #<refId>` when several queries are tables), one row per sample; exemplar frames get
 *   the data source's trace links and `dataTopic: annotations`; other frames are marked
 *   `preferredVisualisationType: graph`. (Heatmaps and the `__auto` legend migration are left out:
 *   no Nowcast query uses them.)
 * - `public/app/features/query/state/runRequest.ts` (`processResponsePacket`): frames with
 *   `dataTopic: annotations` go to `data.annotations`, the rest to `data.series`; a query error
 *   sets the state to Error.
 * - `public/app/features/query/state/PanelQueryRunner.ts`: `applyFieldOverrides` with the panel's
 *   field config on the series, and with an empty field config on the annotations; links read
 *   their values through the template service (`templateVariables.ts`).
 */
import {
  applyFieldOverrides,
  DataTopic,
  FieldType,
  LoadingState,
  sortDataFrame,
  toDataFrame,
  type DataFrame,
  type DataLink,
  type DataQueryError,
  type Field,
  type FieldConfigSource,
  type GrafanaTheme2,
  type PanelData,
  type TimeRange,
} from '@grafana/data';
import { replaceVariables } from './templateVariables';
import type { ExemplarTraceIdDestination, GrafanaResponse, PromTarget } from './types';

function isTableResult(frame: DataFrame, targets: readonly PromTarget[]): boolean {
  return targets.find((target) => target.refId === frame.refId)?.format === 'table';
}

function parseSampleValue(value: unknown): number {
  if (typeof value === 'number') {
    return value;
  }
  const text = String(value);
  return /^[+-]?inf(?:inity)?$/i.test(text) ? (text.startsWith('-') ? -Infinity : Infinity) : parseFloat(text);
}

/** `transformDFToTable`. */
export function framesToTables(frames: readonly DataFrame[]): DataFrame[] {
  if (frames.length === 0 || (frames.length === 1 && frames[0]!.length === 0)) {
    return [...frames];
  }
  const byRefId = new Map<string, DataFrame[]>();
  for (const frame of frames) {
    const refId = frame.refId ?? '';
    byRefId.set(refId, [...(byRefId.get(refId) ?? []), frame]);
  }
  return [...byRefId].map(([refId, group]) => {
    const timeField: Field = { name: 'Time', type: FieldType.time, config: {}, values: [] };
    const valueField: Field = {
      name: byRefId.size > 1 ? `Value #${refId}` : 'Value',
      type: FieldType.number,
      config: {},
      values: [],
    };
    const labelFields: Field[] = [];
    for (const frame of group) {
      for (const label of Object.keys(frame.fields[1]?.labels ?? {}).sort()) {
        if (!labelFields.some((field) => field.name === label)) {
          labelFields.push({ name: label, config: { filterable: true }, type: FieldType.string, values: [] });
        }
      }
    }
    let previousTime = -Infinity;
    let needsSort = false;
    for (const frame of group) {
      timeField.config.interval ??= frame.fields[0]?.config.interval;
      for (const time of frame.fields[0]?.values ?? []) {
        timeField.values.push(time);
        needsSort ||= time < previousTime;
        previousTime = time;
      }
      const labels = frame.fields[1]?.labels ?? {};
      for (const value of frame.fields[1]?.values ?? []) {
        valueField.values.push(parseSampleValue(value));
        labelFields.forEach((field) => field.values.push(labels[field.name] ?? ''));
      }
    }
    const table: DataFrame = {
      refId,
      fields: [timeField, ...labelFields, valueField],
      meta: { ...group[0]!.meta, preferredVisualisationType: 'rawPrometheus' },
      length: timeField.values.length,
    };
    return needsSort ? sortDataFrame(table, 0) : table;
  });
}

/** `getDataLinks` for a URL destination (internal links to a tracing data source need Grafana's data source service). */
function traceLinks(destination: ExemplarTraceIdDestination): DataLink[] {
  return destination.url === undefined
    ? []
    : [{ title: destination.urlDisplayLabel || `Go to ${destination.url}`, url: destination.url, targetBlank: true }];
}

/** `transformV2`: series first, then tables, then exemplars. */
export function transformPrometheusFrames(
  frames: readonly DataFrame[],
  targets: readonly PromTarget[],
  destinations: readonly ExemplarTraceIdDestination[] = []
): DataFrame[] {
  const tables = framesToTables(frames.filter((frame) => isTableResult(frame, targets)));
  const rest = frames.filter((frame) => !isTableResult(frame, targets));
  const isExemplar = (frame: DataFrame) => frame.meta?.custom?.resultType === 'exemplar';
  const exemplars = rest.filter(isExemplar).map((frame): DataFrame => {
    for (const destination of destinations) {
      const traceField = frame.fields.find((field) => field.name === destination.name);
      if (traceField !== undefined) {
        traceField.config.links = [...(traceField.config.links ?? []), ...traceLinks(destination)];
      }
    }
    return { ...frame, meta: { ...frame.meta, dataTopic: DataTopic.Annotations } };
  });
  const series = rest
    .filter((frame) => !isExemplar(frame))
    .map((frame): DataFrame => ({ ...frame, meta: { ...frame.meta, preferredVisualisationType: 'graph' } }));
  return [...series, ...tables, ...exemplars];
}

export interface PanelDataInputs {
  readonly response: GrafanaResponse;
  readonly targets: readonly PromTarget[];
  readonly destinations?: readonly ExemplarTraceIdDestination[];
  readonly fieldConfig: FieldConfigSource;
  readonly theme: GrafanaTheme2;
  readonly timeRange: TimeRange;
  readonly timeZone: string;
  /** Done, or Streaming for a live panel. */
  readonly state: LoadingState;
}

/** The PanelData a panel receives for a response. */
export function toPanelData(inputs: PanelDataInputs): PanelData {
  const decoded = inputs.response.frames.map((json) => toDataFrame(json));
  const frames = transformPrometheusFrames(decoded, inputs.targets, inputs.destinations);
  const series = frames.filter((frame) => frame.meta?.dataTopic !== DataTopic.Annotations);
  const annotations = frames.filter((frame) => frame.meta?.dataTopic === DataTopic.Annotations);
  const errors: DataQueryError[] = inputs.response.errors.map((error) => ({
    refId: error.refId,
    message: error.message,
  }));
  const overrides = { replaceVariables, theme: inputs.theme, timeZone: inputs.timeZone };
  return {
    state: errors.length > 0 ? LoadingState.Error : inputs.state,
    series: applyFieldOverrides({ data: series, fieldConfig: inputs.fieldConfig, ...overrides }),
    annotations: applyFieldOverrides({ data: annotations, fieldConfig: { defaults: {}, overrides: [] }, ...overrides }),
    timeRange: inputs.timeRange,
    ...(errors.length > 0 ? { errors, error: errors[0] } : {}),
  };
}
