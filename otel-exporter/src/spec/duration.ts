/** A Prometheus-style duration as written in the spec, with its length in seconds. */
export interface Duration {
  readonly text: string;
  readonly seconds: number;
}

const unitSeconds: Record<string, number> = {
  y: 365 * 86400,
  w: 7 * 86400,
  d: 86400,
  h: 3600,
  m: 60,
  s: 1,
  ms: 0.001,
};

// Units must appear largest first and at most once, as Prometheus requires (e.g. "1h30m").
const durationPattern = /^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/;
const unitOrder = ['y', 'w', 'd', 'h', 'm', 's', 'ms'] as const;

/** Parses "90s", "5m", "1h30m"; returns undefined for anything Prometheus would reject. */
export function parseDuration(text: string): Duration | undefined {
  const match = durationPattern.exec(text);
  if (text === '' || match === null) {
    return undefined;
  }
  let seconds = 0;
  unitOrder.forEach((unit, i) => {
    const amount = match[i + 1];
    if (amount !== undefined) {
      seconds += Number(amount) * (unitSeconds[unit] ?? 0);
    }
  });
  return { text, seconds };
}

/** Formats seconds as the shortest Prometheus duration ("1h30m"); sub-second parts become ms. */
export function formatDuration(seconds: number): string {
  let remainingMs = Math.round(seconds * 1000);
  if (remainingMs === 0) {
    return '0s';
  }
  let text = '';
  for (const unit of unitOrder) {
    const unitMs = Math.round((unitSeconds[unit] ?? 1) * 1000);
    const amount = Math.floor(remainingMs / unitMs);
    if (amount > 0) {
      text += `${amount}${unit}`;
      remainingMs -= amount * unitMs;
    }
  }
  return text;
}

/** Builds a Duration from seconds, for defaults and derived windows. */
export function durationOf(seconds: number): Duration {
  return { text: formatDuration(seconds), seconds };
}
