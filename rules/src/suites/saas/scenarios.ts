import { day, hour, minute } from '../../testing/series';
import type { SaasAlert } from './saasAlerts';
import { usualFailure, type SaasScenario } from './saasTraffic';

/*
 * The scenario classes of the rules, each on the SaaS fixture's seeded noisy traffic: what happens,
 * which alerts are judged, and exactly which fire when (every other alert of the case is silent).
 * The suites run them with promtool; a case's alerts are those that read the traffic it changes.
 */

/** The label sets firing per alert at one time; alerts not named are silent. */
export type Expected = Partial<Record<SaasAlert, readonly Readonly<Record<string, string>>[]>>;

export interface SaasCase {
  readonly name: string;
  readonly alerts: readonly SaasAlert[];
  readonly scenario: SaasScenario;
  readonly checks: readonly { readonly time: number; readonly firing: Expected }[];
}

const at = (d: number, h: number, m = 0) => d * day + h * hour + m * minute;
const between = (t: number, from: number, to: number) => t > from && t <= to;
const quiet = (times: readonly number[]) => times.map((time) => ({ time, firing: {} }));
const fires = (firing: Expected, times: readonly number[]) => times.map((time) => ({ time, firing }));
const usual = (gateway: string) => usualFailure[gateway] ?? 0.01;

/**
 * A holiday week (traffic at a third) and, three days after it, a one-off 3× sale of four hours.
 * Both are real anomalies while they last; the first normal day after the holiday and the day after
 * the sale are ordinary days and must be quiet (a baseline moved by either would page for a day).
 */
export const afterOneOffs: SaasCase = {
  name: 'the first normal day after a holiday week, and the day after a one-off surge',
  alerts: ['traffic_anomaly', 'page_views_stopped'],
  scenario: {
    seed: 11,
    step: 15 * minute,
    end: at(26, 0),
    parts: ['pages'],
    traffic: (t) => (between(t, at(14, 0), at(21, 0)) ? 1 / 3 : between(t, at(24, 9), at(24, 13)) ? 3 : 1),
  },
  checks: [
    ...quiet([at(13, 12)]),
    ...fires({ traffic_anomaly: [{}] }, [at(14, 12), at(16, 12)]),
    ...quiet([at(21, 6), at(21, 12), at(21, 18), at(22, 12), at(24, 8)]),
    ...fires({ traffic_anomaly: [{}] }, [at(24, 10), at(24, 12, 30)]),
    ...quiet([at(24, 15), at(25, 3), at(25, 9), at(25, 12), at(25, 18), at(25, 23)]),
  ],
};

/** The exporter dies for 90 minutes a week into the install, then starts afresh. */
export const deadExporter: SaasCase = {
  name: 'a dead exporter for 90 minutes',
  alerts: [
    'page_views_stopped',
    'traffic_anomaly',
    'purchase_conversion_low',
    'purchase_conversion_anomaly',
    'payment_errors',
  ],
  scenario: {
    seed: 12,
    step: 15 * minute,
    end: at(8, 16),
    parts: ['pages', 'purchase'],
    outages: [{ from: at(8, 10), to: at(8, 11, 30) }],
  },
  checks: [
    ...quiet([at(8, 9, 45), at(8, 10, 15)]),
    // no_data fires while nothing arrives, past the hour (no resolution mid-outage), and only it.
    ...fires({ page_views_stopped: [{}] }, [at(8, 10, 30), at(8, 11), at(8, 11, 15), at(8, 11, 30)]),
    // Back: counters start afresh; live conversion waits its funnel window; nothing else fires.
    ...quiet([at(8, 12, 15), at(8, 13), at(8, 15)]),
  ],
};

/**
 * A new install (no weekly reference yet): page views stop for five hours on day 2 while the
 * exporter runs, and on day 4 the exporter is dead for five hours. no_data fires for the whole of
 * each outage, however long, and resolves when events flow again.
 */
