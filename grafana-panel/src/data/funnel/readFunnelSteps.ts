/**
 * Reads step counts out of the three shapes a Prometheus query gives a funnel panel:
 * 1. one series per step labelled `step`/`step_index` (time series or instant format);
 * 2. a table with a `step` column (and optionally `step_index`) and a value column;
 * 3. one query per step, ordered by refId.
 * Anything else is refused with the query to write instead.
 */
import { type DataFrame, type Field } from '@grafana/data';
import { labelNames } from '@nowcast/otel-exporter/contract';
import { findFieldByName, labelOf, lastNumber, lastNumberRow, numberFields, toIndex } from '../frames';

export type FunnelShape = 'series-per-step' | 'table' | 'query-per-step';

/** One value read for one step of one breakdown group. */
export interface StepObservation {
  readonly step: string;
  /** `step_index` when the data has it; steps without one keep the order they came in. */
  readonly stepIndex: number | undefined;
  /** Breakdown label value; '' when there is no breakdown. */
  readonly group: string;
  readonly value: number | undefined;
  /** The field and row the value came from, for units, thresholds and data links. */
  readonly field: Field;
  readonly row: number;
}

export type ReadStepsResult =
  | { readonly kind: 'ok'; readonly shape: FunnelShape; readonly observations: StepObservation[] }
  | { readonly kind: 'unsupported'; readonly message: string };

function fromLabelledSeries(frames: readonly DataFrame[], breakdownLabel: string): StepObservation[] {
  const observations: StepObservation[] = [];
  for (const frame of frames) {
    for (const field of numberFields(frame)) {
      const step = labelOf(field, labelNames.step);
      if (step === undefined) {
        continue;
      }
      observations.push({
        step,
        stepIndex: toIndex(labelOf(field, labelNames.stepIndex)),
        group: breakdownLabel === '' ? '' : (labelOf(field, breakdownLabel) ?? ''),
        value: lastNumber(field),
        field,
        row: lastNumberRow(field),
      });
    }
  }
  return observations;
}

/** The value column of a table: the last number field that is not `step_index`. */
function valueFieldOf(frame: DataFrame): Field | undefined {
  const candidates = numberFields(frame).filter((field) => field.name.toLowerCase() !== labelNames.stepIndex);
  return candidates[candidates.length - 1];
}

function fromTable(frame: DataFrame, stepField: Field, breakdownLabel: string): StepObservation[] | undefined {
  const valueField = valueFieldOf(frame);
  if (valueField === undefined) {
    return undefined;
  }
  const indexField = findFieldByName(frame, labelNames.stepIndex);
  const groupField = breakdownLabel === '' ? undefined : findFieldByName(frame, breakdownLabel);
  const observations: StepObservation[] = [];
  for (let row = 0; row < frame.length; row++) {
    const value: unknown = valueField.values[row];
    observations.push({
      step: String(stepField.values[row]),
      stepIndex: toIndex(indexField?.values[row]),
      group: groupField === undefined ? '' : String(groupField.values[row] ?? ''),
      value: typeof value === 'number' && Number.isFinite(value) ? value : undefined,
      field: valueField,
      row,
    });
  }
  return observations;
}

/** A step's name in the query-per-step shape: the legend (or display name), the frame name, else the refId. */
function queryStepName(field: Field, frame: DataFrame, refId: string): string {
  return field.config.displayName || field.config.displayNameFromDS || frame.name || refId;
}

function fromQueryPerStep(frames: readonly DataFrame[], breakdownLabel: string): StepObservation[] | undefined {
  const ordered = frames
    .map((frame, order) => ({ frame, order }))
    .sort((a, b) => (a.frame.refId ?? '').localeCompare(b.frame.refId ?? '') || a.order - b.order);
  const byRefId = new Map<string, Array<{ field: Field; frame: DataFrame }>>();
  for (const { frame } of ordered) {
    const refId = frame.refId ?? '';
    const fields = numberFields(frame).map((field) => ({ field, frame }));
    byRefId.set(refId, [...(byRefId.get(refId) ?? []), ...fields]);
  }
  const groupOf = (field: Field) => (breakdownLabel === '' ? '' : (labelOf(field, breakdownLabel) ?? ''));
  const observations: StepObservation[] = [];
  let position = 0;
  for (const [refId, fields] of byRefId) {
    if (new Set(fields.map(({ field }) => groupOf(field))).size !== fields.length) {
      // Several series in one query that the breakdown cannot tell apart: not "one query per step".
      return undefined;
    }
    const first = fields[0]!;
    const step = queryStepName(first.field, first.frame, refId);
    for (const { field } of fields) {
      observations.push({
        step,
        stepIndex: position,
        group: groupOf(field),
        value: lastNumber(field),
        field,
        row: lastNumberRow(field),
      });
    }
    position++;
  }
  return observations;
}

export function readFunnelSteps(
  frames: readonly DataFrame[],
  breakdownLabel: string,
  exampleQuery: string
): ReadStepsResult {
  const labelled = fromLabelledSeries(frames, breakdownLabel);
  if (labelled.length > 0) {
    return { kind: 'ok', shape: 'series-per-step', observations: labelled };
  }
  const tableFrame = frames.find((frame) => findFieldByName(frame, labelNames.step) !== undefined);
  if (tableFrame !== undefined) {
    const rows = fromTable(tableFrame, findFieldByName(tableFrame, labelNames.step)!, breakdownLabel);
    if (rows !== undefined) {
      return { kind: 'ok', shape: 'table', observations: rows };
    }
  }
  const perQuery = frames.every((frame) => numberFields(frame).length > 0)
    ? fromQueryPerStep(frames, breakdownLabel)
    : undefined;
  if (perQuery !== undefined && perQuery.length > 0) {
    return { kind: 'ok', shape: 'query-per-step', observations: perQuery };
  }
  return {
    kind: 'unsupported',
    message:
      `The funnel needs one value per step, but the query returned series without a \`${labelNames.step}\` label ` +
      `(or several unlabelled series in one query). Write one query that returns a series per step: ` +
      `${exampleQuery} — or a table with a "${labelNames.step}" column, or one query per step in refId order.`,
  };
}
