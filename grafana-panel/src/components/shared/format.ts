/**
 * Text for the numbers the panel shows; undefined values read as an em dash, never "NaN %".
 * Percentages keep a fixed number of decimals (the field's Decimals, else one), so their width
 * does not change from one refresh to the next.
 */
import { formattedValueToString, getValueFormat } from '@grafana/data';
import type { ProportionInterval } from '@nowcast/otel-exporter/contract';

export const noValue = '—';
/** Decimals of percentages and points when the field config sets none. */
export const defaultPercentDecimals = 1;

export function formatPercent(percent: number | undefined, decimals = defaultPercentDecimals): string {
  return percent === undefined ? noValue : `${percent.toFixed(decimals)}%`;
}

/** "+4.0 pts", "−13.3 pts", "±0.0 pts". */
export function formatPoints(points: number | undefined, decimals = defaultPercentDecimals): string {
  if (points === undefined) {
    return noValue;
  }
  const size = Math.abs(points).toFixed(decimals);
  if (Number(size) === 0) {
    return `±${size} pts`;
  }
  return `${points > 0 ? '+' : '−'}${size} pts`;
}

/** "2.6–51.3%". */
export function formatInterval(interval: ProportionInterval, decimals = defaultPercentDecimals): string {
  return `${interval.low.toFixed(decimals)}–${interval.high.toFixed(decimals)}%`;
}

/** "p = 0.036": three decimals near the 0.05 line, two above it, tiny ones as "p < 0.001". */
export function formatPValue(pValue: number): string {
  return pValue < 0.001 ? 'p < 0.001' : `p = ${pValue.toFixed(pValue < 0.1 ? 3 : 2)}`;
}

/** "48 s", "4 min 22 s", "2 h 5 min": time to convert reads best in whole units. */
export function formatDuration(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds)) {
    return noValue;
  }
  const whole = Math.round(seconds);
  if (whole < 60) {
    return seconds < 10 ? `${Math.round(seconds * 10) / 10} s` : `${whole} s`;
  }
  if (whole < 3600) {
    const rest = whole % 60;
    return `${Math.floor(whole / 60)} min${rest === 0 ? '' : ` ${rest} s`}`;
  }
  const minutes = Math.round(whole / 60);
  const rest = minutes % 60;
  return `${Math.floor(minutes / 60)} h${rest === 0 ? '' : ` ${rest} min`}`;
}

/** A query step: "200 ms", "1 s", "10 s", "1 min". */
export function formatStep(ms: number): string {
  return ms < 1000 ? `${ms} ms` : formatDuration(ms / 1000);
}

export function formatRate(perSecond: number): string {
  return `${formattedValueToString(getValueFormat('short')(perSecond, perSecond < 10 ? 2 : 1))}/s`;
}
