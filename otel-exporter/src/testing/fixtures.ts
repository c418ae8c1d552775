import { join } from 'node:path';
import { formatIssue } from '../spec/issues';
import { loadSpec, specFromObject } from '../spec/load';
import type { AnalyticsSpec } from '../spec/model';

/** The demo shop's spec, the main fixture of the exporter's tests. */
export function loadShopSpec(): Promise<AnalyticsSpec> {
  return loadSpec(join(__dirname, '../../../examples/shop/analytics.yaml'));
}

/** A spec from a plain object, failing the test with every issue when it is invalid. */
export function specOf(document: unknown): AnalyticsSpec {
  const result = specFromObject(document);
  if (!result.ok) throw new Error(`invalid test spec:\n${result.issues.map(formatIssue).join('\n')}`);
  return result.spec;
}

/** A clock tests move by hand. */
export interface ManualClock {
  (): number;
  advance(ms: number): void;
  set(ms: number): void;
}

export function manualClock(startMs = Date.UTC(2026, 0, 1)): ManualClock {
  let now = startMs;
  const clock = (() => now) as ManualClock;
  clock.advance = (ms) => {
    now += ms;
  };
  clock.set = (ms) => {
    now = ms;
  };
  return clock;
}
