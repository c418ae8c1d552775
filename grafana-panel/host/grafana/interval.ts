/**
 * The step Grafana chooses for a Prometheus query, and the variables it interpolates with it.
 * Reproduced from Grafana's source, because the step decides how many exemplars the panel gets:
 * - the frontend's interval: `rangeUtil.calculateInterval` in @grafana/data, its lower limit the
 *   panel's min interval or the data source's scrape interval (grafana/grafana
 *   `public/app/features/query/state/PanelQueryRunner.ts`);
 * - the backend's step: `calculatePrometheusInterval` and `interpolateVariables` in grafana/grafana
 *   `pkg/promlib/models/query.go`, `Calculate` in `pkg/promlib/intervalv2/intervalv2.go`, and
 *   `GetIntervalFrom`, `RoundInterval`, `FormatInterval` in grafana/grafana-plugin-sdk-go
 *   `backend/gtime/gtime.go`;
 * - the aligned range: `AlignTimeRange` in `pkg/promlib/models/query.go`.
 * Times and durations are milliseconds.
 */

/** Grafana's `safeResolution`: no range query asks Prometheus for more points than this. */
export const safeResolution = 11_000;
/** `intervalv2.DefaultRes`: max data points when a request carries none. */
const defaultResolution = 1500;
/** The backend's default min interval when neither the query nor the data source sets one. */
const defaultMinIntervalMs = 15_000;

/** [upper bound, rounded interval] of Grafana's round intervals, in ms. */
const roundSteps: ReadonlyArray<readonly [number, number]> = [
  [10, 1],
  [15, 10],
  [35, 20],
  [75, 50],
  [150, 100],
  [350, 200],
  [750, 500],
  [1500, 1000],
  [3500, 2000],
  [7500, 5000],
  [12_500, 10_000],
  [17_500, 15_000],
  [25_000, 20_000],
  [45_000, 30_000],
  [90_000, 60_000],
  [210_000, 120_000],
  [450_000, 300_000],
  [750_000, 600_000],
  [1_050_000, 900_000],
  [1_500_000, 1_200_000],
  [2_700_000, 1_800_000],
  [5_400_000, 3_600_000],
  [9_000_000, 7_200_000],
  [16_200_000, 10_800_000],
  [32_400_000, 21_600_000],
  [86_400_000, 43_200_000],
  [604_800_000, 86_400_000],
  [1_814_400_000, 604_800_000],
  [3_628_800_000, 2_592_000_000],
];

/**
 * A lower, rounder interval (`RoundInterval`). The backend's bounds are inclusive (`<=`), the
 * frontend's (`rangeUtil.roundInterval`) exclusive (`<`).
 */
export function roundInterval(ms: number, inclusive: boolean): number {
  for (const [bound, rounded] of roundSteps) {
    if (inclusive ? ms <= bound : ms < bound) {
      return rounded;
    }
  }
  return 31_536_000_000;
}

const unitMs: Readonly<Record<string, number>> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
  y: 31_536_000_000,
};

/** A Grafana interval ("15s", "100ms", "1m", or a bare number of seconds) in ms. */
export function parseInterval(text: string): number {
  const trimmed = text.replace(/^<|>$/g, '').trim();
  if (/^\d+$/.test(trimmed)) {
    return Number(trimmed) * 1000;
  }
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h|d|w|y)$/.exec(trimmed);
  if (match === null) {
    throw new Error(`"${text}" is not an interval Grafana reads (e.g. 15s, 100ms, 1m).`);
  }
  return Number(match[1]) * unitMs[match[2]!]!;
}

/** `gtime.FormatInterval`: the largest whole unit, as `$__interval` is written into a query. */
export function formatInterval(ms: number): string {
  for (const unit of ['y', 'd', 'h', 'm', 's', 'ms'] as const) {
    if (ms >= unitMs[unit]!) {
      return `${Math.floor(ms / unitMs[unit]!)}${unit}`;
    }
  }
  return '1ms';
}

/** Go's `time.Duration.String()` ("20s", "1m20s", "500ms"), as `$__rate_interval` is written. */
export function goDuration(ms: number): string {
  if (ms < 1000) {
    return `${ms}ms`;
  }
  const hours = Math.floor(ms / 3_600_000);
  const minutes = Math.floor((ms % 3_600_000) / 60_000);
  const seconds = (ms % 60_000) / 1000;
  if (hours > 0) {
    return `${hours}h${minutes}m${seconds}s`;
  }
  return minutes > 0 ? `${minutes}m${seconds}s` : `${seconds}s`;
}

