/**
 * How busy the shop is, relative to its scenario's rate, at a moment in UTC: quiet nights and an
 * evening peak, busier weekends, and optionally one odd week (a holiday) at a fraction of the
 * usual traffic. The history the demo writes and its live traffic follow the same curve, so the
 * learned baselines meet live traffic at the level they expect.
 */
export type Seasonality = (timeMs: number) => number;

/** Relative traffic at each hour of the day (UTC); the curve is interpolated between hours. */
const hourOfDay = [
  0.35, 0.3, 0.27, 0.25, 0.28, 0.36, 0.5, 0.66, 0.82, 0.93, 1.0, 1.05, 1.1, 1.06, 1.0, 1.0, 1.05, 1.15, 1.3, 1.45, 1.5,
  1.35, 1.0, 0.62,
];

/** Relative traffic by day of the week, Sunday first. */
const dayOfWeek = [1.15, 0.95, 0.95, 1.0, 1.0, 1.05, 1.2];

const hourMs = 3_600_000;
const dayMs = 24 * hourMs;
const weekMs = 7 * dayMs;

export interface HolidayWeek {
  /** Epoch ms the odd week starts. */
  readonly startMs: number;
  /** Traffic during that week relative to a normal week (e.g. 0.6). */
  readonly factor: number;
}

export function shopSeasonality(holiday?: HolidayWeek): Seasonality {
  return (timeMs) => {
    const hours = (timeMs % dayMs) / hourMs;
    const hour = Math.floor(hours);
    const here = hourOfDay[hour] ?? 1;
    const next = hourOfDay[(hour + 1) % 24] ?? 1;
    const daily = here + (next - here) * (hours - hour);
    // Each day's weight blends into the next over the day, so midnight is no step.
    const weekday = new Date(timeMs).getUTCDay();
    const today = dayOfWeek[weekday] ?? 1;
    const weekly = today + ((dayOfWeek[(weekday + 1) % 7] ?? 1) - today) * (hours / 24);
    const odd = holiday !== undefined && timeMs >= holiday.startMs && timeMs < holiday.startMs + weekMs;
    return daily * weekly * (odd ? holiday.factor : 1);
  };
}