export const firstWeekOutages: SaasCase = {
  name: 'events stopped and a dead exporter in the first week',
  alerts: ['page_views_stopped', 'traffic_anomaly'],
  scenario: {
    seed: 19,
    step: 15 * minute,
    end: at(4, 18),
    parts: ['pages'],
    traffic: (t) => (between(t, at(2, 10), at(2, 15)) ? 0 : 1),
    outages: [{ from: at(4, 10), to: at(4, 15) }],
  },
  checks: [
    ...quiet([at(2, 9, 45), at(2, 10, 15)]),
    ...fires({ page_views_stopped: [{}] }, [at(2, 10, 45), at(2, 12), at(2, 13), at(2, 14), at(2, 15)]),
    ...quiet([at(2, 15, 45), at(2, 17), at(4, 9, 45)]),
    ...fires({ page_views_stopped: [{}] }, [at(4, 10, 45), at(4, 12), at(4, 13), at(4, 14), at(4, 15)]),
    ...quiet([at(4, 15, 45), at(4, 17)]),
  ],
};

/**
 * An exporter restart, then a new gateway failing 60% of payments, a new browser version with 50
 * errors a minute and another with ordinary errors, and the rare-error gateway failing for an hour
 * after the restart (its failure series is gone until its first failure).
 */
export const neverSeen: SaasCase = {
  name: 'never-seen label values with a high error rate, and rare errors after a restart',
  alerts: ['payment_errors', 'api_error_spike'],
  scenario: {
    seed: 13,
    step: 15 * minute,
    end: at(8, 18),
    parts: ['purchase', 'api'],
    outages: [{ from: at(8, 6), to: at(8, 6, 15) }],
    newGateways: { klarna: { from: at(8, 10), perSecond: 0.05 } },
    failure: (gateway, t) =>
      gateway === 'klarna' ? 0.6 : gateway === 'adyen' && between(t, at(8, 14), at(8, 16)) ? 0.2 : usual(gateway),
    newBrowserVersions: [
      { browser: 'chrome', version: '122', from: at(8, 10), perSecond: 50 / 60 },
      { browser: 'firefox', version: '120', from: at(8, 10), perSecond: 0.05 },
    ],
  },
  checks: [
    ...quiet([at(8, 5), at(8, 7), at(8, 9, 45)]),
    ...fires(
      {
        payment_errors: [{ gateway: 'klarna' }],
        api_error_spike: [{ browser: 'chrome', browser_version: '122' }],
      },
      [at(8, 11), at(8, 13)]
    ),
    ...fires(
      {
        payment_errors: [{ gateway: 'adyen' }, { gateway: 'klarna' }],
        api_error_spike: [{ browser: 'chrome', browser_version: '122' }],
      },
      [at(8, 15), at(8, 16)]
    ),
    ...fires(
      {
        payment_errors: [{ gateway: 'klarna' }],
        api_error_spike: [{ browser: 'chrome', browser_version: '122' }],
      },
      [at(8, 17), at(8, 18)]
    ),
  ],
};

/** A gateway with twenty times the payments of the others failing its usual 0.3%: never a page. */
export const rareFailures: SaasCase = {
  name: 'rare failures at high volume',
  alerts: ['payment_errors'],
  scenario: {
    seed: 14,
    step: 15 * minute,
    end: at(8, 0),
    parts: ['purchase'],
    newGateways: { worldpay: { from: 0, perSecond: 1 } },
    failure: (gateway) => (gateway === 'worldpay' ? 0.003 : usual(gateway)),
  },
  checks: quiet([at(1, 12), at(3, 12), at(6, 12), at(7, 20)]),
};

/**
 * The slow trial funnel (a day to convert, judged on settled outcomes): a new install, a day of 3×
 * traffic, an exporter restart (open trials lost), then a real drop (trials of one half day convert
 * at 15% instead of 30%), seen when those trials have had their day.
 */
export const slowFunnel: SaasCase = {
  name: 'a slow funnel under a surge, on cold start and after an exporter restart',
  alerts: ['trial_conversion_anomaly', 'purchase_conversion_low', 'purchase_conversion_anomaly'],
  scenario: {
    seed: 15,
    step: 15 * minute,
    end: at(16, 0),
    parts: ['purchase', 'trial'],
    traffic: (t) => (between(t, at(9, 0), at(10, 0)) ? 3 : 1),
    outages: [{ from: at(11, 9), to: at(11, 9, 15) }],
    trialConversion: (t) => (between(t, at(14, 0), at(14, 12)) ? 0.15 : 0.3),
  },
  checks: [
    ...quiet([at(0, 12), at(1, 6), at(1, 18), at(2, 12)]),
    ...quiet([at(9, 6), at(9, 12), at(9, 18), at(10, 6), at(10, 12)]),
    ...quiet([at(11, 10), at(11, 12), at(11, 18), at(12, 6), at(12, 12)]),
    ...fires({ trial_conversion_anomaly: [{}] }, [at(15, 10), at(15, 14)]),
    ...quiet([at(15, 23)]),
  ],
};

