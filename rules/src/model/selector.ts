import { matcher } from '@nowcast/otel-exporter/contract';
import type { AnalyticsSpec } from '@nowcast/otel-exporter/spec';

/**
 * The spec's `prometheus.selector`: matchers every query puts on the exporter's series, and label
 * names every aggregation keeps, so two deployments (staging, production) are never summed together
 * and every recorded series and alert carries the deployment it is about.
 */
export interface ScrapeSelector {
  readonly labels: readonly string[];
  readonly matchers: readonly string[];
}

export function scrapeSelector(spec: AnalyticsSpec): ScrapeSelector {
  const entries = Object.entries(spec.prometheus.selector).sort(([a], [b]) => a.localeCompare(b));
  return {
    labels: entries.map(([label]) => label),
    matchers: entries.map(([label, values]) => matcher(label, values)),
  };
}

/** The selector's labels, then the given ones: what every aggregation of the spec keeps. */
export function keeping(selector: ScrapeSelector, labels: readonly string[]): string[] {
  return [...selector.labels, ...labels];
}
