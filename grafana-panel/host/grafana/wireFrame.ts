/**
 * Data frames as Grafana's backend builds them and as they travel to the browser: the frame JSON
 * of grafana-plugin-sdk-go (`data/frame_json.go`): a schema (names, types, labels, config, meta)
 * and columns of values, where NaN and ±Inf travel as `null` with their row listed under
 * `entities`, which @grafana/data's `dataFrameFromJSON` turns back into numbers.
 */
import type { DataFrameJSON, FieldType, FieldValueEntityLookup } from '@grafana/data';

/** A field while a frame is being built (plain arrays, Node-safe). */
export interface WireField {
  readonly name: string;
  readonly type: 'time' | 'number' | 'string';
  readonly values: Array<number | string | null>;
  labels?: Record<string, string>;
  config: Record<string, unknown>;
}

export interface WireFrame {
  refId: string;
  name?: string;
  meta: Record<string, unknown>;
  fields: WireField[];
}

type Entity = 'NaN' | 'Inf' | 'NegInf';

function entitiesOf(values: ReadonlyArray<number | string | null>): {
  values: Array<number | string | null>;
  entities: FieldValueEntityLookup | null;
} {
  const entities: FieldValueEntityLookup = {};
  const encoded = values.map((value, row) => {
    if (typeof value !== 'number' || Number.isFinite(value)) {
      return value;
    }
    const key: Entity = Number.isNaN(value) ? 'NaN' : value > 0 ? 'Inf' : 'NegInf';
    (entities[key] ??= []).push(row);
    return null;
  });
  return { values: encoded, entities: Object.keys(entities).length === 0 ? null : entities };
}

/** The frame as JSON on the wire. */
export function toWire(frame: WireFrame): DataFrameJSON {
  const columns = frame.fields.map((field) => entitiesOf(field.values));
  return {
    schema: {
      refId: frame.refId,
      ...(frame.name === undefined ? {} : { name: frame.name }),
      meta: frame.meta,
      fields: frame.fields.map((field) => ({
        name: field.name,
        type: field.type as FieldType,
        config: field.config,
        ...(field.labels === undefined ? {} : { labels: field.labels }),
      })),
    },
    data: {
      values: columns.map((column) => column.values),
      ...(columns.some((column) => column.entities !== null)
        ? { entities: columns.map((column) => column.entities) }
        : {}),
    },
  };
}
