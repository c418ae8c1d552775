/**
 * Panels rendered from fixed Prometheus answers through Grafana's data steps (`grafana/`): the
 * loader test's cases, the plugin's screenshots and the bench all draw these, so what is
 * measured and shown is what is tested. The funnel and live panels run the generated
 * dashboard's queries (the contract's `funnelPanelQueries`, `livePanelQueries`).
 */
import {
  defaultNamespace,
  funnelPanelQueries,
  livePanelMaxDataPoints,
  livePanelQueries,
  overflowValue,
} from '@nowcast/otel-exporter/contract';
import {
  activeUsersSeries,
  checkoutBaselineSteps,
  checkoutSteps,
  eventSeries,
  exemplarSeries,
  grafanaScene,
  lastHour,
  medianSeries,
  outcomesReaching,
  stepSeries,
  type ExemplarRow,
  type QueryFixture,
  type StepCountRow,
} from '../src/data/fixtures/prometheus';
import { roleOptions } from '../src/options/queryRoles';
import type { PanelOptions } from '../src/types';
import type { PanelRenderSpec } from './client/types';
import { promTarget } from './grafana/promRequests';

type Theme = PanelRenderSpec['theme'];
const streaming = 'Streaming' as PanelRenderSpec['state'];
const done = 'Done' as PanelRenderSpec['state'];

/** The sizes the screenshots are taken at: a wide dashboard panel and a small one. */
export const panelSizes = { large: { width: 1400, height: 900 }, small: { width: 340, height: 230 } } as const;
const defaultSize = { width: 720, height: 420 };

export interface SceneOptions {
  readonly options?: Partial<PanelOptions>;
  readonly size?: { readonly width: number; readonly height: number };
}

const medianSeconds: StepCountRow[] = [
  ['cart_added', 48],
  ['checkout_started', 185],
  ['payment_succeeded', 262],
];

/** The generated dashboard's funnel panel: settled counts, last week's as baseline, medians. */
export async function funnelScene(theme: Theme, scene: SceneOptions = {}): Promise<PanelRenderSpec> {
  const queries = funnelPanelQueries(defaultNamespace, { funnel: 'checkout', baselineAgo: '1w' });
  const answers: Record<string, Omit<QueryFixture, 'target'>> = {
    steps: { instant: stepSeries(checkoutSteps) },
    outcomes: { instant: outcomesReaching(checkoutSteps.map(([, count]) => count)) },
    baseline: { instant: outcomesReaching(checkoutBaselineSteps.map(([, count]) => count)) },
    median: { instant: medianSeries(medianSeconds) },
  };
  return {
    theme,
    ...(scene.size ?? defaultSize),
    title: 'Checkout funnel · last 24 hours vs last week',
    state: done,
    options: { mode: 'funnel', ...roleOptions(queries), ...scene.options },
    scene: await grafanaScene(queries.map((query) => ({ target: promTarget(query), ...answers[query.role] }))),
  };
}

/** A funnel that has seen 7 → 3 → 1: every conversion is below the minimum volume. */
export async function lowVolumeScene(theme: Theme, scene: SceneOptions = {}): Promise<PanelRenderSpec> {
  const queries = funnelPanelQueries(defaultNamespace, { funnel: 'checkout', baselineAgo: '1w' });
  const counts = [7, 3, 1];
  const steps: StepCountRow[] = checkoutSteps.slice(0, 3).map(([step], i) => [step, counts[i]!]);
  const answers: Record<string, Omit<QueryFixture, 'target'>> = {
    steps: { instant: stepSeries(steps) },
    outcomes: { instant: outcomesReaching(counts) },
    baseline: { instant: outcomesReaching([9, 2, 1]) },
    median: { instant: medianSeries([['cart_added', 31]]) },
  };
  return {
    theme,
    ...(scene.size ?? defaultSize),
    title: 'Checkout funnel · last hour',
    state: done,
    options: { mode: 'funnel', ...roleOptions(queries), minVolume: 30, ...scene.options },
    scene: await grafanaScene(queries.map((query) => ({ target: promTarget(query), ...answers[query.role] }))),
  };
}

const countries = ['de', 'fr', 'us', 'gb', 'es', 'it', 'nl', 'se', 'pl', overflowValue];

