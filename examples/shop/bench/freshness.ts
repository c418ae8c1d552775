/**
 * Freshness of the whole path, on the demo's stack: (1) probe events emitted through the OTel Logs
 * API until an instant PromQL query sees each of them, beside the scrape interval + 1 s that bounds
 * it; (2) for each story, the incident's start until each expected alert reaches the webhook,
 * beside `for` + 2 evaluation intervals + `group_wait` of that alert.
 *
 *   npm run bench -w examples [-- --probes 50 --history-days 21 --no-stories]
 *                                [--screenshot docs/images/demo-flash-sale.png]
 *
 * `--screenshot` also writes the README's picture: the panel preview (payment funnel by provider)
 * at the moment the flash sale's alerts have all arrived.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { freePort, launchChromium } from '@nowcast/test-support';
import {
  aggregate,
  labelNames,
  matcher,
  overflowValue,
  productMetricNames,
  selector,
} from '@nowcast/otel-exporter/contract';
import { AlertLog } from '../stories/alertLog';
import { flashSaleStory, releaseStory } from '../stories/stories';
import { alertTimings, tellStory, until } from '../stories/tellStory';
import { startPreview } from '../demo/preview';
import { repoRoot } from '../demo/shop';
import { startShopStack, type ShopStack } from '../demo/stack';

const scrapeIntervalSeconds = 5;

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

function row(label: string, seconds: number, baselineSeconds: number, baselineLabel: string): string {
  return `${label.padEnd(44)} ${seconds.toFixed(2).padStart(7)} s   ${baselineLabel.padEnd(34)} ${baselineSeconds
    .toFixed(2)
    .padStart(7)} s   ratio ${(seconds / baselineSeconds).toFixed(2)}`;
}

/**
 * Each probe is a `signed_up` event whose platform the spec does not list, so it is counted under
 * the overflow value that the shop's own traffic never produces: the probe series moves only by
 * probes. Probes start at random moments of the scrape cycle.
 */
async function probeFreshness(stack: ShopStack, probes: number): Promise<number[]> {
  const names = productMetricNames(stack.spec.namespace);
  const probeSeries = aggregate(
    'sum',
    [],
    selector(names.events, [matcher(labelNames.event, 'signed_up'), matcher('platform', overflowValue)])
  );
  const seen = async () => (await stack.prometheus.query(probeSeries))[0]?.value ?? 0;
  const latencies: number[] = [];
  let expected = await seen();
  for (let i = 0; i < probes; i++) {
    await new Promise((resolve) => setTimeout(resolve, Math.random() * scrapeIntervalSeconds * 1000));
    const emittedAt = performance.now();
    stack.emit({ name: 'signed_up', time: Date.now(), userId: `probe-${i}`, attributes: { platform: 'probe' } });
    expected += 1;
    while ((await seen()) < expected) await new Promise((resolve) => setTimeout(resolve, 20));
    latencies.push((performance.now() - emittedAt) / 1000);
  }
  return latencies.sort((a, b) => a - b);
}

/** The panel preview on the stack, as the README shows it. */
async function screenshot(stack: ShopStack, file: string): Promise<void> {
  const port = await freePort();
  const preview = startPreview(stack, port, 'ignore', 'payment');
  try {
    const browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await until(
      'the preview',
      async () => ((await fetch(`http://127.0.0.1:${port}`).catch(() => undefined))?.ok ? true : undefined),
      120_000
    );
    await page.goto(`http://127.0.0.1:${port}`);
    // Two refreshes of the preview, so both panels show the latest scrape.
    await page.waitForTimeout(12_000);
    await page.screenshot({ path: resolve(repoRoot, file) });
    await browser.close();
    console.log(`wrote ${file}`);
  } finally {
    if (preview.pid !== undefined) process.kill(-preview.pid, 'SIGTERM');
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      probes: { type: 'string', default: '50' },
      'history-days': { type: 'string', default: '21' },
      'no-stories': { type: 'boolean', default: false },
      screenshot: { type: 'string' },
    },
  });
  const alerts = new AlertLog();
  const stack = await startShopStack({
    seed: 5,
    historyDays: Number(values['history-days']),
    wellKnownPorts: false,
    scrapeIntervalSeconds,
    log: (line) => console.log(line),
    onNotification: (notification, at) => alerts.add(notification, at),
  });
  try {
    console.log(
      `stack ready in ${stack.timings.totalSeconds.toFixed(0)} s (history ${stack.timings.historySeconds.toFixed(0)} s, ` +
        `import ${stack.timings.importSeconds.toFixed(0)} s, rules ${stack.timings.rulesSeconds.toFixed(0)} s)`
    );
    const latencies = await probeFreshness(stack, Number(values.probes));
    const bound = scrapeIntervalSeconds + 1;
    console.log(`\nevent → instant query, ${latencies.length} probes (scrape interval ${scrapeIntervalSeconds} s)`);
    console.log(row('p50', percentile(latencies, 50), bound, 'target: scrape interval + 1 s'));
    console.log(row('p95', percentile(latencies, 95), bound, 'target: scrape interval + 1 s'));
    if (values['no-stories']) return;
    const timings = await alertTimings(stack);
    const stories = [
      {
        story: flashSaleStory({ normalPhaseSeconds: 60, reactionSeconds: 600, recoverySeconds: 0 }),
        picture: values.screenshot,
      },
      { story: releaseStory({ beforeSeconds: 30, reactionSeconds: 600, afterSeconds: 0 }), picture: undefined },
    ];
    for (const { story, picture } of stories) {
      const outcome = await tellStory(
        stack,
        story,
        alerts,
        picture === undefined ? undefined : () => screenshot(stack, picture)
      );
      console.log(`\n${story.title}: incident → webhook`);
      for (const [alertname, delay] of outcome.delays) {
        const t = timings.get(alertname);
        const budget = t === undefined ? NaN : t.forSeconds + 2 * t.evaluationSeconds + t.groupWaitSeconds;
        console.log(row(alertname, delay, budget, 'for + 2 evaluations + group_wait'));
      }
      console.log(
        `resolved (no longer active in Alertmanager) ${outcome.resolvedAfterReactionSeconds.toFixed(0)} s after the team reacted`
      );
    }
  } finally {
    await stack.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
