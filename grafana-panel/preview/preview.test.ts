/**
 * @jest-environment node
 *
 * The preview against a real Prometheus that scrapes a tiny target serving fixed OpenMetrics
 * (counters that grow by fixed amounts each scrape, exemplars with user pseudonyms and trace
 * ids) and records the active-user estimate with a real recording rule.
 */
import { requireBinary, startPrometheus, tempDir, type RunningPrometheus } from '@nowcast/test-support';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import type { PanelRenderSpec } from '../host/client/types';
import { launchChromium } from '../host/browser';
import { startPreview, type RunningPreview } from './index';

// Chromium and Prometheus take seconds to start; the default 5 s is for unit tests.
jest.setTimeout(60_000);

const outputDir = resolve(__dirname, '..', '..', 'test-output', 'grafana-panel');
const perScrape: Array<[string, number]> = [
  ['product_viewed', 100],
  ['cart_added', 60],
  ['checkout_started', 30],
  ['payment_succeeded', 24],
];

/** OpenMetrics text for the n-th scrape: counters grow by `perScrape`, so increase() ratios are fixed. */
function metricsText(scrape: number): string {
  const steps = perScrape.map(
    ([step, count], index) =>
      `product_funnel_step_total{funnel="checkout",step="${step}",step_index="${index}"} ${count * scrape}`
  );
  // Closed attempts by furthest step: as many reach each step as the step counters say (40 end at the first…).
  const outcomes = perScrape.map(
    ([, count], reached) =>
      `product_funnel_attempts_total{funnel="checkout",reached_step="${reached}"} ${(count - (perScrape[reached + 1]?.[1] ?? 0)) * scrape}`
  );
  const trace = (n: number) => createHash('md5').update(String(n)).digest('hex');
  return [
    '# TYPE product_funnel_step counter',
    ...steps,
    '# TYPE product_funnel_attempts counter',
    ...outcomes,
    '# TYPE product_events counter',
    `product_events_total{event="cart_added"} ${6 * scrape} # {user_id="9f2c4e1a7b",trace_id="${trace(scrape * 2)}",span_id="00f067aa0ba902b7"} 1`,
    `product_events_total{event="payment_succeeded"} ${2 * scrape} # {user_id="41d8cd98f0",trace_id="${trace(scrape * 2 + 1)}",span_id="00f067aa0ba902b8"} 1`,
    '# TYPE test_active_users gauge',
    'test_active_users{scope="shop",window="5m"} 327',
    '# EOF',
    '',
  ].join('\n');
}

let target: Server;
let prometheus: RunningPrometheus;
let preview: RunningPreview;
let browser: Browser;
let rules: ReturnType<typeof tempDir>;

beforeAll(async () => {
  const executablePath = requireBinary('chromium');
  let scrapes = 0;
  target = createServer((_request, response) => {
    scrapes += 1;
    response.writeHead(200, { 'content-type': 'application/openmetrics-text; version=1.0.0; charset=utf-8' });
    response.end(metricsText(scrapes));
  });
  await new Promise<void>((done) => target.listen(0, '127.0.0.1', done));
  rules = tempDir('nowcast-preview-rules');
  const ruleFile = join(rules.path, 'active-users.yml');
  writeFileSync(
    ruleFile,
    'groups:\n  - name: test\n    rules:\n      - record: scope_window:product_active_users:estimate\n        expr: test_active_users\n'
  );
  prometheus = await startPrometheus({
    targets: [`127.0.0.1:${(target.address() as AddressInfo).port}`],
    ruleFiles: [ruleFile],
  });
  await prometheus.waitFor(
    'sum(increase(product_funnel_step_total[15m]))',
    (samples) => (samples[0]?.value ?? 0) > 0,
    30_000
  );
  await prometheus.waitFor('scope_window:product_active_users:estimate', (samples) => samples.length === 1, 30_000);
  preview = await startPreview({ prometheusUrl: prometheus.url, refreshSeconds: 1 });
  browser = await launchChromium(executablePath);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await preview?.close();
  await prometheus?.stop();
  target?.close();
  rules?.remove();
});

describe('preview against a real Prometheus', () => {
  it('runs the dashboard’s queries through Grafana’s steps: frames as the backend sends them, exemplars sampled', async () => {
    const specs = (await (await fetch(new URL('preview/specs', preview.url))).json()) as PanelRenderSpec[];
    const [funnel, live] = specs;
    expect(funnel?.state).toBe('Done');
    const steps = funnel!.scene.response.frames
      .filter((frame) => frame.schema?.refId === 'A')
      .map((frame) => frame.schema?.fields[1]?.labels?.step);
    expect(steps.sort()).toEqual(['cart_added', 'checkout_started', 'payment_succeeded', 'product_viewed']);
    expect(live?.state).toBe('Streaming');
    const exemplars = live!.scene.response.frames.find((frame) => frame.schema?.name === 'exemplar');
    expect(exemplars?.schema?.meta?.custom).toEqual({ resultType: 'exemplar' });
    const users = exemplars?.schema?.fields.findIndex((field) => field.name === 'user_id') ?? -1;
    expect(exemplars?.data?.values[users]).toEqual(expect.arrayContaining(['9f2c4e1a7b']));
    // Not every exemplar Prometheus stored: Grafana's sampler keeps one per 1 s step of the feed query.
    const times = (exemplars?.data?.values[0] ?? []) as number[];
    const stored = (
      await prometheus.queryExemplars('product_events_total', times[0]! / 1000, times[times.length - 1]! / 1000)
    )
      .flatMap((series) => series.exemplars)
      .filter((exemplar) => exemplar.timestamp * 1000 <= times[times.length - 1]!);
    expect(new Set(times.map((time) => Math.floor(time / 1000))).size).toBe(times.length);
    expect(times.length).toBeLessThan(stored.length);
  });

  it('renders the built plugin with live data in Chromium and refreshes it', async () => {
    const page = await browser.newPage({ viewport: { width: 1340, height: 480 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(preview.url);
    await page.getByRole('img', { name: /^cart_added: .*, 60\.0% of first step/ }).waitFor({ timeout: 30_000 });
    await expect(page.locator('#funnel').innerText()).resolves.toContain('Settled');
    await expect(page.getByTestId('active-users').innerText()).resolves.toBe('327');
    await page.getByTestId('feed-event').first().waitFor();
    await expect(page.locator('#live').innerText()).resolves.toMatch(/9f2c4e1a7b|41d8cd98f0/);
    const first = await page.evaluate(() => Number(document.documentElement.dataset.refreshed));
    await page.waitForFunction((before) => Number(document.documentElement.dataset.refreshed) > before, first, {
      timeout: 10_000,
    });
    await page.screenshot({ path: join(outputDir, 'preview.png') });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows Prometheus’s error in the panel when Prometheus is unreachable', async () => {
    const unreachable = await startPreview({ prometheusUrl: 'http://127.0.0.1:9', refreshSeconds: 60 });
    try {
      const specs = (await (await fetch(new URL('preview/specs', unreachable.url))).json()) as PanelRenderSpec[];
      for (const spec of specs) {
        expect(spec.scene.response.errors[0]?.message).toContain('Prometheus at http://127.0.0.1:9 did not answer');
      }
    } finally {
      await unreachable.close();
    }
  });
});
