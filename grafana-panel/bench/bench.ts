/**
 * `npm run bench -w grafana-panel` (not a test): in headless Chromium, with the plugin loaded as
 * Grafana loads it,
 * 1. the render time of a 20-step funnel broken down by 10 values (mount from scratch), beside
 *    Grafana's own BarGauge drawing the same 200 values (the baseline);
 * 2. the longest main-thread task while the live feed takes 1,000 events (100 streaming updates
 *    of 10), beside the same updates drawn by BarGauge;
 * 3. the size of dist/module.js (minified, externals excluded).
 * Targets: the funnel's mount at most half of BarGauge's, no task > 50 ms, ≤ 150 kB. Every
 * scene's data goes through the host's Grafana steps, as in the tests.
 */
import { requireBinary } from '@nowcast/test-support';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import type { PanelRenderSpec } from '../host/client/types';
import { launchChromium, openHostPage } from '../host/browser';
import { distDir, startHostServer } from '../host/hostServer';
import { breakdownScene, exemplarRows, liveScene, noDataScene } from '../host/scenes';

const runs = 15;

/** Mounts the spec afresh `runs` times (after warm-up) and returns the median main-thread ms. */
async function mountTimes(page: Page, spec: PanelRenderSpec, view: 'plugin' | 'baseline'): Promise<number> {
  return page.evaluate(
    async ({ spec, view, runs }) => {
      const host = window.nowcastHost;
      const times: number[] = [];
      for (let i = 0; i < runs + 3; i++) {
        host.unmount();
        await (view === 'plugin' ? host.render(spec) : host.renderBaseline(spec));
        if (i >= 3) {
          times.push(host.lastRenderMs());
        }
      }
      times.sort((a, b) => a - b);
      return times[Math.floor(times.length / 2)]!;
    },
    { spec, view, runs }
  );
}

/**
 * Mounts the panel with the first update, then streams the rest into it while a long-task
 * observer watches; the mount is reported on its own.
 */
async function streamingCost(page: Page, updates: PanelRenderSpec[], view: 'plugin' | 'baseline') {
  return page.evaluate(
    async ({ updates, view }) => {
      const host = window.nowcastHost;
      const draw = (spec: (typeof updates)[number]) =>
        view === 'plugin' ? host.render(spec) : host.renderBaseline(spec);
      host.unmount();
      await draw(updates[0]!);
      const mount = host.lastRenderMs();
      const longTasks: number[] = [];
      const observer = new PerformanceObserver((list) =>
        list.getEntries().forEach((entry) => longTasks.push(entry.duration))
      );
      observer.observe({ type: 'longtask', buffered: false });
      let slowestUpdate = 0;
      for (const update of updates.slice(1)) {
        await draw(update);
        slowestUpdate = Math.max(slowestUpdate, host.lastRenderMs());
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
      observer.disconnect();
      return { mount, longestTask: Math.max(0, ...longTasks), longTasks: longTasks.length, slowestUpdate };
    },
    { updates, view }
  );
}

const ms = (value: number) => `${value.toFixed(2)} ms`;
/** Chromium reports only tasks of 50 ms or more; none means every task stayed under 50 ms. */
const longest = (value: number, count: number) => (count === 0 ? 'none ≥ 50 ms' : ms(value));
const ratio = (ours: number, baseline: number) => (baseline > 0 ? `${(ours / baseline).toFixed(2)}×` : 'n/a');

async function main(): Promise<void> {
  const server = await startHostServer({ page: { title: 'Nowcast panel bench', panels: ['panel'] } });
  const browser = await launchChromium(requireBinary('chromium'));
  try {
    const { page, plugin } = await openHostPage(browser, server.url, { width: 1600, height: 1200 });
    if (!plugin.isPanelPlugin) {
      throw new Error('dist/module.js did not export a PanelPlugin');
    }
    const funnel = { ...(await breakdownScene('dark', 20, 10)), width: 1600, height: 1200 };
    const funnelOurs = await mountTimes(page, funnel, 'plugin');
    const funnelBaseline = await mountTimes(page, funnel, 'baseline');
    // What any panel costs here: Grafana's PanelChrome around the plugin's no-data message.
    const floor = await mountTimes(page, { ...(await noDataScene('dark')), width: 1600, height: 1200 }, 'plugin');

    // The first spec mounts the panel with 10 events; 100 updates then bring 1,000 more, each
    // update's events 3 s apart, so Grafana's 1 s sampling step keeps every one of them.
    const updates: PanelRenderSpec[] = await Promise.all(
      Array.from({ length: 101 }, (_, n) =>
        liveScene('dark', { options: { feedLength: 1000 }, exemplars: exemplarRows(10, (101 - n) * 30) })
      )
    );
    const liveOurs = await streamingCost(page, updates, 'plugin');
    const feedRows = await page.getByTestId('feed-event').count();
    const liveBaseline = await streamingCost(page, updates, 'baseline');

    const moduleJs = readFileSync(join(distDir, 'module.js'));
    const rows = [
      [
        '20-step funnel × 10 breakdowns, mount (median of 15)',
        ms(funnelOurs),
        ms(funnelBaseline),
        ratio(funnelOurs, funnelBaseline),
        '≤ 0.50×',
      ],
      ['  of which PanelChrome + host floor (no-data panel)', ms(floor), '', '', ''],
      [
        'live feed, 1,000 events in 100 updates: longest task',
        longest(liveOurs.longestTask, liveOurs.longTasks),
        longest(liveBaseline.longestTask, liveBaseline.longTasks),
        liveOurs.longTasks + liveBaseline.longTasks === 0 ? '' : ratio(liveOurs.longestTask, liveBaseline.longestTask),
        'no task > 50 ms',
      ],
      [
        'live view, first mount (before streaming)',
        ms(liveOurs.mount),
        ms(liveBaseline.mount),
        ratio(liveOurs.mount, liveBaseline.mount),
        '',
      ],
      [
        'live feed: slowest single update',
        ms(liveOurs.slowestUpdate),
        ms(liveBaseline.slowestUpdate),
        ratio(liveOurs.slowestUpdate, liveBaseline.slowestUpdate),
        '',
      ],
      [
        'dist/module.js (minified, externals excluded)',
        `${(moduleJs.length / 1024).toFixed(1)} kB`,
        '',
        '',
        '≤ 150 kB',
      ],
      ['dist/module.js gzipped', `${(gzipSync(moduleJs).length / 1024).toFixed(1)} kB`, '', '', ''],
    ];
    process.stdout.write(
      'Nowcast panel bench (Chromium, plugin loaded via SystemJS as Grafana does; baseline: @grafana/ui BarGauge, same data)\n'
    );
    process.stdout.write(`${['figure', 'panel', 'baseline', 'panel/baseline', 'target'].join(' | ')}\n`);
    for (const row of rows) {
      process.stdout.write(`${row.join(' | ')}\n`);
    }
    process.stdout.write(
      `(feed rows after streaming: ${feedRows}; long tasks ≥ 50 ms: panel ${liveOurs.longTasks}, baseline ${liveBaseline.longTasks})\n`
    );
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
