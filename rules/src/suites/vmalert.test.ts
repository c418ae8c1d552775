import type { AnalyticsSpec } from '@nowcast/otel-exporter/spec';
import { renderedRuleFiles } from '../generate/generate';
import { loadShopAndStore } from '../testing/fixtures';
import { binaries, vmalertDryRun } from '@nowcast/test-support';

/** The rules written for `--ruler vmalert` load in Debian's vmalert 1.79; the Prometheus ones do not. */
let shop: AnalyticsSpec;
let store: AnalyticsSpec;
beforeAll(async () => {
  [shop, store] = await loadShopAndStore();
});

describe('vmalert -dryRun', () => {
  it.each(['shop', 'store'])('accepts every rule file generated with ruler vmalert (%s)', (name) => {
    const run = vmalertDryRun(renderedRuleFiles(name === 'shop' ? shop : store, 'vmalert'));
    expect(run.output).not.toContain('fatal');
    expect(run.status).toBe(0);
  });

  it('refuses the Prometheus output for keep_firing_for alone (so the check above is real)', () => {
    const run = vmalertDryRun(renderedRuleFiles(shop));
    expect(run.status).not.toBe(0);
    expect(run.output).toContain('unknown fields in rule: keep_firing_for');
  });

  it('fails with the install line when vmalert is missing', () => {
    expect(() => vmalertDryRun(renderedRuleFiles(shop, 'vmalert'), '/nonexistent')).toThrow(
      `vmalert is required by this test but was not found on PATH; install it with: ${binaries.vmalert.install}`
    );
  });
});
