/**
 * A local HTTP server that hosts the built plugin the way Grafana serves it
 * (`/public/plugins/<id>/module.js`), next to SystemJS and the host bundle. The Chromium
 * loader test, the bench and the preview all run on it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { hostPage, type HostPageOptions } from './hostPage';
import { pluginId } from './pluginJson';
import { ensureHostBundle } from './vendorBuild';

export const pluginModuleUrl = `/public/plugins/${pluginId}/module.js`;
const packageDir = resolve(__dirname, '..');
export const distDir = join(packageDir, 'dist');

const contentTypes: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.map': 'application/json; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
};

/** Icons Grafana ships itself but @grafana/ui's package does not (PanelChrome's streaming dot). */
const iconAliases: Record<string, string> = { 'icons/mono/circle-mono.svg': 'icons/unicons/circle.svg' };

/** Extra routes (the preview's data endpoint and script); return false to fall through. */
export type RouteHandler = (request: IncomingMessage, response: ServerResponse) => boolean | Promise<boolean>;

export interface HostServerOptions {
  readonly page: HostPageOptions;
  readonly port?: number;
  readonly host?: string;
  readonly routes?: RouteHandler;
}

export interface HostServer {
  readonly url: string;
  close(): Promise<void>;
}

function sendFile(response: ServerResponse, file: string): void {
  response.writeHead(200, {
    'content-type': contentTypes[extname(file)] ?? 'application/octet-stream',
    'cache-control': 'no-store',
  });
  response.end(readFileSync(file));
}

/** Resolves `relative` under `root`, refusing paths that climb out of it. */
function fileUnder(root: string, relative: string): string | undefined {
  const file = normalize(join(root, decodeURIComponent(relative)));
  return file.startsWith(root + sep) && existsSync(file) ? file : undefined;
}

export function assertPluginBuilt(): void {
  if (!existsSync(join(distDir, 'module.js'))) {
    throw new Error(`${join(distDir, 'module.js')} is missing: run \`npm run build -w grafana-panel\` first.`);
  }
}

export async function startHostServer(options: HostServerOptions): Promise<HostServer> {
  assertPluginBuilt();
  const hostBundle = await ensureHostBundle();
  const systemJsDir = join(require.resolve('systemjs/package.json', { paths: [packageDir] }), '..', 'dist');
  // Grafana serves @grafana/ui's icons from public/build/img; the package ships them.
  const uiImagesDir = join(
    require.resolve('@grafana/ui/package.json', { paths: [packageDir] }),
    '..',
    'dist',
    'public',
    'img'
  );
  const page = hostPage(options.page);

  const server = createServer((request, response) => {
    const handle = async () => {
      const path = new URL(request.url ?? '/', 'http://host').pathname;
      if (options.routes !== undefined && (await options.routes(request, response))) {
        return;
      }
      if (path === '/' || path === '/index.html') {
        response.writeHead(200, { 'content-type': contentTypes['.html']! });
        response.end(page);
        return;
      }
      if (path === '/favicon.ico') {
        response.writeHead(204);
        response.end();
        return;
      }
      if (path === '/host.js') {
        sendFile(response, hostBundle);
        return;
      }
      const systemFile = path.startsWith('/systemjs/')
        ? fileUnder(systemJsDir, path.slice('/systemjs/'.length))
        : undefined;
      const pluginFile = path.startsWith(`/public/plugins/${pluginId}/`)
        ? fileUnder(distDir, path.slice(`/public/plugins/${pluginId}/`.length))
        : undefined;
      const imagePath = path.startsWith('/public/build/img/') ? path.slice('/public/build/img/'.length) : undefined;
      const imageFile =
        imagePath === undefined ? undefined : fileUnder(uiImagesDir, iconAliases[imagePath] ?? imagePath);
      const file = systemFile ?? pluginFile ?? imageFile;
      if (file !== undefined) {
        sendFile(response, file);
        return;
      }
      response.writeHead(404, { 'content-type': 'text/plain' });
      response.end(`Not found: ${path}`);
    };
    handle().catch((error: unknown) => {
      if (!response.headersSent) {
        response.writeHead(500, { 'content-type': 'text/plain' });
      }
      response.end(`Host server error: ${error instanceof Error ? error.message : String(error)}`);
    });
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => done());
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${address.address.includes(':') ? `[${address.address}]` : address.address}:${address.port}/`,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}
