/** Windows of the general event recordings (rate1m for live views, rate5m for the dashboards). */
export const eventRateWindows = [60, 300] as const;

/** Window of the general funnel and value recordings. */
export const funnelWindowSeconds = 300;
