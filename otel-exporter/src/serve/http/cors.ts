import type { IncomingMessage, ServerResponse } from 'node:http';

/** Request headers browsers may send to the ingest routes. */
const allowedHeaders = 'Content-Type, Content-Encoding, Authorization';

/**
 * Cross-origin access for browsers (Segment's analytics.js, the OTel web SDK): only origins on the
 * allow-list get CORS headers; `*` allows any origin (without credentials, as CORS requires).
 */
export class CorsPolicy {
  private readonly origins: ReadonlySet<string>;

  constructor(origins: readonly string[]) {
    this.origins = new Set(origins);
  }

  private allowedOrigin(req: IncomingMessage): string | undefined {
    const origin = req.headers.origin;
    if (origin === undefined) return undefined;
    if (this.origins.has(origin)) return origin;
    return this.origins.has('*') ? '*' : undefined;
  }

  /** Adds the headers that let an allowed origin read the answer. */
  decorate(req: IncomingMessage, res: ServerResponse): void {
    const origin = this.allowedOrigin(req);
    if (origin === undefined) return;
    res.setHeader('Access-Control-Allow-Origin', origin);
    res.setHeader('Vary', 'Origin');
    res.setHeader('Access-Control-Expose-Headers', 'Retry-After');
  }

  /** Answers a preflight: 204 with what the origin may send, or 403 for an origin not on the list. */
  preflight(req: IncomingMessage, res: ServerResponse): void {
    const origin = this.allowedOrigin(req);
    if (origin === undefined) {
      res.writeHead(403, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ error: 'this origin is not allowed (ask for it to be added with --cors-origin)' }));
      return;
    }
    this.decorate(req, res);
    res.writeHead(204, {
      'Access-Control-Allow-Methods': 'POST',
      'Access-Control-Allow-Headers': allowedHeaders,
      'Access-Control-Max-Age': '600',
    });
    res.end();
  }
}
