import { productMetricNames, selfMetricNames } from '@nowcast/otel-exporter/contract';
import type { InputSeries } from '../../testing/promtool';
import { hour } from '../../testing/series';
import { seasonal, startTimeSeries, Traffic, type Outage } from '../../testing/traffic';

/*
 * Seeded traffic of the SaaS fixture (rules/test/fixtures/saas.yaml): Poisson counts around a
 * daily and weekly curve, binomial conversions and failures, a trial funnel whose users take up to
 * a day to convert, API errors per browser version, and an A/B launch. A scenario changes one
 * thing (a surge, a holiday, an outage, a failing gateway…); everything else stays ordinary noise.
 */

export const environment = 'production';
const deployment = { environment };

/** Checkouts per second per gateway at the usual level. */
export const gateways: Readonly<Record<string, number>> = { stripe: 0.1, paypal: 0.05, adyen: 0.05 };
/** Usual payment failure shares: common (stripe, paypal) and rare (adyen). */
export const usualFailure: Readonly<Record<string, number>> = { stripe: 0.02, paypal: 0.01, adyen: 0.003 };
/** Share of started checkouts that attempt a payment. */
export const usualPaying = 0.75;
export const browserVersions: readonly (readonly [string, string])[] = [
  ['chrome', '120'],
  ['chrome', '121'],
  ['firefox', '119'],
  ['safari', '17'],
];
/** API errors per second per browser version at the usual level. */
export const usualApiErrors = 0.05;
/** Trials started per second by plan, 30% converting within a day (most late). */
const trialPlans: Readonly<Record<string, number>> = { team: 0.015, business: 0.005 };
export const usualTrialConversion = 0.3;
/** When trial users convert, hours after they started, and the share at each. */
const trialLags: readonly (readonly [number, number])[] = [
  [1, 0.2],
  [6, 0.3],
  [18, 0.5],
];
const pages: Readonly<Record<string, number>> = { home: 1.5, pricing: 0.9, docs: 0.6 };

export interface AbLaunch {
  readonly from: number;
  /** Exposures per second at the usual level. */
  readonly perSecond: number;
  /** Shares the variants actually get. */
  readonly delivered: Readonly<Record<string, number>>;
  /** Tracked events per exposure, per variant (default 0.2). */
  readonly tracked?: (variant: string, t: number) => number;
  /** Share of exposures that error, per variant (default 0.005). */
  readonly errors?: (variant: string, t: number) => number;
}

export interface NewLabel {
  readonly from: number;
  readonly perSecond: number;
}

export interface SaasScenario {
  readonly seed: number;
  readonly end: number;
  readonly step: number;
  /** Traffic multiplier at t on top of the seasons (surge, holiday, drift). */
  readonly traffic?: (t: number) => number;
  /** Payment failure share per gateway at t (default its usual share). */
  readonly failure?: (gateway: string, t: number) => number;
  /** Share of started checkouts that pay at t. */
  readonly paying?: (t: number) => number;
  readonly trialConversion?: (t: number) => number;
  /** API errors of a browser version at t as a multiple of its usual rate (default 1). */
  readonly apiErrorFactor?: (browser: string, version: string, t: number) => number;
  /** Gateways and browser versions that appear later, with their usual level. */
  readonly newGateways?: Readonly<Record<string, NewLabel>>;
  readonly newBrowserVersions?: readonly (NewLabel & { readonly browser: string; readonly version: string })[];
  /** The exporter down (series gone, state lost), then started afresh. */
  readonly outages?: readonly Outage[];
  readonly ab?: AbLaunch;
  /** The parts of the product with traffic (default all): a suite about one part keeps its run small. */
  readonly parts?: readonly SaasPart[];
}

export type SaasPart = 'pages' | 'purchase' | 'trial' | 'api';

/** Adds `counts` into `into` at each index. */
function addInto(into: number[], counts: readonly number[]): void {
  counts.forEach((n, i) => (into[i] = (into[i] ?? 0) + n));
}

