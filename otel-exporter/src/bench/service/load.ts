import { Agent, request } from 'node:http';
import { LogsExportClient } from '../../serve/testing/grpcExport';

/** A closed-loop load: `concurrency` senders each send their next request when the last is answered. */

export interface LoadResult {
  readonly eventsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Events in requests answered 2xx (gRPC: OK). */
  readonly acknowledged: number;
  readonly failed: number;
}

/** Sends one request; resolves whether it was acknowledged. */
export type Send = () => Promise<boolean>;

export function httpSender(url: string, body: Buffer, contentType: string): { send: Send; close(): void } {
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const target = new URL(url);
  const send: Send = () =>
    new Promise((resolve) => {
      const outgoing = request(
        {
          agent,
          host: target.hostname,
          port: target.port,
          path: '/v1/logs',
          method: 'POST',
          headers: { 'Content-Type': contentType, 'Content-Length': body.length },
        },
        (response) => {
          response.resume();
          response.on('end', () => resolve((response.statusCode ?? 0) < 300));
        }
      );
      outgoing.on('error', () => resolve(false));
      outgoing.end(body);
    });
  return { send, close: () => agent.destroy() };
}

export function grpcSender(address: string, body: Buffer): { send: Send; close(): void } {
  const client = new LogsExportClient(address);
  return { send: async () => (await client.export(body)) === null, close: () => client.close() };
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
}

export async function runLoad(
  send: Send,
  requests: number,
  eventsPerRequest: number,
  concurrency: number
): Promise<LoadResult> {
  const latencies: number[] = [];
  let next = 0;
  let acknowledged = 0;
  let failed = 0;
  const start = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < requests) {
        next++;
        const sent = process.hrtime.bigint();
        const ok = await send();
        latencies.push(Number(process.hrtime.bigint() - sent) / 1e6);
        if (ok) acknowledged += eventsPerRequest;
        else failed++;
      }
    })
  );
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  latencies.sort((a, b) => a - b);
  return {
    eventsPerSecond: (requests * eventsPerRequest) / seconds,
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
    acknowledged,
    failed,
  };
}
