import { join } from 'node:path';
import { loadSpec, type AnalyticsSpec } from '@nowcast/otel-exporter/spec';

/** The specs the tests generate from: the shop example and the rules' own store fixture. */
export const repoRoot = join(__dirname, '../../..');
export const shopSpecFile = join(repoRoot, 'examples/shop/analytics.yaml');
export const storeSpecFile = join(repoRoot, 'rules/test/fixtures/store.yaml');

export function loadShopAndStore(): Promise<[AnalyticsSpec, AnalyticsSpec]> {
  return Promise.all([loadSpec(shopSpecFile), loadSpec(storeSpecFile)]);
}
