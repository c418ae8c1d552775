/**
 * Input series for promtool tests, built from per-step increments so a scenario reads as "how many
 * events each step" rather than as counter arithmetic.
 */

/** Step length and counts in seconds. */
export const minute = 60;
export const hour = 3600;
export const day = 86400;

/** Series text: `name{a="b", …}` with labels in the given order. */
export function seriesName(metric: string, labels: Readonly<Record<string, string>>): string {
  const body = Object.entries(labels)
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join(', ');
  return `${metric}{${body}}`;
}

/**
 * Counter values: starts at 0 and adds `increment(t)` at each step (t = seconds at the step's end).
 * `undefined` makes the sample missing (`_`): the series is gone, as when an exporter dies.
 */
export function counterValues(
  totalSeconds: number,
  stepSeconds: number,
  increment: (t: number) => number | undefined
): string {
  const values: string[] = ['0'];
  let total = 0;
  for (let t = stepSeconds; t <= totalSeconds; t += stepSeconds) {
    const add = increment(t);
    if (add === undefined) {
      values.push('_');
      continue;
    }
    total += add;
    values.push(String(total));
  }
  return values.join(' ');
}

/** Daily seasonality: 0.5 at 00:00, 1.5 at 12:00, smooth in between. */
export function daily(t: number): number {
  return 1 - 0.5 * Math.cos((2 * Math.PI * (t % day)) / day);
}

/** Whether the step ending at t lies in the period (from, to]: its events happened after `from`. */
export function during(t: number, from: number, to: number): boolean {
  return t > from && t <= to;
}

/** A promtool duration for seconds, e.g. 8d12h10m. */
export function at(seconds: number): string {
  const d = Math.floor(seconds / day);
  const h = Math.floor((seconds % day) / hour);
  const m = Math.floor((seconds % hour) / minute);
  const s = seconds % minute;
  return `${d > 0 ? `${d}d` : ''}${h > 0 ? `${h}h` : ''}${m > 0 ? `${m}m` : ''}${s > 0 ? `${s}s` : ''}` || '0s';
}
