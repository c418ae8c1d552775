import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const bin = join(__dirname, '../../../bin/nowcast-exporter.js');

/** `nowcast-exporter serve` as a user runs it: the built bin in its own process. */
export interface ServiceProcess {
  readonly pid: number;
  /** http://host:port of the HTTP listener. */
  readonly url: string;
  /** host:port of the `/metrics` listener, for a Prometheus target. */
  readonly target: string;
  /** Resident set size now, from /proc (Linux). */
  rss(): number;
  signal(name: NodeJS.Signals): void;
  /** Resolves with the exit code (or the signal that ended it). */
  readonly exited: Promise<number | NodeJS.Signals>;
  output(): string;
}

/** Starts `nowcast-exporter serve <spec> --port 0 …args` and waits for the line naming its addresses. */
export async function startServiceProcess(spec: string, args: readonly string[] = []): Promise<ServiceProcess> {
  const child = spawn(process.execPath, [bin, 'serve', spec, '--port', '0', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | NodeJS.Signals>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? -1))
  );
  process.once('exit', () => child.kill('SIGKILL'));
  const deadline = Date.now() + 20_000;
  let metricsUrl: string | undefined;
  while (metricsUrl === undefined) {
    metricsUrl = /metrics at (\S+)/.exec(output)?.[1];
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`nowcast-exporter serve did not start:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const metrics = new URL(metricsUrl);
  const pid = child.pid ?? -1;
  return {
    pid,
    url: metrics.origin,
    target: metrics.host,
    rss() {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const kib = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
      if (kib === undefined) throw new Error(`no VmRSS for ${pid}`);
      return Number(kib) * 1024;
    },
    signal: (name) => child.kill(name),
    exited,
    output: () => output,
  };
}
