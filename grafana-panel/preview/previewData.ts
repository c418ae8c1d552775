/**
 * The two panels of the generated dashboard (a funnel, live activity) against a live Prometheus,
 * run as Grafana runs them: the contract's panel queries with their query settings, planned,
 * framed and sampled by the host's Grafana steps (`host/grafana`), so the preview shows what a
 * Grafana would, exemplar sampling included.
 */
import {
  funnelPanelQueries,
  livePanelMaxDataPoints,
  livePanelQueries,
  type PanelQuery,
} from '@nowcast/otel-exporter/contract';
import type { PanelRenderSpec } from '../host/client/types';
import { promTarget } from '../host/grafana/promRequests';
import { httpFetcher, runQueries } from '../host/grafana/runQueries';
import type { PromDatasource, RangeSpec } from '../host/grafana/types';
import { roleOptions } from '../src/options/queryRoles';

export interface PreviewDataOptions {
  readonly prometheusUrl: string;
  /** Metric namespace of the exporter (default `product`). */
  readonly namespace: string;
  /** The funnel to draw (a `funnel` label value). */
  readonly funnel: string;
  /** The dashboard's time range for the funnel, as a PromQL duration; its baseline is the range before it. */
  readonly range: string;
  /** Active-user scope and window to show; empty for the first series found. */
  readonly scope: string;
  readonly window: string;
  readonly theme: 'light' | 'dark';
  /** The live panel's time range, in seconds. */
  readonly liveWindowSeconds: number;
}

/** The demo's Prometheus data source: 5 s scrapes, as the demo's Prometheus runs. */
const datasource: PromDatasource = { scrapeInterval: '5s' };
/** Grafana's max data points for a panel of the preview's width. */
const panelWidth = 640;

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

function lastSeconds(seconds: number, now: number): RangeSpec {
  return { from: now - seconds * 1000, to: now, raw: { from: `now-${seconds}s`, to: 'now' } };
}

/** One panel's spec from its queries; an unreachable Prometheus is the panel's error, as in Grafana. */
async function panelSpec(
  options: PreviewDataOptions,
  queries: readonly PanelQuery[],
  range: RangeSpec,
  maxDataPoints: number
): Promise<PanelRenderSpec['scene']> {
  const targets = queries.map(promTarget);
  const response = await runQueries(
    targets,
    { from: range.from, to: range.to, maxDataPoints },
    datasource,
    httpFetcher(options.prometheusUrl)
  );
  return { targets, response, datasource, range };
}

/** Both panels' specs from one round of queries. */
export async function previewSpecs(options: PreviewDataOptions, now = Date.now()): Promise<PanelRenderSpec[]> {
  const common = { theme: options.theme, width: panelWidth, height: 400 };
  const funnelQueries = funnelPanelQueries(options.namespace, { funnel: options.funnel, baselineAgo: options.range });
  const liveQueries = livePanelQueries(options.namespace, { scope: options.scope, window: options.window });
  const [funnel, live] = await Promise.all([
    panelSpec(options, funnelQueries, lastSeconds(rangeSeconds(options.range), now), panelWidth),
    panelSpec(options, liveQueries, lastSeconds(options.liveWindowSeconds, now), livePanelMaxDataPoints),
  ]);
  return [
    {
      ...common,
      target: 'funnel',
      title: `Funnel “${options.funnel}” · last ${options.range} vs the ${options.range} before`,
      state: 'Done' as PanelRenderSpec['state'],
      options: { mode: 'funnel', ...roleOptions(funnelQueries) },
      scene: funnel,
    },
    {
      ...common,
      target: 'live',
      title: 'Live activity',
      state: 'Streaming' as PanelRenderSpec['state'],
      options: { mode: 'live', ...roleOptions(liveQueries), feedLength: 15 },
      scene: live,
    },
  ];
}
