import { join } from 'node:path';
import { parse } from 'yaml';
import { readdirSync, readFileSync } from 'node:fs';
import { parseDuration } from '@nowcast/otel-exporter/spec';
import { startPrometheus, type RunningPrometheus } from '@nowcast/test-support';
import { repoRoot } from '../testing/fixtures';

/** The committed rule files load into a real Prometheus 2.42, every group and rule as written. */
const rulesDir = join(repoRoot, 'provisioning/prometheus/rules');

interface ApiGroup {
  name: string;
  interval: number;
  rules: { name: string; type: string; health: string; lastError?: string }[];
}

describe('provisioned rules in a real Prometheus', () => {
  let prometheus: RunningPrometheus | undefined;
  afterAll(async () => {
    await prometheus?.stop();
  });

  it('loads every group with its interval and every rule', async () => {
    const files = readdirSync(rulesDir)
      .filter((f) => f.endsWith('.yml'))
      .sort()
      .map((f) => join(rulesDir, f));
    expect(files).toHaveLength(3);
    prometheus = await startPrometheus({ ruleFiles: files });
    const response = await fetch(`${prometheus.url}/api/v1/rules`);
    const body = (await response.json()) as { data: { groups: ApiGroup[] } };
    const loaded = body.data.groups.map((g) => ({ name: g.name, interval: g.interval, rules: g.rules.length }));
    const written = files.flatMap((file) =>
      (
        parse(readFileSync(file, 'utf8')) as { groups: { name: string; interval: string; rules: unknown[] }[] }
      ).groups.map((g) => ({ name: g.name, interval: parseDuration(g.interval)?.seconds, rules: g.rules.length }))
    );
    expect(loaded.sort((a, b) => a.name.localeCompare(b.name))).toEqual(
      written.sort((a, b) => a.name.localeCompare(b.name))
    );
    const errors = body.data.groups.flatMap((g) => g.rules.filter((r) => r.health === 'err'));
    expect(errors).toEqual([]);
  }, 60_000);
});
