import { createNowcast } from '../nowcast';
import { defaultServiceLimits, type ServiceLimits } from '../serve/limits/serviceLimits';
import { defaultDrainGraceMs, startLogsService, type LogsServiceOptions } from '../serve/logsService';
import { parseDuration } from '../spec/duration';
import type { CliIo } from './io';
import { readSpec } from './readSpec';

export const serveUsage = `Usage: nowcast-exporter serve <spec.yaml> [options]
  --port 9464                  HTTP port: OTLP/HTTP and Segment in, /metrics, /healthz, /readyz out
  --host 127.0.0.1             address of both listeners (loopback unless you open it)
  --grpc-port 4317             OTLP/gRPC port (0 picks a free one); --no-grpc for none
  --ingest-tokens <file>       bearer tokens (or Segment write keys) accepted on ingest, one a line,
                               re-read when the file changes; also NOWCAST_INGEST_TOKENS=a,b
  --metrics-tokens <file>      bearer tokens accepted on /metrics; also NOWCAST_METRICS_TOKENS=a,b
  --tls-cert <file> --tls-key <file>   HTTPS and gRPC over TLS
  --cors-origin <origin>       a browser origin allowed to send (repeat it; * for any)
  --max-body 16MiB             largest request body as sent (413 beyond)
  --max-decompressed 16MiB     largest body after gzip or zstd (413 beyond)
  --max-in-flight 64           requests received or decoded at once (429 beyond)
  --max-in-flight-bytes 64MiB  body bytes held at once (503 beyond)
  --scrape-interval 15s        Prometheus' interval: on SIGTERM /metrics stays up for two of them`;

const sizeUnits: Readonly<Record<string, number>> = { '': 1, B: 1, KiB: 1024, MiB: 1024 ** 2, GiB: 1024 ** 3 };

/** "16MiB", "512KiB", "1048576". */
function parseSize(text: string): number | undefined {
  const match = /^(\d+)(B|KiB|MiB|GiB)?$/.exec(text);
  const unit = sizeUnits[match?.[2] ?? ''];
  return match === null || unit === undefined ? undefined : Number(match[1]) * unit;
}

function parsePort(text: string): number | undefined {
  return /^\d+$/.test(text) && Number(text) < 65536 ? Number(text) : undefined;
}

function tokensFromEnv(value: string | undefined): string[] | undefined {
  const tokens = (value ?? '').split(/[\s,]+/).filter((t) => t !== '');
  return tokens.length === 0 ? undefined : tokens;
}

