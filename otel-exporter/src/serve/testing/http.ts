import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';

/** What a client saw: the status (0 when the connection failed first), headers, body or the error code. */
export interface Answer {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  readonly error?: string;
}

export interface SendOptions {
  readonly method?: string;
  readonly headers?: Readonly<Record<string, string | number>>;
  /** A body, or chunks written one after another (a large upload without holding it whole). */
  readonly body?: Buffer | string | Iterable<Buffer>;
  /** Trust this CA (https only). */
  readonly ca?: Buffer;
  /** Leave the body unfinished: the request is held open until the returned `finish` is called. */
  readonly hold?: boolean;
}

/**
 * A plain node:http(s) request that reports what the client actually received, connection errors
 * included: a server that resets the connection before answering shows up as `error: 'ECONNRESET'`.
 */
export function send(url: string, options: SendOptions = {}): Promise<Answer> & { finish?: () => void } {
  const target = new URL(url);
  const request = target.protocol === 'https:' ? httpsRequest : httpRequest;
  let finish: (() => void) | undefined;
  const answer = new Promise<Answer>((resolve) => {
    const req = request(
      target,
      { method: options.method ?? 'POST', headers: { ...options.headers }, ca: options.ca, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() })
        );
        res.on('error', (error: NodeJS.ErrnoException) =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: '', error: error.code ?? error.message })
        );
      }
    );
    req.on('error', (error: NodeJS.ErrnoException) =>
      resolve({ status: 0, headers: {}, body: '', error: error.code ?? error.message })
    );
    const { body } = options;
    if (body === undefined || typeof body === 'string' || Buffer.isBuffer(body)) {
      if (body !== undefined) req.write(body);
    } else {
      const chunks = body[Symbol.iterator]();
      const writeMore = (): void => {
        for (let next = chunks.next(); !next.done; next = chunks.next()) {
          if (!req.write(next.value)) {
            req.once('drain', writeMore);
            return;
          }
        }
        if (!options.hold) req.end();
      };
      writeMore();
      if (options.hold) finish = () => req.end();
      return;
    }
    if (options.hold) finish = () => req.end();
    else req.end();
  });
  return Object.assign(answer, { finish: () => finish?.() });
}
