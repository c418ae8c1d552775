/** Text for the numbers the panel shows; undefined values read as an em dash, never "NaN %". */
import { formattedValueToString, getValueFormat } from '@grafana/data';

const noValue = '—';

function trimmed(value: number): string {
  const rounded = Math.round(value * 10) / 10;
  return Number.isInteger(rounded) ? rounded.toFixed(0) : rounded.toFixed(1);
}

export function formatPercent(percent: number | undefined): string {
  return percent === undefined ? noValue : `${trimmed(percent)}%`;
}

/** "+4 pts", "−13.3 pts", "±0 pts". */
export function formatPoints(points: number | undefined): string {
  if (points === undefined) {
    return noValue;
  }
  const size = trimmed(Math.abs(points));
  if (size === '0') {
    return '±0 pts';
  }
  return `${points > 0 ? '+' : '−'}${size} pts`;
}

/** "48 s", "4 min 22 s", "2 h 5 min": time to convert reads best in whole units. */
export function formatDuration(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds)) {
    return noValue;
  }
  const whole = Math.round(seconds);
  if (whole < 60) {
    return seconds < 10 ? `${trimmed(seconds)} s` : `${whole} s`;
  }
  if (whole < 3600) {
    const rest = whole % 60;
    return `${Math.floor(whole / 60)} min${rest === 0 ? '' : ` ${rest} s`}`;
  }
  const minutes = Math.round(whole / 60);
  const rest = minutes % 60;
  return `${Math.floor(minutes / 60)} h${rest === 0 ? '' : ` ${rest} min`}`;
}

export function formatRate(perSecond: number): string {
  return `${formattedValueToString(getValueFormat('short')(perSecond, perSecond < 10 ? 2 : 1))}/s`;
}