/** `steps` steps split by `groups` values of `country`, live counts only: the bench's 20 × 10 funnel. */
export async function breakdownScene(
  theme: Theme,
  steps = 4,
  groups = 4,
  scene: SceneOptions = {}
): Promise<PanelRenderSpec> {
  const series = [];
  for (let g = 0; g < groups; g++) {
    const country = countries[g % countries.length]! + (g >= countries.length ? String(g) : '');
    const first = 2000 - g * 150;
    const rows: StepCountRow[] = Array.from({ length: steps }, (_, s) => [
      s < checkoutSteps.length && steps <= checkoutSteps.length ? checkoutSteps[s]![0] : `step_${s + 1}`,
      Math.round(first * Math.pow(0.55 + ((g * 7 + s * 3) % 10) / 40, s)),
    ]);
    series.push(...stepSeries(rows, { labels: { country } }));
  }
  const [steps_] = funnelPanelQueries(defaultNamespace, {
    funnel: 'checkout',
    breakdown: 'country',
    baselineAgo: '1w',
  });
  return {
    theme,
    ...(scene.size ?? defaultSize),
    title: 'Checkout funnel by country',
    state: done,
    options: { mode: 'funnel', stepsRefIds: [steps_!.refId], breakdownLabel: 'country', ...scene.options },
    scene: await grafanaScene([{ target: promTarget(steps_!), instant: series }]),
  };
}

const liveEvents = ['product_viewed', 'cart_added', 'checkout_started', 'payment_succeeded', 'search_performed'];

/** `count` events, 3 s apart, the newest `offsetSeconds` before the end of the range. */
export function exemplarRows(count: number, offsetSeconds = 0): ExemplarRow[] {
  return Array.from({ length: count }, (_, i) => {
    const n = i + offsetSeconds * 7;
    return {
      secondsAgo: offsetSeconds + i * 3,
      event: liveEvents[(n * 3) % liveEvents.length]!,
      userId:
        ((n * 2654435761 + 977) >>> 0).toString(16).padStart(8, '0') +
        ((n * 97 + 13) % 4096).toString(16).padStart(3, '0'),
      traceId: ((n * 40503 + 12345) >>> 0).toString(16).padStart(8, '0').repeat(4),
    };
  });
}

/** The generated dashboard's live panel: the estimate's history, rates now, and the feed's events. */
export async function liveScene(
  theme: Theme,
  scene: SceneOptions & { readonly exemplars?: readonly ExemplarRow[] } = {}
): Promise<PanelRenderSpec> {
  const queries = livePanelQueries(defaultNamespace, { scope: 'shop', window: '5m' });
  const rows = scene.exemplars ?? exemplarRows(20);
  const answers: Record<string, Omit<QueryFixture, 'target'>> = {
    activeUsers: {
      range: activeUsersSeries([212, 220, 231, 228, 240, 251, 263, 259, 270, 284, 291, 288, 302, 315, 311, 327]),
    },
    rates: {
      instant: eventSeries([
        ['product_viewed', 41.2],
        ['search_performed', 17.5],
        ['cart_added', 9.8],
        ['checkout_started', 4.1],
        ['payment_succeeded', 3.2],
      ]),
    },
    feed: {
      instant: eventSeries(liveEvents.map((event) => [event, rows.filter((row) => row.event === event).length * 4])),
      exemplars: exemplarSeries(rows),
    },
  };
  return {
    theme,
    ...(scene.size ?? defaultSize),
    title: 'Live activity',
    state: streaming,
    options: {
      mode: 'live',
      ...roleOptions(queries),
      feedLength: 15,
      traceUrlTemplate: 'https://tempo.example/trace/${traceId}',
      ...scene.options,
    },
    scene: await grafanaScene(
      queries.map((query) => ({ target: promTarget(query), ...answers[query.role] })),
      { maxDataPoints: livePanelMaxDataPoints, range: lastHour }
    ),
  };
}

export async function noDataScene(theme: Theme): Promise<PanelRenderSpec> {
  const [steps] = funnelPanelQueries(defaultNamespace, { funnel: 'checkout', baselineAgo: '1w' });
  return {
    theme,
    width: 480,
    height: 240,
    title: 'Funnel without data',
    state: done,
    options: { mode: 'funnel', stepsRefIds: [steps!.refId] },
    scene: await grafanaScene([{ target: promTarget(steps!) }]),
  };
}
