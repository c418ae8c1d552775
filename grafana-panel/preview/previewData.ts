/**
 * Runs the preview's queries against a live Prometheus (prometheus-query for instant and range
 * queries, the HTTP API for exemplars, which that client lacks) and turns the results into the
 * render specs of the two panels.
 */
import { PrometheusDriver } from 'prometheus-query';
import type { DataFrameDTO } from '@grafana/data';
import type { PanelRenderSpec } from '../host/client/types';
import { exemplarsToFrame, seriesToFrames, type PromExemplarSeries, type PromSeries } from './promFrames';
import { funnelQueries, liveQueries, type PreviewQuery, type PreviewQueryOptions } from './queries';

export interface PreviewDataOptions extends PreviewQueryOptions {
  readonly prometheusUrl: string;
  readonly theme: 'light' | 'dark';
  /** Seconds of history in the live view (sparkline, exemplars). */
  readonly liveWindowSeconds: number;
}

const rangeSeconds = (range: string): number => {
  const match = /^(\d+)(s|m|h|d|w)$/.exec(range);
  if (match === null) {
    throw new Error(`--range must be a PromQL duration like 15m or 1h, got "${range}".`);
  }
  return Number(match[1]) * { s: 1, m: 60, h: 3600, d: 86400, w: 604800 }[match[2] as 's' | 'm' | 'h' | 'd' | 'w'];
};

export function validateRange(range: string): number {
  return rangeSeconds(range);
}

async function runQuery(
  driver: PrometheusDriver,
  query: PreviewQuery,
  now: Date,
  windowSeconds: number
): Promise<DataFrameDTO[]> {
  const result =
    query.kind === 'instant'
      ? await driver.instantQuery(query.expr, now)
      : await driver.rangeQuery(
          query.expr,
          new Date(now.getTime() - windowSeconds * 1000),
          now,
          Math.max(1, Math.round(windowSeconds / 60))
        );
  return seriesToFrames(query.refId, result.result as PromSeries[]);
}

async function queryExemplars(
  prometheusUrl: string,
  expr: string,
  now: Date,
  windowSeconds: number
): Promise<PromExemplarSeries[]> {
  const end = now.getTime() / 1000;
  const params = new URLSearchParams({ query: expr, start: String(end - windowSeconds), end: String(end) });
  const response = await fetch(new URL(`/api/v1/query_exemplars?${params.toString()}`, prometheusUrl));
  const body = (await response.json()) as { status: string; data?: PromExemplarSeries[]; error?: string };
  if (body.status !== 'success') {
    throw new Error(`Prometheus refused the exemplar query ${expr}: ${body.error ?? response.status}`);
  }
  return body.data ?? [];
}

type SpecBase = Omit<PanelRenderSpec, 'state' | 'series'>;

/** Runs one panel's queries; a failure becomes the panel's error state, naming Prometheus's reason. */
async function specOrError(
  base: SpecBase,
  prometheusUrl: string,
  query: () => Promise<Pick<PanelRenderSpec, 'state' | 'series' | 'annotations'>>
): Promise<PanelRenderSpec> {
  try {
    return { ...base, ...(await query()) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // prometheus-query rejects with axios errors whose body holds Prometheus's own message.
    const detail = (error as { response?: { data?: { error?: string } } }).response?.data?.error;
    return {
      ...base,
      state: 'Error' as PanelRenderSpec['state'],
      series: [],
      errorMessage: `Querying Prometheus at ${prometheusUrl} failed: ${detail ?? message}`,
    };
  }
}

/** Builds both panels' specs from one round of queries; a failed query becomes that panel's error state. */
export async function previewSpecs(options: PreviewDataOptions, now = new Date()): Promise<PanelRenderSpec[]> {
  const driver = new PrometheusDriver({ endpoint: options.prometheusUrl, baseURL: '/api/v1' });
  const rangeMs = rangeSeconds(options.range) * 1000;
  const common = { theme: options.theme, timeRangeTo: now.getTime(), width: 640, height: 400 };

  const funnel = async (): Promise<PanelRenderSpec> => {
    const base: SpecBase = {
      ...common,
      target: 'funnel',
      title: `Funnel “${options.funnel}” · last ${options.range} vs the ${options.range} before`,
      rangeMs,
      options: { mode: 'funnel', comparisonRefId: 'B', timeToConvertRefId: 'C' },
    };
    return specOrError(base, options.prometheusUrl, async () => {
      const frames = await Promise.all(funnelQueries(options).map((q) => runQuery(driver, q, now, rangeMs / 1000)));
      return { state: 'Done' as PanelRenderSpec['state'], series: frames.flat() };
    });
  };

  const live = async (): Promise<PanelRenderSpec> => {
    const queries = liveQueries(options);
    const base: SpecBase = {
      ...common,
      target: 'live',
      title: 'Live activity',
      rangeMs: options.liveWindowSeconds * 1000,
      options: { mode: 'live', feedLength: 15 },
    };
    return specOrError(base, options.prometheusUrl, async () => {
      const [frames, exemplars] = await Promise.all([
        Promise.all(queries.series.map((q) => runQuery(driver, q, now, options.liveWindowSeconds))),
        queryExemplars(options.prometheusUrl, queries.exemplars, now, options.liveWindowSeconds),
      ]);
      const exemplarFrame = exemplarsToFrame('B', exemplars);
      return {
        state: 'Streaming' as PanelRenderSpec['state'],
        series: frames.flat(),
        annotations: exemplarFrame === undefined ? [] : [exemplarFrame],
      };
    });
  };

  return Promise.all([funnel(), live()]);
}
