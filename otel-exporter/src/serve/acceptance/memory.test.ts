import { join } from 'node:path';
import { Readable } from 'node:stream';
import { createGzip } from 'node:zlib';
import { defaultServiceLimits, peakMemoryBound } from '../limits/serviceLimits';
import { send, type Answer } from '../testing/http';
import { exportBody } from '../testing/otlpJson';
import { startServiceProcess } from '../testing/serviceProcess';
import { shopTraffic } from '../testing/shopTraffic';

/**
 * Memory is bounded by the limits, not by how many clients push at once: 100 concurrent requests
 * of the maximum size and 100 concurrent gzip bombs against `nowcast-exporter serve` with its
 * default limits keep its RSS within the bound the README states, and RSS returns near where it
 * started afterwards.
 */
jest.setTimeout(120_000);

const shopSpec = join(__dirname, '../../../../examples/shop/analytics.yaml');
const mib = 1024 * 1024;

/** An OTLP/JSON body of scripted events just under `bytes`. */
function bodyNear(bytes: number): Buffer {
  const sample = exportBody(shopTraffic('memory', 100)).length;
  let users = Math.floor((100 * bytes) / sample);
  let body = Buffer.from(exportBody(shopTraffic('memory', users)));
  while (body.length > bytes) {
    users = Math.floor(users * 0.98);
    body = Buffer.from(exportBody(shopTraffic('memory', users)));
  }
  return body;
}

function gzipBomb(bytes: number): Promise<Buffer> {
  const zeros = Buffer.alloc(mib);
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    const gzip = createGzip({ level: 9 });
    gzip.on('data', (part: Buffer) => parts.push(part));
    gzip.on('end', () => resolve(Buffer.concat(parts)));
    gzip.on('error', reject);
    Readable.from(Array.from({ length: bytes / mib }, () => zeros)).pipe(gzip);
  });
}

describe('memory under concurrent maximum-size requests and bombs', () => {
  it('stays under the stated bound and returns near its start', async () => {
    const limits = defaultServiceLimits;
    const bound = peakMemoryBound(limits);
    const [largest, bomb] = [bodyNear(limits.maxBodyBytes), await gzipBomb(1024 * mib)];
    const service = await startServiceProcess(shopSpec, ['--grpc-port', '0']);
    try {
      const url = `${service.url}/v1/logs`;
      const json = { 'Content-Type': 'application/json' };
      const gzip = { ...json, 'Content-Encoding': 'gzip' };
      const cold = service.rss();
      // The steady state: after one largest request (its users' funnel state is kept) and one bomb.
      expect((await send(url, { headers: json, body: largest })).status).toBe(200);
      expect((await send(url, { headers: gzip, body: bomb })).status).toBe(413);
      await new Promise((resolve) => setTimeout(resolve, 2000));
      const idle = service.rss();
      let peak = idle;
      const sampler = setInterval(() => (peak = Math.max(peak, service.rss())), 10);

      // Two waves of 100 concurrent requests: the largest bodies allowed, then gzip bombs of 1 GiB.
      const largestWave: Answer[] = await Promise.all(
        Array.from({ length: 100 }, () => send(url, { headers: json, body: largest }))
      );
      const bombWave: Answer[] = await Promise.all(
        Array.from({ length: 100 }, () => send(url, { headers: gzip, body: bomb }))
      );
      clearInterval(sampler);
      const statuses = (wave: Answer[]) => wave.map((a) => a.error ?? a.status);
      // Every client got an answer: counted, too large, or told to retry. No reset, no 500.
      expect(statuses(largestWave).filter((s) => s !== 200 && s !== 429 && s !== 503)).toEqual([]);
      expect(statuses(largestWave)).toContain(200);
      expect(statuses(bombWave).filter((s) => s !== 413 && s !== 429 && s !== 503)).toEqual([]);
      expect(statuses(bombWave)).toContain(413);

      // "Near": within a fifth of the bound. V8 hands pages back when its memory reducer runs on
      // an idle process; on a loaded machine that takes longer, hence the wait.
      const near = bound / 5;
      const settleDeadline = Date.now() + 45_000;
      let settled = service.rss();
      while (settled > idle + near && Date.now() < settleDeadline) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        settled = service.rss();
      }
      const report = `cold start ${(cold / mib).toFixed(0)} MiB, idle ${(idle / mib).toFixed(0)} MiB, peak ${(peak / mib).toFixed(0)} MiB (bound idle + ${(bound / mib).toFixed(0)} MiB), after ${(settled / mib).toFixed(0)} MiB (near: idle + ${(near / mib).toFixed(0)} MiB)`;
      console.log(`memory test: ${report}`);
      expect({ report, withinBound: peak - idle <= bound }).toEqual({ report, withinBound: true });
      expect({ report, returned: settled <= idle + near }).toEqual({ report, returned: true });
    } finally {
      service.signal('SIGKILL');
      await service.exited;
    }
  });
});
