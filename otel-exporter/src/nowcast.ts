import type { LoggerProvider } from '@opentelemetry/api-logs';
import { UserIdPseudonymiser } from './exemplar/pseudonymiser';
import { listenForScrapes, type ListenOptions, type MetricsServer } from './expose/listen';
import { NowcastMetricProducer } from './expose/metricProducer';
import { createMetricsHandler, type MetricsHandler } from './expose/metricsHandler';
import { renderText, type TextFormat } from './expose/textExposition';
import { EventPipeline, sweepBudget } from './ingest/eventPipeline';
import type { IdentityAttributes } from './ingest/identity';
import { NowcastLogRecordProcessor } from './ingest/logRecordProcessor';
import { createTrack, type Track } from './ingest/track';
import type { AnalyticsSpec } from './spec/model';

export interface NowcastOptions {
  readonly spec: AnalyticsSpec;
  /** Epoch milliseconds; inject one in tests. Defaults to Date.now. */
  readonly clock?: () => number;
  /** Key of the keyed hash that pseudonymises exemplar user ids; else the `exemplars.keyEnv` variable; else random per process. */
  readonly userIdKey?: string;
  /** Which attributes carry the user and anonymous ids (defaults: user.id, enduser.id; anonymous.id). */
  readonly identity?: IdentityAttributes;
  /**
   * LoggerProvider `track()` emits through; defaults to the global one (NodeSDK registers it). A
   * function is read at each call, for a provider built after (and from) `processor`.
   */
  readonly loggerProvider?: LoggerProvider | (() => LoggerProvider);
  /** How often funnel attempts past the watermark settle and idle values retire, in ms (default 5000; 0 turns the timer off). */
  readonly sweepIntervalMs?: number;
  /** Environment read for the hash key (defaults to process.env). */
  readonly env?: NodeJS.ProcessEnv;
}

export interface Nowcast {
  /** Add to `LoggerProvider({ processors })` or `NodeSDK({ logRecordProcessors })`. */
  readonly processor: NowcastLogRecordProcessor;
  /** Emits a product event through the OTel Logs API. */
  readonly track: Track;
  /** `(req, res)` serving /metrics for node:http, Express, Fastify (`reply.raw`). */
  readonly metricsHandler: MetricsHandler;
  /** The same data for any OTel MetricReader (`metricProducers: [producer]`). */
  readonly producer: NowcastMetricProducer;
  /** A standalone /metrics listener (127.0.0.1 unless `host` says otherwise). */
  listen(options: ListenOptions): Promise<MetricsServer>;
  /** The exposition text, as a scraper would get it. */
  metrics(format?: TextFormat): string;
  /**
   * Settles now what the watermark passed (funnel outcomes, orphan steps) and retires idle property
   * values; the timer does it every `sweepIntervalMs`, in bounded slices until nothing due is left.
   */
  sweep(): void;
  /** The in-process aggregation, for inspection and tests. */
  readonly pipeline: EventPipeline;
  /** Stops the sweep timer and closes listeners opened by `listen`. */
  shutdown(): Promise<void>;
}

/** Wires the exporter for a spec: one pipeline, its inputs (processor, track) and outputs. */
export function createNowcast(options: NowcastOptions): Nowcast {
  const clock = options.clock ?? Date.now;
  const { spec } = options;
  const pipeline = new EventPipeline(spec, { clock, identity: options.identity });
  const processor = new NowcastLogRecordProcessor(pipeline);
  const users = new UserIdPseudonymiser(
    spec.exemplars.userId,
    UserIdPseudonymiser.keyFrom(options.userIdKey, spec.exemplars.keyEnv, options.env)
  );
  const metrics = (format: TextFormat = 'prometheus') => renderText(pipeline, format, users);
  const metricsHandler = createMetricsHandler(metrics);
  const servers = new Set<MetricsServer>();
  /** Returns true when nothing due is left. */
  const sweep = (budget = Infinity): boolean => {
    try {
      return pipeline.sweep(budget);
    } catch {
      pipeline.self.drop('internal_error');
      return true;
    }
  };
  // Each slice does bounded work on the host's event loop; what is left continues in the next
  // slice after pending I/O, so a surge of attempts to settle never waits for the next tick.
  let nextSlice: NodeJS.Immediate | undefined;
  const sweepInSlices = () => {
    nextSlice = sweep(sweepBudget) ? undefined : setImmediate(sweepInSlices).unref();
  };
  const interval = options.sweepIntervalMs ?? 5000;
  const timer =
    interval > 0
      ? setInterval(() => {
          if (nextSlice === undefined) sweepInSlices();
        }, interval)
      : undefined;
  timer?.unref();
  return {
    processor,
    track: createTrack(spec, pipeline, processor, options.loggerProvider, options.identity),
    metricsHandler,
    producer: new NowcastMetricProducer(pipeline, clock),
    async listen(listenOptions) {
      const server = await listenForScrapes(metricsHandler, listenOptions);
      servers.add(server);
      return {
        ...server,
        close: async () => {
          servers.delete(server);
          await server.close();
        },
      };
    },
    metrics,
    sweep,
    pipeline,
    async shutdown() {
      if (timer !== undefined) clearInterval(timer);
      if (nextSlice !== undefined) clearImmediate(nextSlice);
      await Promise.all([...servers].map((s) => s.close()));
      servers.clear();
    },
  };
}
