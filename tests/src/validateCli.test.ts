import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const repoRoot = join(__dirname, '../..');

/** Runs the installed `nowcast-exporter` bin exactly as a user would, through npx from the repo root. */
function npxValidate(spec: string) {
  return spawnSync('npx', ['--no-install', 'nowcast-exporter', 'validate', spec], { cwd: repoRoot, encoding: 'utf8' });
}

describe('npx nowcast-exporter validate (built bin)', () => {
  it('exits 0 with a summary for the shop example', () => {
    const run = npxValidate('examples/shop/analytics.yaml');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(
      /^examples\/shop\/analytics\.yaml: valid — 8 events, 3 funnels, .* 5 alerts; expected series: /
    );
  });

  it('exits 1 with every error on a broken spec', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nowcast-validate-'));
    const spec = join(dir, 'analytics.yaml');
    writeFileSync(spec, 'events:\n  a: {}\nalerts:\n  x:\n    kind: spike\n    target: { event: b }\n');
    const run = npxValidate(spec);
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split('\n')).toEqual([
      `${spec}:6: alerts.x.target.event: unknown event "b"`,
      `${spec}: 1 error`,
    ]);
  });
});
