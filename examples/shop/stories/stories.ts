import { scenarios, type Scenario } from '../traffic/scenarios';
import { paymentProviders } from '../traffic/sessions';

/*
 * The two stories Nowcast exists for, played in compressed time: Prometheus' clock cannot be sped
 * up, so the story's phases are shortened while traffic, windows and alert timings stay real. A
 * story's traffic is the shop's at an average daytime hour, whatever the hour it is played at.
 */

/** The shop's usual traffic at an average daytime hour. */
const daytime: Scenario = { ...scenarios.normal, followsSeasonality: false };

export type StoryName = 'flash-sale' | 'release';

/** A change of traffic at a moment of the story, with what the terminal says about it. */
export interface StoryStep {
  /** Seconds after the phase it belongs to starts. */
  readonly atSeconds: number;
  readonly traffic: Scenario;
  readonly narration: string;
}

/** What the team does about the incident: a key press, or by itself after a delay. */
export interface TeamReaction {
  readonly key: string;
  /** Seconds after the incident starts when the reaction happens if nobody presses the key. */
  readonly afterSeconds: number;
  readonly prompt: string;
  readonly steps: readonly StoryStep[];
}

export interface Story {
  readonly name: StoryName;
  readonly title: string;
  /** What the compression is, said at the start ("a 4-hour sale in 12 minutes"). */
  readonly compression: string;
  /** Up to and including the incident; `incidentStep` indexes the step where it starts. */
  readonly steps: readonly StoryStep[];
  readonly incidentStep: number;
  readonly reaction: TeamReaction;
  /** What a reader should see fire during the incident, and what must stay quiet. */
  readonly expectedAlerts: readonly {
    readonly alertname: string;
    readonly labels?: Readonly<Record<string, string>>;
  }[];
}

/** Story lengths in seconds; the demo's defaults tell the stories in about a quarter of an hour. */
export interface FlashSaleTiming {
  /** The sale's normal phase before the gateway fails (90 minutes of the real sale). */
  readonly normalPhaseSeconds: number;
  /** How long the team takes to switch to the backup processor when nobody presses the key. */
  readonly reactionSeconds: number;
  /** The rest of the sale after the switch. */
  readonly recoverySeconds: number;
}

export const defaultFlashSaleTiming: FlashSaleTiming = {
  normalPhaseSeconds: 270,
  reactionSeconds: 240,
  recoverySeconds: 210,
};

/** The gateway that times out, and the one the team switches its payments to. */
const failingGateway = 'stripe';
const backupGateway = 'adyen';

/**
 * A 4-hour flash sale: three times the visitors at the usual conversion; 90 minutes in, the main
 * payment gateway starts timing out and conversion drops; the team sees which gateway and switches
 * its payments to the backup processor; conversion recovers; the sale ends.
 */
export function flashSaleStory(timing: FlashSaleTiming = defaultFlashSaleTiming): Story {
  const sale: Scenario = {
    ...daytime,
    name: 'flash-sale',
    description: 'flash sale: three times the visitors, the usual conversion',
    sessionsPerSecond: 3 * scenarios.normal.sessionsPerSecond,
  };
  const gatewayDown: Scenario = {
    ...sale,
    description: `${failingGateway} times out on most payments`,
    failingProviders: [failingGateway],
    failureReason: 'timeout',
  };
  const { [failingGateway]: moved = 0, ...others } = paymentProviders;
  const onBackup: Scenario = {
    ...sale,
    description: `payments that went to ${failingGateway} go to ${backupGateway}`,
    providerWeights: { ...others, [backupGateway]: (others[backupGateway] ?? 0) + moved },
  };
  const minutes = (seconds: number) => `${Math.round(seconds / 6) / 10} min`;
  const total = timing.normalPhaseSeconds + timing.reactionSeconds + timing.recoverySeconds;
  return {
    name: 'flash-sale',
    title: 'Flash sale: a payment gateway times out 90 minutes in',
    compression: `a 4-hour sale in ${minutes(total)} (phases shortened; traffic, windows and alerts run in real time)`,
    steps: [
      { atSeconds: 0, traffic: sale, narration: 'the sale starts: three times the visitors, conversion as usual' },
      {
        atSeconds: timing.normalPhaseSeconds,
        traffic: gatewayDown,
        narration: `90 minutes in (${minutes(timing.normalPhaseSeconds)} here): ${failingGateway} starts timing out; paid checkouts drop`,
      },
    ],
    incidentStep: 1,
    reaction: {
      key: 'b',
      afterSeconds: timing.reactionSeconds,
      prompt: `press b to switch ${failingGateway}'s payments to the backup processor (${backupGateway})`,
      steps: [
        {
          atSeconds: 0,
          traffic: onBackup,
          narration: `the team switches ${failingGateway}'s payments to ${backupGateway}; conversion recovers`,
        },
        {
          atSeconds: timing.recoverySeconds,
          traffic: scenarios.normal,
          narration: 'the sale ends; traffic is back to normal',
        },
      ],
    },
    expectedAlerts: [
      { alertname: 'payment_error_spike', labels: { payment_provider: failingGateway } },
      { alertname: 'checkout_conversion_anomaly' },
    ],
  };
}

export interface ReleaseTiming {
  /** Normal traffic before the release. */
  readonly beforeSeconds: number;
  /** How long the team takes to roll back when nobody presses the key. */
  readonly reactionSeconds: number;
  /** Normal traffic after the rollback. */
  readonly afterSeconds: number;
}

export const defaultReleaseTiming: ReleaseTiming = { beforeSeconds: 60, reactionSeconds: 300, afterSeconds: 240 };

const brokenBrowser = { browser: 'chrome', version: '131' } as const;

/**
 * A release after which one browser version's API errors jump five-fold and more within minutes;
 * the team sees which browser and version, and rolls back.
 */
export function releaseStory(timing: ReleaseTiming = defaultReleaseTiming): Story {
  const released: Scenario = {
    ...daytime,
    name: 'browser-bug',
    description: `release 2026.11.3 breaks the API for ${brokenBrowser.browser} ${brokenBrowser.version}`,
    brokenBrowserVersion: { ...brokenBrowser, errorRate: 8 * scenarios.normal.apiErrorRate },
  };
  return {
    name: 'release',
    title: `Release: API errors jump for ${brokenBrowser.browser} ${brokenBrowser.version} only`,
    compression: 'real time: the release, the errors and the rollback take minutes as they would',
    steps: [
      { atSeconds: 0, traffic: daytime, narration: 'normal traffic before the release' },
      {
        atSeconds: timing.beforeSeconds,
        traffic: released,
        narration: `release 2026.11.3 is deployed; ${brokenBrowser.browser} ${brokenBrowser.version}'s API errors jump 8×`,
      },
    ],
    incidentStep: 1,
    reaction: {
      key: 'r',
      afterSeconds: timing.reactionSeconds,
      prompt: 'press r to roll the release back',
      steps: [
        { atSeconds: 0, traffic: daytime, narration: 'the team rolls back; errors return to normal' },
        { atSeconds: timing.afterSeconds, traffic: scenarios.normal, narration: 'the story ends' },
      ],
    },
    expectedAlerts: [
      {
        alertname: 'api_error_browser_spike',
        labels: { browser: brokenBrowser.browser, browser_version: brokenBrowser.version },
      },
    ],
  };
}

export const stories: Readonly<Record<StoryName, () => Story>> = {
  'flash-sale': () => flashSaleStory(),
  release: () => releaseStory(),
};

export function isStoryName(name: string): name is StoryName {
  return Object.hasOwn(stories, name);
}
