/**
 * One colour per event name, the same wherever and whenever the event appears (rates, feed), so
 * `cart_added` does not change colour when it overtakes `page_viewed`: a hash of the name picks
 * from the theme's visualization palette.
 */
import type { GrafanaTheme2 } from '@grafana/data';

function hash(text: string): number {
  let value = 2166136261;
  for (let i = 0; i < text.length; i++) {
    value = Math.imul(value ^ text.charCodeAt(i), 16777619);
  }
  return value >>> 0;
}

export function eventColor(event: string, theme: GrafanaTheme2): string {
  const palette = theme.visualization.palette;
  return theme.visualization.getColorByName(palette[hash(event) % palette.length]!);
}