/** Traffic growing 30% and purchase conversion sliding from 75% to 60% every three weeks. */
export const gradualDrift: SaasCase = {
  name: 'a gradual drift',
  alerts: ['traffic_anomaly', 'purchase_conversion_anomaly', 'purchase_conversion_low'],
  scenario: {
    seed: 16,
    step: 15 * minute,
    end: at(23, 0),
    parts: ['pages', 'purchase'],
    traffic: (t) => 1 + (0.3 * t) / at(21, 0),
    paying: (t) => 0.75 - (0.15 * t) / at(21, 0),
  },
  checks: [
    // A week in, traffic is 10% above the only week behind it, with no trend yet to explain it.
    ...fires({ traffic_anomaly: [{}] }, [at(7, 12)]),
    ...quiet([at(9, 12), at(12, 12), at(15, 12), at(18, 12), at(21, 6), at(21, 12), at(22, 12)]),
  ],
};

/**
 * The caught incidents: a 3× flash sale, and 90 minutes into it the main gateway failing for an hour
 * (conversion drops; the page names the gateway); then recovery.
 */
export const flashSale: SaasCase = {
  name: 'caught incidents: the flash-sale conversion drop and its recovery',
  alerts: ['purchase_conversion_low', 'purchase_conversion_anomaly', 'payment_errors', 'traffic_anomaly'],
  scenario: {
    seed: 17,
    step: 5 * minute,
    end: at(8, 17),
    parts: ['pages', 'purchase'],
    traffic: (t) => (between(t, at(8, 10, 30), at(8, 14, 30)) ? 3 : 1),
    failure: (gateway, t) => (gateway === 'stripe' && between(t, at(8, 12), at(8, 13)) ? 0.95 : usual(gateway)),
  },
  checks: [
    ...quiet([at(8, 10, 25)]),
    // The sale is a real traffic anomaly (3×) from its first 20 minutes to an hour after it ends.
    ...fires({ traffic_anomaly: [{}] }, [at(8, 11), at(8, 12, 5)]),
    // Stripe fails at 12:00: its error ratio pages at 12:10, the conversion anomaly warns at 12:15,
    // the conversion threshold pages at 12:20 (twenty minutes after the drop).
    ...fires({ traffic_anomaly: [{}], payment_errors: [{ gateway: 'stripe' }] }, [at(8, 12, 10)]),
    ...fires({ traffic_anomaly: [{}], payment_errors: [{ gateway: 'stripe' }], purchase_conversion_anomaly: [{}] }, [
      at(8, 12, 15),
    ]),
    ...fires(
      {
        traffic_anomaly: [{}],
        payment_errors: [{ gateway: 'stripe' }],
        purchase_conversion_anomaly: [{}],
        purchase_conversion_low: [{}],
      },
      [at(8, 12, 20), at(8, 13, 15)]
    ),
    // Recovery at 13:00: each alert resolves when its window has drained and keep_firing_for passed.
    ...fires({ traffic_anomaly: [{}], payment_errors: [{ gateway: 'stripe' }], purchase_conversion_anomaly: [{}] }, [
      at(8, 13, 25),
    ]),
    ...fires({ traffic_anomaly: [{}], payment_errors: [{ gateway: 'stripe' }] }, [at(8, 13, 35)]),
    ...fires({ traffic_anomaly: [{}] }, [at(8, 14, 5), at(8, 16, 20)]),
    ...quiet([at(8, 16, 35)]),
  ],
};

/** One browser version's API errors at 10× for 90 minutes (the alert's factor is 5): that version only. */
export const browserSpike: SaasCase = {
  name: "caught incidents: one browser version's error spike",
  alerts: ['api_error_spike'],
  scenario: {
    seed: 18,
    step: 15 * minute,
    end: at(8, 20),
    parts: ['api'],
    apiErrorFactor: (browser, version, t) =>
      browser === 'chrome' && version === '121' && between(t, at(8, 16), at(8, 17, 30)) ? 10 : 1,
  },
  checks: [
    ...quiet([at(8, 15, 45), at(8, 16, 15)]),
    ...fires({ api_error_spike: [{ browser: 'chrome', browser_version: '121' }] }, [at(8, 17), at(8, 18)]),
    ...quiet([at(8, 19)]),
  ],
};
