import type { IncomingMessage, ServerResponse } from 'node:http';
import { gzip } from 'node:zlib';
import { acceptsGzip, negotiateFormat } from './negotiate';
import { contentTypes, type TextFormat } from './textExposition';

/** A plain node:http handler; Express takes it as is, Fastify as `(req, reply) => handler(req.raw, reply.raw)`. */
export type MetricsHandler = (req: IncomingMessage, res: ServerResponse) => void;

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(',') : value;
}

function fail(res: ServerResponse, error: unknown): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.statusCode = 500;
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.end(`nowcast: could not render metrics: ${error instanceof Error ? error.message : String(error)}\n`);
}

/** Serves the exposition in the format the scraper asks for, gzipped when it accepts gzip. */
export function createMetricsHandler(render: (format: TextFormat) => string): MetricsHandler {
  return (req, res) => {
    try {
      const format = negotiateFormat(header(req.headers.accept));
      const body = render(format);
      res.setHeader('Content-Type', contentTypes[format]);
      res.setHeader('Vary', 'Accept, Accept-Encoding');
      if (!acceptsGzip(header(req.headers['accept-encoding']))) {
        res.end(body);
        return;
      }
      gzip(body, (error, zipped) => {
        if (error !== null) {
          fail(res, error);
          return;
        }
        res.setHeader('Content-Encoding', 'gzip');
        res.end(zipped);
      });
    } catch (error) {
      fail(res, error);
    }
  };
}
