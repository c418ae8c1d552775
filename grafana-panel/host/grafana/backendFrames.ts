/**
 * Prometheus answers → the frames Grafana's Prometheus backend returns, as JSON on the wire.
 * Reproduced from grafana/grafana:
 * - `pkg/promlib/converter/prom.go` (`readMatrixOrVectorMulti`, `readLabelsOrExemplars`), with
 *   the dataplane flag on, as in Grafana 12: one frame per series (Time, Value with the series
 *   labels; `numeric-multi` for instant results, `timeseries-multi` for range results; the value
 *   field named by `__name__` when the series has one); one frame per series of exemplars;
 * - `pkg/promlib/querydata/response.go` (`parseResponse`, `addMetadataToMultiFrame`,
 *   `processExemplars`, `getName`): the time field carries the step as `config.interval`; the value
 *   field the legend (or the series' selector text) as `displayNameFromDS`; an empty answer of a
 *   query without exemplars still yields one empty frame; exemplars go through the sampler
 *   (`exemplarSampler.ts`) into one frame;
 * - an error answer becomes the query's error, `<errorType>: <error>`.
 */
import { exemplarFrame, StandardDeviationSampler, type Exemplar } from './exemplarSampler';
import type { PlannedRequest } from './promRequests';
import type { PromLabels, PromResponse, PromSample } from './types';
import { toWire, type WireFrame } from './wireFrame';
import type { DataFrameJSON } from '@grafana/data';

export interface BackendAnswer {
  readonly frames: DataFrameJSON[];
  readonly error?: string;
}

const metricNameLabel = '__name__';

/** `metricNameFromLabels`: `name{a="x", b="y"}` with sorted labels, as Prometheus prints a series. */
function seriesText(labels: PromLabels): string {
  const name = labels[metricNameLabel];
  const pairs = Object.keys(labels)
    .filter((key) => key !== metricNameLabel)
    .sort()
    .map((key) => `${key}=${JSON.stringify(labels[key])}`);
  if (pairs.length === 0) {
    return name ?? '{}';
  }
  return `${name ?? ''}{${pairs.join(', ')}}`;
}

/** `getName`: the legend with `{{label}}` filled in, else the series text, else the expression. */
function displayName(request: PlannedRequest, labels: PromLabels): string {
  let legend = seriesText(labels);
  if (request.legendFormat === '__auto') {
    legend = Object.keys(labels).length > 0 ? '' : legend;
  } else if (request.legendFormat !== undefined && request.legendFormat !== '') {
    legend = request.legendFormat.replace(/\{\{\s*(.+?)\s*\}\}/g, (_, label: string) => labels[label] ?? '');
  }
  return legend === '{}' ? request.expr : legend;
}

function seriesFrame(
  request: PlannedRequest,
  resultType: 'vector' | 'matrix',
  labels: PromLabels,
  samples: readonly PromSample[]
): WireFrame {
  const name = displayName(request, labels);
  return {
    refId: request.refId,
    meta: {
      type: resultType === 'vector' ? 'numeric-multi' : 'timeseries-multi',
      typeVersion: [0, 1],
      custom: { resultType },
    },
    fields: [
      {
        name: 'Time',
        type: 'time',
        config: { interval: request.stepMs },
        values: samples.map(([at]) => Math.trunc(at * 1000)),
      },
      {
        name: labels[metricNameLabel] ?? 'Value',
        type: 'number',
        labels: { ...labels },
        config: name === '' ? {} : { displayNameFromDS: name },
        values: samples.map(([, value]) => parseSample(value)),
      },
    ],
  };
}

/** Prometheus writes NaN and ±Inf as strings; Go's ParseFloat reads them. */
function parseSample(value: string): number {
  return /^[+-]?inf(inity)?$/i.test(value) ? (value.startsWith('-') ? -Infinity : Infinity) : Number(value);
}

function sampledExemplars(
  request: PlannedRequest,
  series: ReadonlyArray<{
    seriesLabels: PromLabels;
    exemplars: ReadonlyArray<{ labels: PromLabels; value: string; timestamp: number }>;
  }>
): WireFrame | undefined {
  const sampler = new StandardDeviationSampler(request.stepMs);
  const labelNames = new Set<string>();
  for (const { seriesLabels, exemplars } of series) {
    Object.keys(seriesLabels).forEach((name) => labelNames.add(name));
    // An exemplar frame has a string field per label any of its exemplars carries; rows without it hold "".
    const fieldNames = [...new Set(exemplars.flatMap((exemplar) => Object.keys(exemplar.labels)))];
    fieldNames.forEach((name) => labelNames.add(name));
    for (const exemplar of exemplars) {
      const labels: Record<string, string> = {};
      for (const name of fieldNames) {
        labels[name] = exemplar.labels[name] ?? '';
      }
      const sample: Exemplar = {
        timestamp: Math.trunc(exemplar.timestamp * 1000),
        value: parseSample(exemplar.value),
        seriesLabels,
        labels,
      };
      sampler.add(sample);
    }
  }
  return exemplarFrame(request.refId, { custom: { resultType: 'exemplar' } }, sampler.sample(), labelNames);
}

export function backendFrames(request: PlannedRequest, response: PromResponse): BackendAnswer {
  if (response.status === 'error') {
    return { frames: [], error: `${response.errorType}: ${response.error}` };
  }
  const frames: WireFrame[] = [];
  const data = response.data;
  if (Array.isArray(data)) {
    const frame = sampledExemplars(request, data);
    if (frame !== undefined) {
      frames.push(frame);
    }
  } else if ('resultType' in data) {
    if (data.resultType === 'vector') {
      frames.push(...data.result.map((series) => seriesFrame(request, 'vector', series.metric, [series.value])));
    } else {
      frames.push(...data.result.map((series) => seriesFrame(request, 'matrix', series.metric, series.values)));
    }
  }
  if (frames.length === 0 && !request.exemplarQuery) {
    frames.push({ refId: request.refId, meta: {}, fields: [] });
  }
  return { frames: frames.map(toWire) };
}
