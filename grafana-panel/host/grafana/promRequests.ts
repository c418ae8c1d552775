/**
 * The HTTP requests Grafana sends Prometheus for a panel's queries. Reproduced from grafana/grafana:
 * - `processTargetV2` in `packages/grafana-prometheus/src/datasource.ts`: "Both" becomes a range
 *   query under the refId and an instant one under `<refId>-Instant`, without exemplars;
 * - `Parse` in `pkg/promlib/models/query.go`: neither instant nor range means range; the step and
 *   the interpolated expression (see `interval.ts`);
 * - `QueryRange`, `QueryInstant`, `QueryExemplars` in `pkg/promlib/client/client.go`: range and
 *   exemplar queries over the range aligned down to the step, instant queries at its end.
 */
import { alignToStep, frontendIntervalMs, interpolateVariables, prometheusStepMs, type StepInputs } from './interval';
import type { PanelQuery } from '@nowcast/otel-exporter/contract';
import type { PanelQueryOptions, PromDatasource, PromTarget } from './types';

/** `InstantQueryRefIdIndex`: the suffix of the instant half of a "Both" query. */
export const instantRefIdSuffix = '-Instant';

export type PlannedKind = 'instant' | 'range' | 'exemplars';

export interface PlannedRequest {
  /** The refId the answer's frames carry (`A`, or `A-Instant` for the instant half of "Both"). */
  readonly refId: string;
  readonly kind: PlannedKind;
  readonly path: '/api/v1/query' | '/api/v1/query_range' | '/api/v1/query_exemplars';
  readonly params: Readonly<Record<string, string>>;
  /** The step Grafana chose; the exemplar sampler buckets by it and frames carry it. */
  readonly stepMs: number;
  /** Whether the query asked for exemplars (an empty answer then adds no placeholder frame). */
  readonly exemplarQuery: boolean;
  readonly legendFormat: string | undefined;
  readonly expr: string;
}

/** `formatTime`: unix seconds with the fraction Go prints. */
function seconds(ms: number): string {
  return String(ms / 1000);
}

/** The requests for one query of the panel, in the order Grafana runs them. */
export function planRequests(
  target: PromTarget,
  panel: PanelQueryOptions,
  datasource: PromDatasource
): PlannedRequest[] {
  if (target.hide === true) {
    return [];
  }
  const halves: PromTarget[] =
    target.instant === true && target.range === true
      ? [
          { ...target, instant: false },
          { ...target, refId: `${target.refId}${instantRefIdSuffix}`, range: false, exemplar: false },
        ]
      : [target];
  return halves.flatMap((half) => planHalf(half, panel, datasource));
}

function planHalf(target: PromTarget, panel: PanelQueryOptions, datasource: PromDatasource): PlannedRequest[] {
  const range = { from: panel.from, to: panel.to };
  const inputs: StepInputs = {
    range,
    maxDataPoints: panel.maxDataPoints,
    minStep: target.interval,
    intervalMs: frontendIntervalMs(range, panel.maxDataPoints, panel.minInterval ?? datasource.scrapeInterval),
    scrapeInterval: datasource.scrapeInterval,
  };
  const stepMs = prometheusStepMs(inputs);
  const expr = interpolateVariables(target.expr, inputs, stepMs);
  const start = seconds(alignToStep(range.from, stepMs));
  const end = seconds(alignToStep(range.to, stepMs));
  const common = {
    refId: target.refId,
    stepMs,
    exemplarQuery: target.exemplar === true,
    legendFormat: target.legendFormat,
    expr,
  };
  const isRange = target.range === true || target.instant !== true;
  const requests: PlannedRequest[] = [];
  if (target.instant === true) {
    requests.push({
      ...common,
      kind: 'instant',
      path: '/api/v1/query',
      params: { query: expr, time: seconds(range.to) },
    });
  }
  if (isRange) {
    requests.push({
      ...common,
      kind: 'range',
      path: '/api/v1/query_range',
      params: { query: expr, start, end, step: String(stepMs / 1000) },
    });
  }
  if (target.exemplar === true) {
    requests.push({
      ...common,
      kind: 'exemplars',
      path: '/api/v1/query_exemplars',
      params: { query: expr, start, end },
    });
  }
  return requests;
}

/** A Nowcast panel query as the dashboard saves it (its min step is the target's `interval`). */
export function promTarget(query: PanelQuery): PromTarget {
  return {
    refId: query.refId,
    expr: query.expr,
    instant: query.instant,
    range: query.range,
    exemplar: query.exemplar,
    ...(query.minStep === undefined ? {} : { interval: query.minStep }),
  };
}