export interface QueryRange {
  readonly from: number;
  readonly to: number;
}

/**
 * The frontend's `intervalMs` for a panel (`rangeUtil.calculateInterval`): the range over the
 * panel's max data points, rounded, at least the panel's min interval or else the data source's.
 */
export function frontendIntervalMs(range: QueryRange, maxDataPoints: number, lowerLimit: string | undefined): number {
  const lowLimitMs = lowerLimit === undefined || lowerLimit === '' ? 1 : parseInterval(lowerLimit);
  return Math.max(lowLimitMs, roundInterval((range.to - range.from) / maxDataPoints, false));
}

export interface StepInputs {
  readonly range: QueryRange;
  readonly maxDataPoints: number;
  /** The query's min step (`interval`), if set. */
  readonly minStep: string | undefined;
  /** The frontend's interval for the panel. */
  readonly intervalMs: number;
  /** The data source's scrape interval (`jsonData.timeInterval`). */
  readonly scrapeInterval: string;
}

/** `GetIntervalFrom`: the query's min step, else the frontend's interval, else the data source's. */
function minIntervalMs({ minStep, intervalMs, scrapeInterval }: StepInputs): number {
  const queryInterval = minStep === '0s' ? '' : (minStep ?? '');
  if (queryInterval === '' && intervalMs !== 0) {
    return intervalMs;
  }
  const interval = queryInterval !== '' ? queryInterval : scrapeInterval;
  return interval === '' ? defaultMinIntervalMs : parseInterval(interval);
}

/** The backend's step for a query (`calculatePrometheusInterval`, min steps written as variables aside). */
export function prometheusStepMs(inputs: StepInputs): number {
  const rangeMs = inputs.range.to - inputs.range.from;
  const minimum = minIntervalMs(inputs);
  const calculated = rangeMs / (inputs.maxDataPoints || defaultResolution);
  const chosen = calculated < minimum ? minimum : roundInterval(calculated, true);
  const safe = roundInterval(rangeMs / safeResolution, true);
  return Math.max(chosen, safe);
}

/** `calculateRateInterval`: the interval plus a scrape, and at least four scrapes. */
export function rateIntervalMs(intervalMs: number, scrapeInterval: string): number {
  const scrape = parseInterval(scrapeInterval === '' ? '15s' : scrapeInterval);
  return Math.max(intervalMs + scrape, 4 * scrape);
}

/** `interpolateVariables`: `$__interval`, `$__range` and `$__rate_interval` (and their `${…}` forms) in an expression. */
export function interpolateVariables(expr: string, inputs: StepInputs, stepMs: number): string {
  const rangeMs = inputs.range.to - inputs.range.from;
  const requestedMinStep =
    inputs.minStep === undefined || inputs.minStep === '' ? inputs.scrapeInterval : inputs.minStep;
  const rate = goDuration(rateIntervalMs(inputs.intervalMs, requestedMinStep));
  const values: Array<[string, string]> = [
    ['__interval_ms', String(stepMs)],
    ['__interval', formatInterval(stepMs)],
    ['__range_ms', String(rangeMs)],
    ['__range_s', String(Math.round(rangeMs / 1000))],
    ['__range', `${Math.round(rangeMs / 1000)}s`],
    ['__rate_interval_ms', String(parseGoDurationMs(rate))],
    ['__rate_interval', rate],
  ];
  let result = expr;
  for (const [name, value] of values) {
    result = result.split(`$${name}`).join(value).split(`\${${name}}`).join(value);
  }
  return result;
}

function parseGoDurationMs(text: string): number {
  let total = 0;
  for (const [, amount, unit] of text.matchAll(/(\d+(?:\.\d+)?)(ms|h|m|s)/g)) {
    total += Number(amount) * unitMs[unit!]!;
  }
  return total;
}

/** `AlignTimeRange`: a time rounded down to a multiple of the step (UTC offset 0). */
export function alignToStep(time: number, stepMs: number): number {
  return Math.floor(time / stepMs) * stepMs;
}