/** The input series of a scenario. */
export function saasSeries(namespace: string, scenario: SaasScenario): InputSeries[] {
  const m = productMetricNames(namespace);
  const options = { end: scenario.end, step: scenario.step, outages: scenario.outages };
  const traffic = new Traffic(scenario.seed, options);
  const step = scenario.step;
  const steps = Math.floor(scenario.end / step);
  const level = (t: number) => seasonal(t) * (scenario.traffic?.(t) ?? 1);
  const timeOf = (i: number) => (i + 1) * step;
  /** Whether an outage lies between t0 and t1: the exporter lost the state carried over it. */
  const lostBetween = (t0: number, t1: number) => (scenario.outages ?? []).some((o) => o.to > t0 && o.from < t1);

  traffic.add(startTimeSeries(selfMetricNames.startTime, deployment, options));
  const has = (part: SaasPart) => scenario.parts === undefined || scenario.parts.includes(part);

  for (const [page, perSecond] of Object.entries(has('pages') ? pages : {})) {
    traffic.rate(m.events, { ...deployment, event: 'page_viewed', page }, (t) => perSecond * level(t));
  }

  // Purchase (fast, judged live): checkouts per gateway, most pay, a gateway's failures among them.
  const allGateways = [
    ...Object.entries(gateways).map(([gateway, perSecond]) => ({ gateway, perSecond, from: 0 })),
    ...Object.entries(scenario.newGateways ?? {}).map(([gateway, n]) => ({ gateway, ...n })),
  ];
  for (const { gateway, perSecond, from } of has('purchase') ? allGateways : []) {
    const started = traffic.counts((t) => (t > from ? perSecond * level(t) : 0));
    const paid = started.map((n, i) => traffic.draw(n, scenario.paying?.(timeOf(i)) ?? usualPaying));
    const failed = paid.map((n, i) =>
      traffic.draw(n, scenario.failure?.(gateway, timeOf(i)) ?? usualFailure[gateway] ?? 0.01)
    );
    const succeeded = paid.map((n, i) => n - (failed[i] ?? 0));
    const labels = { ...deployment, gateway };
    traffic.counter(m.events, { ...labels, event: 'checkout_started' }, started);
    traffic.counter(m.events, { ...labels, event: 'payment_succeeded' }, succeeded);
    traffic.counter(m.events, { ...labels, event: 'payment_failed' }, failed);
    const funnel = { ...deployment, funnel: 'purchase' };
    traffic.counter(m.funnelStep, { ...funnel, step: 'checkout_started', step_index: '0', gateway }, started);
    traffic.counter(m.funnelStep, { ...funnel, step: 'payment_succeeded', step_index: '1', gateway }, succeeded);
  }

  // Trials (slow, judged settled): conversions arrive hours later; each attempt's outcome is
  // counted when its day has passed. An outage loses every open trial: neither its later
  // conversion nor its outcome is counted.
  const dayInSteps = Math.round((24 * hour) / step);
  const stepsLater = (hours: number) => Math.round((hours * hour) / step);
  const trialStarted: number[] = [];
  const trialConverted: number[] = [];
  const outcomes = { none: new Array<number>(steps).fill(0), converted: new Array<number>(steps).fill(0) };
  for (const [plan, perSecond] of Object.entries(has('trial') ? trialPlans : {})) {
    const started = traffic.counts((t) => perSecond * level(t));
    const convertedAt = new Array<number>(steps).fill(0);
    started.forEach((n, i) => {
      let left = traffic.draw(n, scenario.trialConversion?.(timeOf(i)) ?? usualTrialConversion);
      let counted = 0;
      let shareLeft = 1;
      for (const [lagHours, share] of trialLags) {
        const now = traffic.draw(left, Math.min(1, share / shareLeft));
        left -= now;
        shareLeft -= share;
        const arrives = i + stepsLater(lagHours);
        if (arrives < steps && !lostBetween(timeOf(i), timeOf(arrives))) {
          convertedAt[arrives] = (convertedAt[arrives] ?? 0) + now;
          counted += now;
        }
      }
      const closes = i + dayInSteps;
      if (closes < steps && !lostBetween(timeOf(i), timeOf(closes))) {
        outcomes.converted[closes] = (outcomes.converted[closes] ?? 0) + counted;
        outcomes.none[closes] = (outcomes.none[closes] ?? 0) + n - counted;
      }
    });
    traffic.counter(m.events, { ...deployment, event: 'trial_started', plan }, started);
    traffic.counter(m.events, { ...deployment, event: 'trial_converted', plan }, convertedAt);
    addInto(trialStarted, started);
    addInto(trialConverted, convertedAt);
  }
  if (has('trial')) {
    const trial = { ...deployment, funnel: 'trial' };
    traffic.counter(m.funnelStep, { ...trial, step: 'trial_started', step_index: '0' }, trialStarted);
    traffic.counter(m.funnelStep, { ...trial, step: 'trial_converted', step_index: '1' }, trialConverted);
    traffic.counter(m.funnelAttempts, { ...trial, reached_step: '0' }, outcomes.none);
    traffic.counter(m.funnelAttempts, { ...trial, reached_step: '1' }, outcomes.converted);
  }

  // API errors per browser version; new versions appear with their first error.
  const versions = [
    ...browserVersions.map(([browser, version]) => ({ browser, version, from: 0, perSecond: usualApiErrors })),
    ...(scenario.newBrowserVersions ?? []),
  ];
  for (const { browser, version, from, perSecond } of has('api') ? versions : []) {
    traffic.rate(m.events, { ...deployment, event: 'api_error', browser, browser_version: version }, (t) =>
      t <= from ? 0 : perSecond * level(t) * (scenario.apiErrorFactor?.(browser, version, t) ?? 1)
    );
  }

  // The A/B launch: exposures split between the variants, tracked events and errors following them.
  const ab = scenario.ab;
  if (ab !== undefined) {
    for (const [variant, share] of Object.entries(ab.delivered)) {
      const exposures = traffic.counts((t) => (t > ab.from ? ab.perSecond * share * level(t) : 0));
      const labels = { ...deployment, variant };
      traffic.counter(m.events, { ...labels, event: 'pricing_viewed', experiment: 'pricing_v2' }, exposures);
      traffic.counter(
        m.events,
        { ...labels, event: 'plan_selected' },
        exposures.map((n, i) => traffic.draw(n, ab.tracked?.(variant, timeOf(i)) ?? 0.2))
      );
      traffic.counter(
        m.events,
        { ...labels, event: 'pricing_error' },
        exposures.map((n, i) => traffic.draw(n, ab.errors?.(variant, timeOf(i)) ?? 0.005))
      );
    }
  }
  return traffic.series;
}
