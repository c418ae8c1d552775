/**
 * The preview: the built plugin, loaded as Grafana loads it, rendering live Prometheus data as
 * Grafana would deliver it (`previewData.ts`), every few seconds — for developers and the demo
 * where no Grafana is at hand.
 */
import type { ServerResponse } from 'node:http';
import { pluginModuleUrl, startHostServer } from '../host/hostServer';
import { previewSpecs, validateRange, type PreviewDataOptions } from './previewData';

export interface PreviewOptions {
  /** Base URL of Prometheus, e.g. http://127.0.0.1:9090. */
  readonly prometheusUrl: string;
  readonly port?: number;
  readonly host?: string;
  readonly funnel?: string;
  readonly namespace?: string;
  /** Funnel counting range (Grafana's `$__range`), default 15m. */
  readonly range?: string;
  readonly scope?: string;
  readonly window?: string;
  readonly theme?: 'light' | 'dark';
  readonly refreshSeconds?: number;
}

export interface RunningPreview {
  readonly url: string;
  close(): Promise<void>;
}

/** The page's refresh loop: load the plugin once, then fetch fresh specs and render them. */
function refreshScript(refreshSeconds: number): string {
  return `(async () => {
  const host = window.nowcastHost;
  const plugin = await host.loadPlugin(${JSON.stringify(pluginModuleUrl)});
  if (!plugin.isPanelPlugin) { document.body.textContent = 'module.js did not export a PanelPlugin'; return; }
  const tick = async () => {
    try {
      const specs = await (await fetch('/preview/specs', { cache: 'no-store' })).json();
      for (const spec of specs) { await host.render(spec); }
      document.documentElement.dataset.refreshed = String(Date.now());
    } catch (error) { console.warn('preview refresh failed', error); }
    setTimeout(tick, ${Math.round(refreshSeconds * 1000)});
  };
  tick();
})();
`;
}

function sendJson(response: ServerResponse, body: unknown): void {
  response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  response.end(JSON.stringify(body));
}

export async function startPreview(options: PreviewOptions): Promise<RunningPreview> {
  const prometheusUrl = new URL(options.prometheusUrl).toString().replace(/\/$/, '');
  const data: PreviewDataOptions = {
    prometheusUrl,
    namespace: options.namespace ?? 'product',
    funnel: options.funnel ?? 'checkout',
    range: options.range ?? '15m',
    scope: options.scope ?? '',
    window: options.window ?? '',
    theme: options.theme ?? 'dark',
    liveWindowSeconds: 15 * 60,
  };
  validateRange(data.range);
  const refreshSeconds = options.refreshSeconds ?? 5;
  return startHostServer({
    port: options.port ?? 0,
    host: options.host ?? '127.0.0.1',
    page: {
      title: `Nowcast panel preview · ${prometheusUrl}`,
      panels: ['funnel', 'live'],
      script: '/preview/refresh.js',
    },
    routes: async (request, response) => {
      const path = new URL(request.url ?? '/', 'http://preview').pathname;
      if (path === '/preview/specs') {
        sendJson(response, await previewSpecs(data));
        return true;
      }
      if (path === '/preview/refresh.js') {
        response.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
        response.end(refreshScript(refreshSeconds));
        return true;
      }
      return false;
    },
  });
}
