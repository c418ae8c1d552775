import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { listenOn, type ListenOptions, type MetricsServer } from '../expose/listen';
import { defaultIdentityAttributes, type IdentityAttributes } from '../ingest/identity';
import type { Nowcast } from '../nowcast';
import { TokenSet, type TokenSource } from './auth/tokenSet';
import { startGrpcFrontEnd, type GrpcFrontEnd } from './grpc/grpcFrontEnd';
import { CorsPolicy } from './http/cors';
import { createRequestHandler } from './http/httpFrontEnd';
import { Lifecycle } from './lifecycle/lifecycle';
import { InFlight } from './limits/inFlight';
import { defaultServiceLimits, limitsProblem, type ServiceLimits } from './limits/serviceLimits';
import { serviceMetricsHandler } from './metrics/serviceExposition';
import { ServiceMetrics } from './metrics/serviceMetrics';
import type { ServiceParts } from './serviceParts';

export interface LogsServiceOptions extends ListenOptions {
  /** Port of the OTLP/gRPC listener on the same host (0 picks a free one); none when absent. */
  readonly grpcPort?: number;
  /** Tokens accepted on the ingest routes (bearer, or Segment's write key); open when absent. */
  readonly ingestTokens?: TokenSource;
  /** Tokens accepted on the metrics path; open when absent. */
  readonly metricsTokens?: TokenSource;
  /** Serve HTTPS and gRPC over TLS with these PEM files. */
  readonly tls?: { readonly certFile: string; readonly keyFile: string };
  /** Origins browsers may send from (`*` for any); none by default. */
  readonly corsOrigins?: readonly string[];
  readonly limits?: Partial<ServiceLimits>;
  /** The attributes Segment ids map to and records may inherit; the exporter's defaults otherwise. */
  readonly identity?: IdentityAttributes;
  /** The event a Segment `page` call counts as (default `page_viewed`). */
  readonly pageEvent?: string;
  /** How long `drain()` keeps /metrics up after the last request (default 30 s: two 15 s scrapes). */
  readonly drainGraceMs?: number;
}

export interface LogsService extends MetricsServer {
  /** host:port of the OTLP/gRPC listener, when there is one. */
  readonly grpcAddress: string | undefined;
  /**
   * What SIGTERM does: readiness fails, new ingest requests get 503, those in flight finish,
   * /metrics answers for the grace period, then everything closes.
   */
  drain(): Promise<void>;
}

export const defaultDrainGraceMs = 30_000;

/**
 * The standalone service: OTLP logs over HTTP (protobuf or JSON) at `POST /v1/logs` and over gRPC,
 * Segment calls at `POST /v1/{track,identify,page,batch}`, all into one pipeline; `GET /metrics`
 * for Prometheus, `/healthz` and `/readyz` for orchestrators.
 */
export async function startLogsService(nowcast: Nowcast, options: LogsServiceOptions): Promise<LogsService> {
  const limits: ServiceLimits = { ...defaultServiceLimits, ...options.limits };
  const problem = limitsProblem(limits);
  if (problem !== undefined) throw new Error(problem);
  const identity = options.identity ?? defaultIdentityAttributes;
  const inFlight = new InFlight(limits);
  const metrics = new ServiceMetrics(inFlight);
  const parts: ServiceParts = {
    nowcast,
    limits,
    shape: { maxAttributeDepth: limits.maxAttributeDepth, maxAttributes: limits.maxAttributes, identity },
    segment: { identity, pageEvent: options.pageEvent ?? 'page_viewed' },
    inFlight,
    lifecycle: new Lifecycle(inFlight),
    metrics,
    ingestTokens: new TokenSet(options.ingestTokens ?? {}),
    metricsTokens: new TokenSet(options.metricsTokens ?? {}),
    cors: new CorsPolicy(options.corsOrigins ?? []),
    metricsPath: options.path ?? '/metrics',
    metricsHandler: serviceMetricsHandler(nowcast, metrics),
  };
  const tls =
    options.tls === undefined
      ? undefined
      : { cert: readFileSync(options.tls.certFile), key: readFileSync(options.tls.keyFile) };
  const serverOptions = {
    headersTimeout: limits.headersTimeoutMs,
    // Node's own limit is a backstop behind the body timer, which answers 408 itself.
    requestTimeout: limits.headersTimeoutMs + limits.bodyTimeoutMs + 1000,
    // Timeouts are checked this often; Node's default (30 s) would let a stalled header sit that long.
    connectionsCheckingInterval: Math.max(100, Math.min(1000, limits.headersTimeoutMs / 4)),
  };
  const handler = createRequestHandler(parts);
  // https.Server has every member listenOn uses; node's types just do not share a base class.
  const server = (tls === undefined
    ? createHttpServer(serverOptions, handler)
    : createHttpsServer({ ...serverOptions, ...tls }, handler)) as unknown as Server;
  const http = await listenOn(server, options, '');
  let grpc: GrpcFrontEnd | undefined;
  try {
    grpc =
      options.grpcPort === undefined
        ? undefined
        : await startGrpcFrontEnd(parts, { port: options.grpcPort, host: options.host ?? '127.0.0.1', tls });
  } catch (error) {
    await http.close();
    throw error;
  }
  let closed: Promise<void> | undefined;
  const close = () => (closed ??= Promise.all([http.close(), grpc?.close()]).then(() => undefined));
  return {
    ...http,
    url: tls === undefined ? http.url : http.url.replace(/^http:/, 'https:'),
    grpcAddress: grpc?.address,
    close,
    async drain() {
      await parts.lifecycle.drain(
        options.drainGraceMs ?? defaultDrainGraceMs,
        limits.headersTimeoutMs + limits.bodyTimeoutMs
      );
      await close();
    },
  };
}
