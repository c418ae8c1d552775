/** Text exposition escaping, shared by every family so label text is written one way. */

const needsEscape = /[\\"\n]/;

/** Escapes a label value for the Prometheus and OpenMetrics text formats (backslash, quote, newline). */
export function escapeLabelValue(value: string): string {
  if (!needsEscape.test(value)) {
    return value;
  }
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

/** `name="value"`, escaped. */
export function labelPair(name: string, value: string): string {
  return `${name}="${escapeLabelValue(value)}"`;
}

/** A sample value as both formats write it. */
export function formatSampleValue(value: number): string {
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  if (Number.isNaN(value)) return 'NaN';
  return String(value);
}
