/**
 * The funnel rules of otel-exporter/README.md ("Funnel semantics"), computed the obvious way for
 * property tests: keep every event of every user, sort each user's events by event time and walk
 * them once. No bounds, no watermark, no incremental state: the exporter must reach the same
 * counts from any arrival order within the allowed lateness. Test-only.
 */

/** One event of a stream: its user, the funnel step it matches and its event time (ms). */
export interface ReferenceEvent {
  readonly user: string;
  readonly step: number;
  readonly timeMs: number;
}

export interface ReferenceCounts {
  /** Attempts that reached each step. */
  readonly steps: number[];
  /** Settled attempts by furthest step. */
  readonly outcomes: number[];
  /** Per later step k (index k-1): how many attempts reached it, and the sum of seconds from T0. */
  readonly conversionCounts: number[];
  readonly conversionSums: number[];
  /** Later-step events never taken that are not a repeat of a step an attempt reached before them. */
  orphans: number;
}

interface Attempt {
  readonly times: number[];
}

export function referenceFunnel(
  events: readonly ReferenceEvent[],
  stepCount: number,
  windowMs: number
): ReferenceCounts {
  const last = stepCount - 1;
  const counts: ReferenceCounts = {
    steps: new Array<number>(stepCount).fill(0),
    outcomes: new Array<number>(stepCount).fill(0),
    conversionCounts: new Array<number>(last).fill(0),
    conversionSums: new Array<number>(last).fill(0),
    orphans: 0,
  };
  const byUser = new Map<string, ReferenceEvent[]>();
  for (const e of events) byUser.set(e.user, [...(byUser.get(e.user) ?? []), e]);
  for (const userEvents of byUser.values()) {
    const sorted = [...userEvents].sort((a, b) => a.timeMs - b.timeMs);
    const attempts: Attempt[] = [];
    const untaken: ReferenceEvent[] = [];
    let open: Attempt | undefined;
    // An attempt ends at its last step once completed, else at its window's end.
    const end = (a: Attempt) => (a.times.length === stepCount ? (a.times[last] ?? 0) : (a.times[0] ?? 0) + windowMs);
    for (const { step, timeMs } of sorted) {
      if (step === 0) {
        if (open !== undefined && timeMs <= end(open)) continue; // a repeat inside the attempt
        open = { times: [timeMs] };
        attempts.push(open);
      } else if (open !== undefined && step === open.times.length && timeMs <= (open.times[0] ?? 0) + windowMs) {
        open.times.push(timeMs);
      } else {
        untaken.push({ user: '', step, timeMs });
      }
    }
    for (const { times } of attempts) {
      times.forEach((time, k) => {
        counts.steps[k] = (counts.steps[k] ?? 0) + 1;
        if (k > 0) {
          counts.conversionCounts[k - 1] = (counts.conversionCounts[k - 1] ?? 0) + 1;
          counts.conversionSums[k - 1] = (counts.conversionSums[k - 1] ?? 0) + (time - (times[0] ?? 0)) / 1000;
        }
      });
      counts.outcomes[times.length - 1] = (counts.outcomes[times.length - 1] ?? 0) + 1;
    }
    for (const { step, timeMs } of untaken) {
      const repeat = attempts.some(
        ({ times }) => (times[step] ?? Infinity) <= timeMs && timeMs <= (times[0] ?? 0) + windowMs
      );
      if (!repeat) counts.orphans++;
    }
  }
  return counts;
}
