/**
 * @jest-environment node
 *
 * Acceptance: the built `dist/module.js` loads in real Chromium the way Grafana loads plugins
 * (SystemJS + AMD extra, shared externals from the real packages) and renders both views with
 * PanelProps made by Grafana's data steps (`grafana/`) from the generated dashboard's queries,
 * without serious accessibility violations, in both themes.
 */
import { requireBinary } from '@nowcast/test-support';
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { PluginLoadResult } from './client/types';
import { launchChromium, openHostPage, renderPanel } from './browser';
import { startHostServer, type HostServer } from './hostServer';
import { breakdownScene, funnelScene, liveScene, lowVolumeScene, noDataScene } from './scenes';

// Chromium and Prometheus take seconds to start; the default 5 s is for unit tests.
jest.setTimeout(60_000);

const outputDir = resolve(__dirname, '..', '..', 'test-output', 'grafana-panel');
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

let server: HostServer;
let browser: Browser;
let page: Page;
let plugin: PluginLoadResult;
let pageErrors: string[];

beforeAll(async () => {
  const executablePath = requireBinary('chromium');
  mkdirSync(outputDir, { recursive: true });
  server = await startHostServer({ page: { title: 'Nowcast analytics panel', panels: ['panel'] } });
  browser = await launchChromium(executablePath);
  ({ page, plugin, pageErrors } = await openHostPage(browser, server.url));
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function seriousViolations(): Promise<string[]> {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run(
            context: string
          ): Promise<{ violations: Array<{ id: string; impact: string; help: string; nodes: unknown[] }> }>;
        };
      }
    ).axe;
    return (await axe.run('#panel')).violations;
  });
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.length} nodes)`);
}

describe('dist/module.js in Chromium, loaded as Grafana loads it', () => {
  it('exports a PanelPlugin built against the shared @grafana/data, with options and a migration handler', () => {
    expect(plugin.exportNames).toContain('plugin');
    expect(plugin.isPanelPlugin).toBe(true);
    expect(plugin.hasMigrationHandler).toBe(true);
    expect(plugin.optionPaths).toEqual(
      expect.arrayContaining(['mode', 'stepsRefIds', 'outcomesRefId', 'baselineRefId', 'calculation', 'feedRefId'])
    );
  });

  describe.each(['light', 'dark'] as const)('%s theme', (theme) => {
    it('renders the settled funnel with exact conversions, the baseline change and median times', async () => {
      await renderPanel(page, await funnelScene(theme));
      await expect(page.getByTestId('funnel-step').count()).resolves.toBe(4);
      const text = await page.locator('#panel').innerText();
      expect(text).toContain('Settled');
      expect(text).toContain('60.0%');
      expect(text).toContain('24.0%');
      expect(text).toContain('+4.0 pts');
      expect(text).toContain('400 dropped (40.0%)');
      expect(text).toContain('4 min 22 s');
      await expect(
        page
          .getByRole('img', { name: /^payment_succeeded: 240, 24\.0% of first step \(95 % interval 21\.5–26\.7%\)/ })
          .count()
      ).resolves.toBe(1);
      await expect(seriousViolations()).resolves.toEqual([]);
      await page.locator('#panel').screenshot({ path: join(outputDir, `funnel-${theme}.png`) });

      await renderPanel(
        page,
        await funnelScene(theme, { options: { orientation: 'vertical', percentBase: 'previous' } })
      );
      await expect(
        page.getByRole('img', { name: /^payment_succeeded: 240, 80\.0% of previous step/ }).count()
      ).resolves.toBe(1);
      await expect(seriousViolations()).resolves.toEqual([]);
    });

    it('marks a low-volume funnel as not enough data, with its intervals', async () => {
      await renderPanel(page, await lowVolumeScene(theme));
      await expect(page.getByText('not enough data', { exact: true }).count()).resolves.toBe(2);
      await expect(page.getByTestId('interval').count()).resolves.toBe(2);
      await expect(seriousViolations()).resolves.toEqual([]);
    });

    it('renders the funnel split by a label as small multiples', async () => {
      await renderPanel(page, await breakdownScene(theme));
      await expect(page.getByRole('region', { name: /^Funnel for country=/ }).count()).resolves.toBe(4);
      await expect(seriousViolations()).resolves.toEqual([]);
    });

    it('renders live activity while streaming: active users, event rates and the sampled feed', async () => {
      await renderPanel(page, await liveScene(theme));
      await expect(page.getByTestId('active-users').innerText()).resolves.toBe('327');
      await expect(page.getByTestId('feed-event').count()).resolves.toBe(15);
      const first = await page.getByTestId('feed-event').first().innerText();
      expect(first).toContain('2026-11-27 12:00:00');
      await expect(
        page
          .getByRole('link', { name: /^Trace / })
          .first()
          .getAttribute('href')
      ).resolves.toMatch(/^https:\/\/tempo\.example\/trace\/[0-9a-f]{32}$/);
      await expect(page.locator('#panel').innerText()).resolves.toContain(
        'Sample: Grafana keeps one event per 1 s step — 20 of ≈80 events'
      );
      await expect(seriousViolations()).resolves.toEqual([]);
    });

    it('says plainly when there is no data', async () => {
      await renderPanel(page, await noDataScene(theme));
      await expect(page.getByTestId('panel-nodata').innerText()).resolves.toContain('product_funnel_step_total');
      await expect(seriousViolations()).resolves.toEqual([]);
    });
  });

  it('ran without page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
