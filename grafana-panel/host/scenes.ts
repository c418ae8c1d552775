/**
 * Panels rendered from fixed fixture data: the loader test's cases, the plugin's screenshots and
 * the bench all draw these, so what is measured and shown is what is tested.
 */
import type { DataFrameDTO } from '@grafana/data';
import { overflowValue } from '@nowcast/otel-exporter/contract';
import {
  activeUsersDTO,
  checkoutBaselineSteps,
  checkoutSteps,
  eventRateDTOs,
  exemplarDTO,
  fixedNow,
  stepSeriesDTOs,
  type ExemplarRow,
  type StepCountRow,
} from '../src/data/fixtures/dtos';
import type { PanelOptions } from '../src/types';
import type { PanelRenderSpec } from './client/types';

type Theme = PanelRenderSpec['theme'];
const streaming = 'Streaming' as PanelRenderSpec['state'];
const done = 'Done' as PanelRenderSpec['state'];

function base(theme: Theme): Pick<PanelRenderSpec, 'theme' | 'width' | 'height' | 'timeRangeTo' | 'rangeMs'> {
  return { theme, width: 720, height: 420, timeRangeTo: fixedNow, rangeMs: 24 * 3600_000 };
}

const medianSeconds: StepCountRow[] = [
  ['cart_added', 48],
  ['checkout_started', 185],
  ['payment_succeeded', 262],
];

export function funnelScene(theme: Theme, overrides: Partial<PanelOptions> = {}): PanelRenderSpec {
  return {
    ...base(theme),
    title: 'Checkout funnel · last 24 hours vs last week',
    state: done,
    options: { mode: 'funnel', comparisonRefId: 'B', timeToConvertRefId: 'C', ...overrides },
    series: [
      ...stepSeriesDTOs(checkoutSteps),
      ...stepSeriesDTOs(checkoutBaselineSteps, { refId: 'B' }),
      ...stepSeriesDTOs(medianSeconds, { refId: 'C', stepIndexes: [1, 2, 3] }),
    ],
  };
}

/** `steps` steps split by `groups` values of `country`: the bench's 20 × 10 funnel. */
export function breakdownScene(theme: Theme, steps = 4, groups = 4): PanelRenderSpec {
  const countries = ['de', 'fr', 'us', 'gb', 'es', 'it', 'nl', 'se', 'pl', overflowValue];
  const series: DataFrameDTO[] = [];
  for (let g = 0; g < groups; g++) {
    const country = countries[g % countries.length]! + (g >= countries.length ? String(g) : '');
    const first = 2000 - g * 150;
    const rows: StepCountRow[] = Array.from({ length: steps }, (_, s) => [
      s < checkoutSteps.length && steps <= checkoutSteps.length ? checkoutSteps[s]![0] : `step_${s + 1}`,
      Math.round(first * Math.pow(0.55 + ((g * 7 + s * 3) % 10) / 40, s)),
    ]);
    series.push(...stepSeriesDTOs(rows, { labels: { country } }));
  }
  return {
    ...base(theme),
    title: `Checkout funnel by country`,
    state: done,
    options: { mode: 'funnel', breakdownLabel: 'country' },
    series,
  };
}

const liveEvents = ['product_viewed', 'cart_added', 'checkout_started', 'payment_succeeded', 'search_performed'];

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

export function liveScene(theme: Theme, overrides: Partial<PanelOptions> = {}): PanelRenderSpec {
  return {
    ...base(theme),
    title: 'Live activity',
    state: streaming,
    options: { mode: 'live', feedLength: 15, traceUrlTemplate: 'https://tempo.example/trace/${traceId}', ...overrides },
    series: [
      activeUsersDTO([212, 220, 231, 228, 240, 251, 263, 259, 270, 284, 291, 288, 302, 315, 311, 327]),
      ...eventRateDTOs([
        ['product_viewed', 41.2],
        ['search_performed', 17.5],
        ['cart_added', 9.8],
        ['checkout_started', 4.1],
        ['payment_succeeded', 3.2],
      ]),
    ],
    annotations: [exemplarDTO(exemplarRows(20))],
  };
}

export function noDataScene(theme: Theme): PanelRenderSpec {
  return {
    ...base(theme),
    width: 480,
    height: 240,
    title: 'Funnel without data',
    state: done,
    options: { mode: 'funnel' },
    series: [],
  };
}
