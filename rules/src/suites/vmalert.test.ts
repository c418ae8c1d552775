import type { AnalyticsSpec } from '@nowcast/otel-exporter/spec';
import { defaultWebhookUrl } from '../generate/alertmanager';
import { generateFiles, rulesDir, type GeneratedFile } from '../generate/generate';
import { loadShopAndStore } from '../testing/fixtures';
import { binaries, vmalertDryRun } from '@nowcast/test-support';

/** The rules written for `--ruler vmalert` load in Debian's vmalert 1.79; the Prometheus ones do not. */
let shop: AnalyticsSpec;
let store: AnalyticsSpec;
beforeAll(async () => {
  [shop, store] = await loadShopAndStore();
});

const notify = { webhookUrl: defaultWebhookUrl };
const rulesOf = (files: readonly GeneratedFile[]) => files.filter((f) => f.path.startsWith(`${rulesDir}/`));

describe('vmalert -dryRun', () => {
  it.each(['shop', 'store'])('accepts every rule file generated with ruler vmalert (%s)', (name) => {
    const files = generateFiles(name === 'shop' ? shop : store, notify, undefined, 'vmalert');
    const run = vmalertDryRun(rulesOf(files));
    expect(run.output).not.toContain('fatal');
    expect(run.status).toBe(0);
  });

  it('refuses the Prometheus output for keep_firing_for alone (so the check above is real)', () => {
    const run = vmalertDryRun(rulesOf(generateFiles(shop, notify)));
    expect(run.status).not.toBe(0);
    expect(run.output).toContain('unknown fields in rule: keep_firing_for');
  });

  it('fails with the install line when vmalert is missing', () => {
    expect(() => vmalertDryRun(rulesOf(generateFiles(shop, notify, undefined, 'vmalert')), '/nonexistent')).toThrow(
      `vmalert is required by this test but was not found on PATH; install it with: ${binaries.vmalert.install}`
    );
  });
});
