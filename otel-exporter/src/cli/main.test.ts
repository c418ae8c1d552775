import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliIo } from './io';
import { main } from './main';

function capture(): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (line) => stdout.push(line), err: (line) => stderr.push(line) };
}

const shopSpec = join(__dirname, '../../../examples/shop/analytics.yaml');

describe('nowcast-exporter validate', () => {
  it('prints a one-line summary and exits 0 for a valid spec', async () => {
    const io = capture();
    expect(await main(['validate', shopSpec], io)).toBe(0);
    expect(io.stderr).toEqual([]);
    expect(io.stdout).toEqual([
      `${shopSpec}: valid — 8 events, 3 funnels, 2 active-user scopes × 3 windows, 5 alerts; ` +
        'expected series: up to 18,382 labelled (budget 20,000) + 6,144 HLL registers; ' +
        'property values beyond maxValues count as __other__ until a kept value, unused for its idleTimeout, ' +
        'gives up its slot (listed values never do); an absent property is the empty value',
    ]);
  });

  it('prints every error with its line and exits 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nowcast-cli-'));
    const file = join(dir, 'analytics.yaml');
    writeFileSync(
      file,
      ['events:', '  a: {}', 'funnels:', '  f:', '    steps: [a, b]', '    window: 5 min', ''].join('\n')
    );
    const io = capture();
    expect(await main(['validate', file], io)).toBe(1);
    expect(io.stdout).toEqual([]);
    expect(io.stderr).toEqual([
      `${file}:5: funnels.f.steps[1]: unknown event "b"`,
      `${file}:6: funnels.f.window: "5 min" is not a duration; write it as Prometheus does, e.g. 30s, 5m, 1h30m, 7d`,
      `${file}: 2 errors`,
    ]);
  });

  it('refuses a spec that can outgrow its series budget and exits 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nowcast-cli-'));
    const file = join(dir, 'analytics.yaml');
    writeFileSync(file, 'limits: { seriesBudget: 100 }\nevents:\n  e:\n    properties: { a: { maxValues: 200 } }\n');
    const io = capture();
    expect(await main(['validate', file], io)).toBe(1);
    expect(io.stdout).toEqual([]);
    expect(io.stderr).toEqual([
      `${file}:1: limits.seriesBudget: the spec can produce up to 202 labelled series, over the budget of 100: ` +
        'lower maxValues (largest: events.e with 202 series) or raise limits.seriesBudget',
      `${file}: 1 error`,
    ]);
  });

  it('explains a missing file, a missing argument and an unknown command', async () => {
    let io = capture();
    expect(await main(['validate', '/nonexistent.yaml'], io)).toBe(1);
    expect(io.stderr[0]).toMatch(/^\/nonexistent.yaml: cannot read the spec: ENOENT/);
    io = capture();
    expect(await main(['validate'], io)).toBe(2);
    expect(io.stderr).toEqual(['Usage: nowcast-exporter validate <spec.yaml>']);
    io = capture();
    expect(await main(['frobnicate'], io)).toBe(2);
    expect(io.stderr[0]).toMatch(/^unknown command "frobnicate"/);
  });
});
