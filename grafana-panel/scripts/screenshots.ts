/**
 * `npm run screenshots -w grafana-panel`: the README's and plugin.json's screenshots, rendered by
 * the built plugin in Chromium from the host's scenes (the data through Grafana's steps): every
 * view in both themes at 1400 × 900, and every view in both themes at 340 × 230 on one sheet.
 */
import { requireBinary } from '@nowcast/test-support';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { PanelRenderSpec } from '../host/client/types';
import { launchChromium, openHostPage, renderPanel } from '../host/browser';
import { startHostServer } from '../host/hostServer';
import { breakdownScene, funnelScene, liveScene, lowVolumeScene, panelSizes, type SceneOptions } from '../host/scenes';

type Theme = PanelRenderSpec['theme'];
const themes: Theme[] = ['light', 'dark'];
const views: Array<[name: string, scene: (theme: Theme, options: SceneOptions) => Promise<PanelRenderSpec>]> = [
  ['funnel', (theme, options) => funnelScene(theme, options)],
  [
    'funnel-vertical',
    (theme, options) =>
      funnelScene(theme, { ...options, options: { orientation: 'vertical', percentBase: 'previous' } }),
  ],
  ['funnel-breakdown', (theme, options) => breakdownScene(theme, 4, 6, options)],
  ['funnel-low-volume', (theme, options) => lowVolumeScene(theme, options)],
  ['live', (theme, options) => liveScene(theme, options)],
];
const outputDir = join(__dirname, '..', 'src', 'img', 'screenshots');
const sheetSlots = views.flatMap(([name]) => themes.map((theme) => `${name}-${theme}`));

async function main(): Promise<void> {
  mkdirSync(outputDir, { recursive: true });
  const server = await startHostServer({
    page: { title: 'Nowcast panel screenshots', panels: ['panel', ...sheetSlots] },
  });
  const browser = await launchChromium(requireBinary('chromium'));
  try {
    const { page } = await openHostPage(browser, server.url, { width: 1480, height: 1000 });
    for (const [name, scene] of views) {
      for (const theme of themes) {
        await renderPanel(page, await scene(theme, { size: panelSizes.large }));
        const file = join(outputDir, `${name}-${theme}.png`);
        await page.locator('#panel').screenshot({ path: file });
        process.stdout.write(`${file}\n`);
      }
    }
    await page.evaluate(() => window.nowcastHost.unmount('panel'));
    for (const [name, scene] of views) {
      for (const theme of themes) {
        await renderPanel(page, { ...(await scene(theme, { size: panelSizes.small })), target: `${name}-${theme}` });
      }
    }
    // The sheet: five views a row, light above dark, on a neutral ground.
    await page.addStyleTag({
      content: `body { background: #8e8e8e !important; } #panel { display: none; } .panels { display: grid !important; grid-template-columns: repeat(${views.length}, 340px); grid-auto-flow: column; grid-template-rows: repeat(2, 230px); width: max-content; }`,
    });
    const file = join(outputDir, 'small-sizes.png');
    await page.locator('.panels').screenshot({ path: file });
    process.stdout.write(`${file}\n`);
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`screenshots: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
