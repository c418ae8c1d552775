/**
 * The live demo: three weeks of shop history are simulated through the exporter and backfilled
 * into a real Prometheus, then the shop's traffic continues live through the real OTel Logs API
 * into the same in-process Nowcast exporter; Prometheus scrapes it and evaluates the rules
 * generated from the shop spec; a real Alertmanager routes the alerts to a webhook that prints
 * them here; the panel preview shows funnels and live activity. Keys 1–5 switch the traffic
 * scenario; `--story` plays one of the two stories Nowcast exists for.
 *
 *   npm run demo [-- --story flash-sale|release] [--scenario normal --next payment-outage --after 6]
 *                [--seed 7 --minutes 0 --history-days 21] [--exporter-only]
 *
 * `--exporter-only` runs just the shop, its exporter (127.0.0.1:9464) and the webhook, for a
 * Prometheus, Alertmanager and Grafana of your own (examples/compose/docker-compose.yaml).
 */
import type { ChildProcess } from 'node:child_process';
import { parseArgs } from 'node:util';
import { isScenarioName, scenarios, type ScenarioName } from '../traffic/scenarios';
import { playStory } from '../stories/playStory';
import { isStoryName, stories } from '../stories/stories';
import { trafficStage } from '../stories/trafficStage';
import { describeNotification, type WebhookNotification } from './notifications';
import { startPreview } from './preview';
import { portNear, startShop, type Shop } from './shop';
import { startShopStack, type ShopStack } from './stack';

const scenarioKeys: readonly ScenarioName[] = [
  'normal',
  'flash-sale',
  'payment-outage',
  'browser-bug',
  'tracking-down',
];

function log(line: string): void {
  process.stdout.write(`${new Date().toISOString().slice(11, 19)}  ${line}\n`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      scenario: { type: 'string', default: 'normal' },
      story: { type: 'string' },
      seed: { type: 'string', default: '7' },
      minutes: { type: 'string', default: '0' },
      next: { type: 'string' },
      after: { type: 'string', default: '5' },
      'history-days': { type: 'string', default: '21' },
      'exporter-only': { type: 'boolean', default: false },
    },
  });
  const first = scenarioNamed(values.scenario);
  const next = values.next === undefined ? undefined : scenarioNamed(values.next);
  const story = values.story === undefined ? undefined : storyNamed(values.story);
  const common = {
    seed: Number(values.seed),
    wellKnownPorts: true,
    log,
    onNotification: (notification: WebhookNotification) => {
      for (const line of describeNotification(notification)) log(`alert  ${line}`);
    },
  };
  const stack = values['exporter-only']
    ? undefined
    : await startShopStack({ ...common, historyDays: Number(values['history-days']), scrapeIntervalSeconds: 5 });
  const shop: Shop = stack ?? (await startShop({ ...common, historyDays: 0, historyStepSeconds: 60 }));
  const { traffic } = shop;
  log(`exporter      ${shop.exporterUrl}`);
  log(`webhook       http://127.0.0.1:${shop.webhookPort}  (Alertmanager's notifications print below)`);
  const preview = stack === undefined ? undefined : await startMonitoringViews(stack);

  traffic.setScenario(first);
  const switchTo = (name: ScenarioName) => {
    traffic.setScenario(name);
    log(`scenario      ${name}: ${scenarios[name].description}`);
  };
  // A scheduled switch shows an incident without a keyboard (recordings, a second terminal).
  const scheduled =
    next !== undefined && isScenarioName(next)
      ? setTimeout(() => switchTo(next), Number(values.after) * 60_000)
      : undefined;

  const storyStage = trafficStage(traffic, (line) => log(`story         ${line}`));
  if (process.stdin.isTTY) {
    process.stdin.setRawMode(true);
    process.stdin.on('data', (key: Buffer) => {
      const pressed = key.toString();
      if (pressed === 'q' || pressed === '\u0003') void stop();
      storyStage.press(pressed);
      const chosen = scenarioKeys[Number(pressed) - 1];
      if (chosen !== undefined) switchTo(chosen);
    });
  }
  if (story === undefined) {
    log(`scenario      ${traffic.scenarioName}: ${scenarios[traffic.scenarioName].description}`);
    if (process.stdin.isTTY)
      log(`keys          ${scenarioKeys.map((name, i) => `${i + 1} ${name}`).join(' · ')} · q quit`);
  } else {
    void playStory(stories[story](), storyStage.stage).then(() =>
      log('story         over; the demo keeps running (q quits)')
    );
  }

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    clearTimeout(scheduled);
    if (preview?.pid !== undefined) process.kill(-preview.pid, 'SIGTERM');
    await shop.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  const minutes = Number(values.minutes);
  if (minutes > 0) setTimeout(() => void stop(), minutes * 60_000);
}

/** Says where Prometheus and Alertmanager are and starts the panel preview on them. */
async function startMonitoringViews(stack: ShopStack): Promise<ChildProcess> {
  const { timings, prometheus, alertmanager } = stack;
  if (timings.historyEvents > 0) {
    log(
      `history       ready in ${timings.totalSeconds.toFixed(0)} s: simulated ${timings.historySeconds.toFixed(0)} s, ` +
        `imported ${timings.importSeconds.toFixed(0)} s, baselines recorded ${timings.rulesSeconds.toFixed(0)} s`
    );
  }
  log(`prometheus    ${prometheus.url}  (rules: provisioning/prometheus/rules)`);
  log(`alertmanager  ${alertmanager.url}`);
  const previewPort = await portNear(3030, true);
  log(`panel         http://127.0.0.1:${previewPort}  (funnel and live activity)`);
  return startPreview(stack, previewPort, 'inherit');
}

function scenarioNamed(name: string): ScenarioName {
  if (!isScenarioName(name)) {
    throw new Error(`unknown scenario "${name}"; choose one of: ${scenarioKeys.join(', ')}`);
  }
  return name;
}

function storyNamed(name: string): keyof typeof stories {
  if (!isStoryName(name)) throw new Error(`unknown story "${name}"; choose one of: ${Object.keys(stories).join(', ')}`);
  return name;
}

main().catch((error: unknown) => {
  process.stderr.write(`demo: ${(error as Error).message}\n`);
  process.exit(1);
});
