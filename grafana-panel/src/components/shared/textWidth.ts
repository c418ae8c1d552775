/**
 * The width of a line of text in pixels, measured on a canvas with the theme's whole font stack
 * (so the canvas falls back to the same font the page draws with when the first is missing),
 * else, without a canvas (jsdom), estimated at 0.6 em a character, on the wide side.
 */
import type { GrafanaTheme2 } from '@grafana/data';

let context: CanvasRenderingContext2D | null | undefined;
const widths = new Map<string, number>();

function canvasContext(): CanvasRenderingContext2D | null {
  if (context === undefined) {
    context = typeof document === 'undefined' ? null : (document.createElement('canvas').getContext('2d') ?? null);
  }
  return context;
}

export function textWidth(text: string, fontSize: number, theme: GrafanaTheme2): number {
  const font = `${fontSize}px ${theme.typography.fontFamily}`;
  const key = `${font}\n${text}`;
  const known = widths.get(key);
  if (known !== undefined) {
    return known;
  }
  const canvas = canvasContext();
  let width = text.length * fontSize * 0.6;
  if (canvas !== null && typeof canvas.measureText === 'function') {
    canvas.font = font;
    width = canvas.measureText(text).width;
  }
  if (widths.size > 2000) {
    widths.clear();
  }
  widths.set(key, width);
  return width;
}

/** The pixel size of the theme's small text (its `bodySmall` size is in rem of the 14 px root). */
export function smallFontPixels(theme: GrafanaTheme2): number {
  const size = theme.typography.bodySmall.fontSize;
  return size.endsWith('rem') ? parseFloat(size) * theme.typography.htmlFontSize! : parseFloat(size);
}
