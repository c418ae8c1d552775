/**
 * Drives the host page in headless Chromium (playwright-core + the system's Chromium): open it,
 * load the plugin as Grafana does, render panels. Shared by the loader test, the bench and the
 * screenshot script.
 */
import type { Browser, Page } from 'playwright-core';
import type { PanelRenderSpec, PluginLoadResult } from './client/types';
import { pluginModuleUrl } from './hostServer';

export { chromiumArgs, launchChromium } from '@nowcast/test-support';

/** Opens the host page and loads the plugin; page errors are collected for the caller to assert on. */
export async function openHostPage(
  browser: Browser,
  url: string,
  viewport = { width: 900, height: 600 }
): Promise<{ page: Page; plugin: PluginLoadResult; pageErrors: string[] }> {
  const page = await browser.newPage({ viewport });
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('response', (response) => {
    // Grafana's global styles name its own fonts (public/fonts), which no package ships: the
    // browser falls back to the system's fonts, as Grafana does until they load.
    if (response.status() >= 400 && !new URL(response.url()).pathname.startsWith('/public/fonts/')) {
      pageErrors.push(`${response.status()} for ${response.url()}`);
    }
  });
  page.on('console', (message) => {
    // Failed requests are reported above with their URL.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
      pageErrors.push(message.text());
    }
  });
  await page.goto(url);
  await page
    .waitForFunction(() => 'nowcastHost' in window, undefined, { timeout: 20_000 })
    .catch((error: unknown) => {
      throw new Error(`The host page did not start: ${pageErrors.join('; ') || String(error)}`);
    });
  const plugin = await page.evaluate((moduleUrl) => window.nowcastHost.loadPlugin(moduleUrl), pluginModuleUrl);
  return { page, plugin, pageErrors };
}

export async function renderPanel(page: Page, spec: PanelRenderSpec): Promise<void> {
  await page.evaluate((s) => window.nowcastHost.render(s), spec);
}
