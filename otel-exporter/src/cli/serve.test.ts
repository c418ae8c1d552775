import { join } from 'node:path';
import type { CliIo } from './io';
import { main } from './main';
import { parseServeArgs } from './serve';

const shop = join(__dirname, '../../../examples/shop/analytics.yaml');

function capture(): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (line) => stdout.push(line), err: (line) => stderr.push(line) };
}

describe('nowcast-exporter serve', () => {
  it('serves until stopped, drains, then exits 0', async () => {
    const io = capture();
    const stop = new AbortController();
    const exit = main(
      ['serve', shop, '--port', '0', '--grpc-port', '0', '--scrape-interval', '100ms'],
      io,
      stop.signal
    );
    while (io.stdout.length === 0 && io.stderr.length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(io.stderr).toEqual([]);
    const url = /metrics at (\S+)/.exec(io.stdout[0] ?? '')?.[1];
    expect(io.stdout[0]).toMatch(/OTLP\/gRPC at 127\.0\.0\.1:\d+/);
    expect((await fetch(url ?? '')).status).toBe(200);
    stop.abort();
    expect(await exit).toBe(0);
    expect(io.stdout[1]).toMatch(/^nowcast-exporter: draining: .*keeping \/metrics up for 0\.2 s/);
  });

  it('explains bad arguments', async () => {
    const io = capture();
    expect(await main(['serve', 'a.yaml', '--port', 'x'], io, new AbortController().signal)).toBe(2);
    expect(io.stderr.join('\n')).toContain('unexpected "--port x"');
  });

  it('warns when it listens beyond loopback without ingest tokens', async () => {
    const io = capture();
    const stop = new AbortController();
    stop.abort();
    expect(
      await main(
        ['serve', shop, '--port', '0', '--no-grpc', '--host', '0.0.0.0', '--scrape-interval', '1ms'],
        io,
        stop.signal
      )
    ).toBe(0);
    expect(io.stderr.join('\n')).toMatch(/warning: listening on 0\.0\.0\.0 without ingest tokens/);
  });

  it('reads limits, tokens, TLS and CORS options, and tokens from the environment', () => {
    const parsed = parseServeArgs(
      [
        shop,
        '--max-body',
        '4MiB',
        '--max-in-flight',
        '8',
        '--max-in-flight-bytes',
        '32MiB',
        '--metrics-tokens',
        '/etc/nowcast/scrape',
        '--cors-origin',
        'https://shop.example.com',
        '--tls-cert',
        'c.pem',
        '--tls-key',
        'k.pem',
        '--no-grpc',
      ],
      { NOWCAST_INGEST_TOKENS: 'a, b' }
    );
    expect(parsed).toEqual({
      file: shop,
      options: {
        port: 9464,
        host: '127.0.0.1',
        grpcPort: undefined,
        limits: { maxBodyBytes: 4 * 1024 ** 2, maxInFlightRequests: 8, maxInFlightBytes: 32 * 1024 ** 2 },
        ingestTokens: { tokens: ['a', 'b'] },
        metricsTokens: { file: '/etc/nowcast/scrape' },
        corsOrigins: ['https://shop.example.com'],
        tls: { certFile: 'c.pem', keyFile: 'k.pem' },
      },
    });
    expect(parseServeArgs([shop, '--tls-cert', 'c.pem'], {})).toBe('TLS needs both --tls-cert and --tls-key');
    expect(parseServeArgs([shop, '--max-body', 'big'], {})).toMatch(/give a size such as 16MiB/);
  });
});