interface ServeArgs {
  readonly file: string;
  readonly options: LogsServiceOptions;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Parses `serve` arguments; returns an error message for anything it cannot use. */
export function parseServeArgs(args: readonly string[], env: NodeJS.ProcessEnv): ServeArgs | string {
  const [file, ...flags] = args;
  if (file === undefined || file.startsWith('--')) return 'give the spec file first';
  const options: Mutable<LogsServiceOptions> = { port: 9464, host: '127.0.0.1', grpcPort: 4317 };
  const limits: Partial<Mutable<ServiceLimits>> = {};
  const cors: string[] = [];
  let certFile: string | undefined;
  let keyFile: string | undefined;
  const sizes: Readonly<Record<string, keyof ServiceLimits>> = {
    '--max-body': 'maxBodyBytes',
    '--max-decompressed': 'maxDecompressedBytes',
    '--max-in-flight-bytes': 'maxInFlightBytes',
  };
  for (let i = 0; i < flags.length; i++) {
    const flag = flags[i] ?? '';
    if (flag === '--no-grpc') {
      options.grpcPort = undefined;
      continue;
    }
    const value = flags[++i];
    const bad = `unexpected "${flag}${value === undefined ? '' : ` ${value}`}"`;
    if (value === undefined || value === '') return flag.startsWith('--') ? `${flag} needs a value` : bad;
    const size = sizes[flag];
    if (size !== undefined) {
      const bytes = parseSize(value);
      if (bytes === undefined || bytes === 0) return `${bad}: give a size such as 16MiB`;
      limits[size] = bytes;
      continue;
    }
    switch (flag) {
      case '--port':
      case '--grpc-port': {
        const port = parsePort(value);
        if (port === undefined) return bad;
        if (flag === '--port') options.port = port;
        else options.grpcPort = port;
        break;
      }
      case '--host':
        options.host = value;
        break;
      case '--ingest-tokens':
        options.ingestTokens = { file: value };
        break;
      case '--metrics-tokens':
        options.metricsTokens = { file: value };
        break;
      case '--tls-cert':
        certFile = value;
        break;
      case '--tls-key':
        keyFile = value;
        break;
      case '--cors-origin':
        cors.push(value);
        break;
      case '--max-in-flight':
        if (!/^[1-9]\d*$/.test(value)) return bad;
        limits.maxInFlightRequests = Number(value);
        break;
      case '--scrape-interval': {
        const interval = parseDuration(value);
        if (interval === undefined || interval.seconds <= 0) return `${bad}: give a duration such as 15s`;
        options.drainGraceMs = 2 * interval.seconds * 1000;
        break;
      }
      default:
        return bad;
    }
  }
  if ((certFile === undefined) !== (keyFile === undefined)) return 'TLS needs both --tls-cert and --tls-key';
  if (certFile !== undefined && keyFile !== undefined) options.tls = { certFile, keyFile };
  options.ingestTokens ??= envTokens(env.NOWCAST_INGEST_TOKENS);
  options.metricsTokens ??= envTokens(env.NOWCAST_METRICS_TOKENS);
  options.corsOrigins = cors;
  options.limits = limits;
  return { file, options };
}

function envTokens(value: string | undefined) {
  const tokens = tokensFromEnv(value);
  return tokens === undefined ? undefined : { tokens };
}

const loopback = /^(127\.|::1$|localhost$)/;

/** `serve`: the standalone service until `stop` aborts (SIGTERM), then a drain; resolves to the exit code. */
export async function serve(args: readonly string[], io: CliIo, stop: AbortSignal, env = process.env): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.out(serveUsage);
    return 0;
  }
  const parsed = parseServeArgs(args, env);
  if (typeof parsed === 'string') {
    io.err(`serve: ${parsed}\n${serveUsage}`);
    return 2;
  }
  const { file, options } = parsed;
  const spec = await readSpec(file, io);
  if (spec === undefined) return 1;
  if (!loopback.test(options.host ?? '') && options.ingestTokens === undefined) {
    io.err(
      `serve: warning: listening on ${options.host} without ingest tokens: anyone who can reach it can send events ` +
        '(give --ingest-tokens or NOWCAST_INGEST_TOKENS)'
    );
  }
  const nowcast = createNowcast({ spec });
  let service;
  try {
    service = await startLogsService(nowcast, options);
  } catch (error) {
    io.err(`serve: cannot start on ${options.host}: ${(error as Error).message}`);
    await nowcast.shutdown();
    return 1;
  }
  const grpc = service.grpcAddress === undefined ? '' : `, OTLP/gRPC at ${service.grpcAddress}`;
  io.out(
    `nowcast-exporter: OTLP/HTTP logs at ${service.url}/v1/logs, Segment at ${service.url}/v1/batch${grpc}, ` +
      `metrics at ${service.url}${options.path ?? '/metrics'}`
  );
  await new Promise<void>((resolve) => {
    if (stop.aborted) resolve();
    stop.addEventListener('abort', () => resolve(), { once: true });
  });
  const limits = { ...defaultServiceLimits, ...options.limits };
  io.out(
    `nowcast-exporter: draining: refusing new requests, finishing those in flight (at most ${
      (limits.headersTimeoutMs + limits.bodyTimeoutMs) / 1000
    } s), keeping /metrics up for ${(options.drainGraceMs ?? defaultDrainGraceMs) / 1000} s`
  );
  await service.drain();
  await nowcast.shutdown();
  return 0;
}
