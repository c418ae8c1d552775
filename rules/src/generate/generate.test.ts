import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { activeUsersEstimatePromql, generalRuleNames, mergedRegistersPromql } from '@nowcast/otel-exporter/contract';
import type { AnalyticsSpec } from '@nowcast/otel-exporter/spec';
import { runBinary, tempDir } from '@nowcast/test-support';
import { defaultWebhookUrl } from './alertmanager';
import { generateFiles } from './generate';
import { loadShopAndStore, repoRoot as root } from '../testing/fixtures';

let shop: AnalyticsSpec;
let store: AnalyticsSpec;
beforeAll(async () => {
  [shop, store] = await loadShopAndStore();
});

const notify = { webhookUrl: defaultWebhookUrl };

interface ParsedRules {
  groups: { name: string; interval: string; rules: { record?: string; alert?: string; expr: string }[] }[];
}
const rulesOf = (spec: AnalyticsSpec) =>
  generateFiles(spec, notify)
    .filter((f) => f.path.startsWith('prometheus/rules/'))
    .flatMap((f) => (parse(f.content) as ParsedRules).groups);

describe('generated files', () => {
  it('match the committed provisioning files exactly (golden; regenerate with `npm run generate -w rules`)', () => {
    for (const file of generateFiles(shop, notify)) {
      const committed = readFileSync(join(root, 'provisioning', file.path), 'utf8');
      expect({ path: file.path, content: committed }).toEqual({ path: file.path, content: file.content });
    }
  });

  it('are deterministic', () => {
    expect(generateFiles(shop, notify)).toEqual(generateFiles(shop, notify));
  });

  it.each(['shop', 'store'])('pass `promtool check rules` (%s)', (name) => {
    const spec = name === 'shop' ? shop : store;
    const dir = tempDir('nowcast-check');
    try {
      const files = generateFiles(spec, notify).filter((f) => f.path.startsWith('prometheus/rules/'));
      const paths = files.map((f) => {
        const path = join(dir.path, f.path.replace(/.*\//, ''));
        writeFileSync(path, f.content);
        return path;
      });
      expect(paths).toHaveLength(3);
      const run = runBinary('promtool', ['check', 'rules', ...paths]);
      expect(run.output).not.toContain('FAILED');
      expect(run.stdout.match(/SUCCESS/g)).toHaveLength(3);
      expect(run.status).toBe(0);
    } finally {
      dir.remove();
    }
  });

  it('names every recording rule level:metric:operations and gives each group an interval', () => {
    const groups = rulesOf(shop);
    expect(groups.map((g) => [g.name, g.interval])).toEqual([
      ['nowcast_product_events', '30s'],
      ['nowcast_product_funnels', '30s'],
      ['nowcast_product_active_users', '30s'],
      ['nowcast_product_alert_signals', '30s'],
      ['nowcast_product_levels', '5m'],
      ['nowcast_product_trends', '1h'],
      ['nowcast_product_alerts', '30s'],
    ]);
    const records = groups.flatMap((g) => g.rules.flatMap((r) => (r.record === undefined ? [] : [r.record])));
    expect(records.length).toBeGreaterThan(50);
    for (const record of records) {
      expect(record).toMatch(/^[a-z_]+:[a-z0-9_]+:[a-z0-9_]+$/);
    }
  });

  it('records the active-user estimate with the contract PromQL under the documented name', () => {
    const names = generalRuleNames('product');
    const rules = rulesOf(shop).flatMap((g) => g.rules);
    expect(names.activeUsersEstimate).toBe('scope_window:product_active_users:estimate');
    expect(names.activeUsersRegisters).toBe('scope_window_register:product_active_users_register:max');
    expect(rules.find((r) => r.record === names.activeUsersEstimate)?.expr).toBe(
      activeUsersEstimatePromql(mergedRegistersPromql('product'), 10)
    );
  });

  it('records conversion as a ratio of sums, live and settled, from the first and the previous step', () => {
    const rules = rulesOf(shop).flatMap((g) => g.rules);
    const exprs = (record: string) => rules.filter((r) => r.record === record).map((r) => r.expr);
    const names = generalRuleNames('product');
    expect(exprs(names.conversionFromFirstStep(300))).toEqual([
      'funnel_step:product_funnel_step:increase5m{funnel="checkout"} / ignoring (step, step_index) group_left () (funnel_step:product_funnel_step:increase5m{funnel="checkout", step_index="0"} > 0)',
      'funnel_step:product_funnel_step:increase5m{funnel="signup"} / ignoring (step, step_index) group_left () (funnel_step:product_funnel_step:increase5m{funnel="signup", step_index="0"} > 0)',
      'funnel_step:product_funnel_step:increase5m{funnel="payment"} / ignoring (step, step_index) group_left () (funnel_step:product_funnel_step:increase5m{funnel="payment", step_index="0"} > 0)',
    ]);
    // One per step after the first: checkout 3, signup 1, payment 1.
    expect(exprs(names.conversionFromPreviousStep(300))).toHaveLength(3 + 1 + 1);
    // Settled, checkout step 2 from the previous: attempts that reached ≥2 over those that reached ≥1.
    expect(exprs(names.settledConversionFromPreviousStep(300))).toContain(
      'sum by (funnel, platform) (funnel_reached_step:product_funnel_attempts:increase5m{funnel="checkout", reached_step=~"2|3"}) / (sum by (funnel, platform) (funnel_reached_step:product_funnel_attempts:increase5m{funnel="checkout", reached_step=~"1|2|3"}) > 0)'
    );
    // Ratios are never averaged across series (only over time, in the baselines).
    for (const expr of rules.map((r) => r.expr)) {
      expect(expr).not.toMatch(/\bavg\s*(by|without)?\s*\(/);
    }
  });
});
