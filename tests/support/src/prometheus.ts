import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { requireBinary } from './binaries';
import { freePort } from './ports';
import { startServer, tempDir } from './process';

/** The job name of the exporter targets (series scraped from them carry `job="nowcast"`). */
export const scrapeJobName = 'nowcast';

export interface PrometheusOptions {
  /** host:port targets scraped as job "nowcast" (loopback only). */
  readonly targets?: readonly string[];
  readonly scrapeInterval?: string;
  readonly evaluationInterval?: string;
  readonly ruleFiles?: readonly string[];
  /** host:port of an Alertmanager to send alerts to. */
  readonly alertmanager?: string;
  /** Listen here instead of a free port (the demo's well-known port). */
  readonly port?: number;
  /**
   * A TSDB folder to use (e.g. with backfilled history blocks), kept on stop; default a fresh
   * temporary one, removed on stop.
   */
  readonly storagePath?: string;
  /** How long the TSDB keeps samples (Prometheus' default is 15d; baselines need ≥ 3 weeks + 1 hour). */
  readonly retention?: string;
}

export interface PromSample {
  readonly metric: Record<string, string>;
  readonly value: number;
}

export interface PromExemplar {
  readonly labels: Record<string, string>;
  readonly value: number;
  readonly timestamp: number;
}

export interface RunningPrometheus {
  readonly url: string;
  /** Instant query; returns the vector (a scalar becomes one sample without labels). */
  query(promql: string, time?: number): Promise<PromSample[]>;
  queryExemplars(
    promql: string,
    startSeconds: number,
    endSeconds: number
  ): Promise<{ seriesLabels: Record<string, string>; exemplars: PromExemplar[] }[]>;
  /** Polls `query` until `accept` holds for its result, or fails with the last result. */
  waitFor(promql: string, accept: (samples: PromSample[]) => boolean, timeoutMs?: number): Promise<PromSample[]>;
  logs(): string;
  stop(): Promise<void>;
}

/** Starts a real Prometheus on a free loopback port, in a temp dir, with exemplar storage on. */
export async function startPrometheus(options: PrometheusOptions = {}): Promise<RunningPrometheus> {
  const binary = requireBinary('prometheus');
  const dir = tempDir('nowcast-prometheus');
  const port = options.port ?? (await freePort());
  const config = {
    global: {
      scrape_interval: options.scrapeInterval ?? '1s',
      evaluation_interval: options.evaluationInterval ?? '1s',
    },
    ...(options.ruleFiles === undefined ? {} : { rule_files: [...options.ruleFiles] }),
    ...(options.alertmanager === undefined
      ? {}
      : { alerting: { alertmanagers: [{ static_configs: [{ targets: [options.alertmanager] }] }] } }),
    scrape_configs:
      options.targets === undefined || options.targets.length === 0
        ? []
        : [{ job_name: scrapeJobName, static_configs: [{ targets: [...options.targets] }] }],
  };
  const configFile = join(dir.path, 'prometheus.yml');
  writeFileSync(configFile, stringify(config));
  const url = `http://127.0.0.1:${port}`;
  const server = await startServer(
    binary,
    [
      `--config.file=${configFile}`,
      `--storage.tsdb.path=${options.storagePath ?? join(dir.path, 'data')}`,
      ...(options.retention === undefined ? [] : [`--storage.tsdb.retention.time=${options.retention}`]),
      `--web.listen-address=127.0.0.1:${port}`,
      '--enable-feature=exemplar-storage',
      '--log.level=warn',
    ],
    `${url}/-/ready`
  );

  const api = async <T>(path: string, params: Record<string, string>): Promise<T> => {
    const response = await fetch(`${url}${path}?${new URLSearchParams(params).toString()}`);
    const body = (await response.json()) as { status: string; data: T; error?: string };
    if (body.status !== 'success') {
      throw new Error(`Prometheus ${path} failed for ${JSON.stringify(params)}: ${body.error ?? response.status}`);
    }
    return body.data;
  };

  const query = async (promql: string, time?: number): Promise<PromSample[]> => {
    const data = await api<{ resultType: string; result: unknown }>('/api/v1/query', {
      query: promql,
      ...(time === undefined ? {} : { time: String(time) }),
    });
    if (data.resultType === 'scalar') {
      const [, value] = data.result as [number, string];
      return [{ metric: {}, value: Number(value) }];
    }
    return (data.result as { metric: Record<string, string>; value: [number, string] }[]).map((s) => ({
      metric: s.metric,
      value: Number(s.value[1]),
    }));
  };

  return {
    url,
    query,
    async queryExemplars(promql, startSeconds, endSeconds) {
      const data = await api<
        {
          seriesLabels: Record<string, string>;
          exemplars: { labels: Record<string, string>; value: string; timestamp: number }[];
        }[]
      >('/api/v1/query_exemplars', { query: promql, start: String(startSeconds), end: String(endSeconds) });
      return data.map((d) => ({
        seriesLabels: d.seriesLabels,
        exemplars: d.exemplars.map((e) => ({ labels: e.labels, value: Number(e.value), timestamp: e.timestamp })),
      }));
    },
    async waitFor(promql, accept, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      let last: PromSample[] = [];
      while (Date.now() < deadline) {
        last = await query(promql);
        if (accept(last)) {
          return last;
        }
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      throw new Error(`timed out waiting on ${promql}; last result: ${JSON.stringify(last)}`);
    },
    logs: server.logs,
    async stop() {
      await server.stop();
      dir.remove();
    },
  };
}
