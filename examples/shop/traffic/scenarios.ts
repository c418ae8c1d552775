/**
 * What the shop's traffic looks like in each situation the demo shows. Rates are per second;
 * probabilities are per session step.
 */
export interface Scenario {
  readonly name: ScenarioName;
  readonly description: string;
  /** New visitor sessions per second, at the day's average hour. */
  readonly sessionsPerSecond: number;
  /**
   * False when the rate is set by something other than the hour (a campaign, a story played in
   * compressed time): then the daily and weekly curve does not scale it.
   */
  readonly followsSeasonality?: boolean;
  /** Probability a viewer adds to cart, a carter checks out, a checkout pays. */
  readonly addToCart: number;
  readonly startCheckout: number;
  readonly paySuccess: number;
  /** Payment providers failing far more than usual (they pay 15 % of the time, failing with `failureReason`). */
  readonly failingProviders: readonly string[];
  /** Why the failing providers' payments fail. */
  readonly failureReason?: 'timeout' | 'provider_error';
  /** How checkouts pick a payment provider (relative weights); the shop's usual mix when absent. */
  readonly providerWeights?: Readonly<Record<string, number>>;
  /** API errors per page view, normally and for the broken browser version. */
  readonly apiErrorRate: number;
  readonly brokenBrowserVersion?: { readonly browser: string; readonly version: string; readonly errorRate: number };
  /** Tracking is down: no events at all. */
  readonly silent: boolean;
}

export type ScenarioName = 'normal' | 'flash-sale' | 'payment-outage' | 'browser-bug' | 'tracking-down';

const normal: Scenario = {
  name: 'normal',
  description: 'steady traffic; about 97 in 100 started checkouts are paid',
  sessionsPerSecond: 4,
  addToCart: 0.35,
  startCheckout: 0.6,
  paySuccess: 0.97,
  failingProviders: [],
  apiErrorRate: 0.02,
  silent: false,
  // Kept undefined so the normal browser mix applies.
};

export const scenarios: Readonly<Record<ScenarioName, Scenario>> = {
  normal,
  'flash-sale': {
    ...normal,
    name: 'flash-sale',
    description: 'three times the visitors; the payment page struggles and conversion drops',
    sessionsPerSecond: 12,
    addToCart: 0.5,
    paySuccess: 0.45,
  },
  'payment-outage': {
    ...normal,
    name: 'payment-outage',
    description: 'PayPal fails most payments',
    failingProviders: ['paypal'],
  },
  'browser-bug': {
    ...normal,
    name: 'browser-bug',
    description: 'a release breaks the API for Chrome 131 only',
    brokenBrowserVersion: { browser: 'chrome', version: '131', errorRate: 0.6 },
  },
  'tracking-down': {
    ...normal,
    name: 'tracking-down',
    description: 'no events arrive at all',
    silent: true,
  },
};

export function isScenarioName(name: string): name is ScenarioName {
  return Object.prototype.hasOwnProperty.call(scenarios, name);
}
