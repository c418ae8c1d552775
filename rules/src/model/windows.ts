import { scrapesPerWindow, type AnalyticsSpec } from '@nowcast/otel-exporter/spec';

/** Windows of the general event recordings at the default scrape interval (live view, dashboards). */
export const eventRateWindows = [60, 300] as const;

/** Window of the general funnel and value recordings at the default scrape interval. */
export const funnelWindowSeconds = 300;

/**
 * A window long enough for the spec's scrape interval: at least four scrapes, so a `rate()` over it
 * is never empty (`rate[1m]` at a 1-minute scrape interval holds one sample and has no value).
 */
export function windowFor(spec: AnalyticsSpec, seconds: number): number {
  return Math.max(seconds, scrapesPerWindow * spec.prometheus.scrapeInterval.seconds);
}

/** The general recordings' windows for this spec: live (1m at 15s scrapes) and steady (5m). */
export function generalWindows(spec: AnalyticsSpec): { readonly live: number; readonly steady: number } {
  return { live: windowFor(spec, eventRateWindows[0]), steady: windowFor(spec, funnelWindowSeconds) };
}
