/**
 * The Calculation option: which of Grafana's standard reducers turns a series' values into the one
 * number the panel draws. `lastNotNull` ("Last *") is right for the dashboard's queries, instant or
 * range, of `increase(…[$__range])`: each point already counts the whole range up to its time.
 * `sum` ("Total") is right for range queries of `increase(…[$__interval])`, whose points count
 * one step each. NaN and null never count (Grafana's reducers skip them); a series without one
 * finite value has no value at all.
 */
import { fieldReducers, FieldType, ReducerID, reduceField, type Field } from '@grafana/data';

/** The reducers offered: those that keep the series' unit, so a count stays a count. */
export const calculationIds: readonly string[] = [
  ReducerID.lastNotNull,
  ReducerID.last,
  ReducerID.firstNotNull,
  ReducerID.first,
  ReducerID.sum,
  ReducerID.mean,
  ReducerID.median,
  ReducerID.min,
  ReducerID.max,
  ReducerID.delta,
  ReducerID.diff,
  ReducerID.range,
];

export function calculationOptions(): Array<{ value: string; label: string; description?: string }> {
  return fieldReducers
    .list([...calculationIds])
    .map((reducer) => ({ value: reducer.id, label: reducer.name, description: reducer.description }));
}

export function calculationName(id: string): string {
  return fieldReducers.getIfExists(id)?.name ?? id;
}

/** The field's value under the reducer, or undefined when the field holds no finite number. */
export function reduceToNumber(field: Field, calculation: string): number | undefined {
  const id = calculationIds.includes(calculation) ? calculation : ReducerID.lastNotNull;
  const calcs = reduceField({ field, reducers: [id, ReducerID.allIsNull] });
  const value: unknown = calcs[id];
  return calcs[ReducerID.allIsNull] === true || typeof value !== 'number' || !Number.isFinite(value)
    ? undefined
    : value;
}

/** The row a reduced value is shown for (units, links): the last row holding a finite number. */
export function lastFiniteRow(field: Field): number {
  for (let row = field.values.length - 1; row >= 0; row--) {
    const value: unknown = field.values[row];
    if (typeof value === 'number' && Number.isFinite(value)) {
      return row;
    }
  }
  return Math.max(0, field.values.length - 1);
}

/** A number field holding some rows of another, for reducing one series of a long table. */
export function rowsOf(field: Field, rows: readonly number[]): Field {
  return { ...field, type: FieldType.number, values: rows.map((row) => field.values[row]), state: undefined };
}
