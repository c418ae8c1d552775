/** Time-to-convert histogram buckets: a 1-2-5 style ladder cut at the funnel's window, plus the window. */
const ladderSeconds = [
  1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 14400, 28800, 86400, 172800, 604800,
];

export function conversionBuckets(windowSeconds: number): number[] {
  const below = ladderSeconds.filter((b) => b < windowSeconds);
  return [...below, windowSeconds];
}
