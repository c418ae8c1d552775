import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MetricsHandler } from './metricsHandler';

export interface ListenOptions {
  /** 0 picks a free port. */
  readonly port: number;
  /** Defaults to 127.0.0.1; give 0.0.0.0 to be scraped from other hosts. */
  readonly host?: string;
  /** Defaults to /metrics. */
  readonly path?: string;
}

export interface MetricsServer {
  readonly server: Server;
  readonly address: AddressInfo;
  /** http://host:port/metrics */
  readonly url: string;
  close(): Promise<void>;
}

/** Starts `server` on the options' port and host; `url` ends with `path`. */
export function listenOn(server: Server, options: ListenOptions, path: string): Promise<MetricsServer> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      const address = server.address() as AddressInfo;
      const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      resolve({
        server,
        address,
        url: `http://${host}:${address.port}${path}`,
        close: () =>
          new Promise<void>((done, fail) => {
            server.close((error) => (error ? fail(error) : done()));
            // Scrapers keep connections alive; closing must not wait for them to time out.
            server.closeAllConnections();
          }),
      });
    });
  });
}

/** A standalone listener serving only the metrics path. */
export function listenForScrapes(handler: MetricsHandler, options: ListenOptions): Promise<MetricsServer> {
  const path = options.path ?? '/metrics';
  const server = createServer((req, res) => {
    if ((req.method === 'GET' || req.method === 'HEAD') && req.url?.split('?')[0] === path) {
      handler(req, res);
      return;
    }
    res.statusCode = 404;
    res.end(`not found; metrics are at ${path}\n`);
  });
  return listenOn(server, options, path);
}
