import type { RunningAlertmanager } from '@nowcast/test-support';
import type { ShopStack } from '../demo/stack';
import type { AlertLog, ReceivedAlert } from './alertLog';
import { playStory, type StoryTimeline } from './playStory';
import type { Story } from './stories';
import { trafficStage } from './trafficStage';

const secondsOf = (duration: string) => Number(/^(\d+)s$/.exec(duration)?.[1] ?? NaN);

/** The generated alert's `for`, its group's evaluation interval and its route's `group_wait`, in seconds. */
export interface AlertTiming {
  readonly forSeconds: number;
  readonly evaluationSeconds: number;
  readonly groupWaitSeconds: number;
}

export async function alertTimings(stack: ShopStack): Promise<Map<string, AlertTiming>> {
  const response = (await (await fetch(`${stack.prometheus.url}/api/v1/rules?type=alert`)).json()) as {
    data: {
      groups: { interval: number; rules: { name: string; duration: number; labels: Record<string, string> }[] }[];
    };
  };
  const timings = new Map<string, AlertTiming>();
  for (const group of response.data.groups) {
    for (const rule of group.rules) {
      timings.set(rule.name, {
        forSeconds: rule.duration,
        evaluationSeconds: group.interval,
        // The generated routes: critical alerts page after 10 s, the rest are grouped for 30 s.
        groupWaitSeconds: secondsOf(rule.labels.severity === 'critical' ? '10s' : '30s'),
      });
    }
  }
  return timings;
}

export async function until<T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
  timeoutMs: number
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

async function activeAlertNames(alertmanager: RunningAlertmanager): Promise<string[]> {
  return (await alertmanager.alerts()).map((alert) => alert.labels.alertname ?? '');
}

export interface StoryOutcome {
  readonly timeline: StoryTimeline;
  readonly fired: ReceivedAlert[];
  readonly firedBeforeIncident: ReceivedAlert[];
  /** Each expected alert's first arrival at the webhook after the incident. */
  readonly firstOf: Readonly<Record<string, ReceivedAlert>>;
  /** Seconds from the incident to each expected alert's first arrival at the webhook. */
  readonly delays: Map<string, number>;
  readonly resolvedAfterReactionSeconds: number;
}

/**
 * Plays a story on a stack; presses the story's key once every expected alert has arrived, then
 * waits until none of them is active in Alertmanager any more.
 */
export async function tellStory(
  stack: ShopStack,
  story: Story,
  alerts: AlertLog,
  /** Runs once every expected alert has arrived, before the team reacts (e.g. a screenshot). */
  whenAlerted: () => Promise<void> = async () => undefined
): Promise<StoryOutcome> {
  const narration: { line: string; at: number }[] = [];
  const { stage, press } = trafficStage(stack.traffic, (line) => narration.push({ line, at: Date.now() }));
  const played = playStory(story, stage);
  // The title, then one line per step: the incident's line is the story's incidentStep + 2nd.
  const incidentAt = await until('the incident', () => narration[story.incidentStep + 1]?.at, 600_000);
  const expected = story.expectedAlerts.map(({ alertname, labels }) => ({ alertname, labels: labels ?? {} }));
  const arrivals = await until(
    `${expected.map((e) => e.alertname).join(' and ')} at the webhook`,
    () => {
      const found = expected.map((e) => alerts.firstFiring(e.alertname, incidentAt, e.labels));
      return found.every((alert) => alert !== undefined) ? (found as ReceivedAlert[]) : undefined;
    },
    300_000
  );
  await whenAlerted();
  press(story.reaction.key);
  const reactedAt = Date.now();
  const names = new Set(expected.map((e) => e.alertname));
  await until(
    'the alerts to resolve',
    async () => ((await activeAlertNames(stack.alertmanager)).some((name) => names.has(name)) ? undefined : true),
    300_000
  );
  const resolvedAfterReactionSeconds = (Date.now() - reactedAt) / 1000;
  const timeline = await played;
  return {
    timeline,
    fired: alerts.firedBetween(incidentAt),
    firedBeforeIncident: alerts.firedBetween(timeline.startedAt, incidentAt),
    firstOf: Object.fromEntries(arrivals.map((alert) => [alert.alertname, alert])),
    delays: new Map(arrivals.map((alert) => [alert.alertname, (alert.receivedAt - incidentAt) / 1000])),
    resolvedAfterReactionSeconds,
  };
}
