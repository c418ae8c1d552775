/**
 * Which feed rows to put in the DOM: only those in view plus a few either side. The feed may
 * hold hundreds of events; laying all of them out on every streaming update would block the
 * main thread, while the user only ever sees a screenful.
 */
export interface FeedWindow {
  readonly start: number;
  readonly end: number;
}

export function feedWindow(
  scrollTop: number,
  viewportHeight: number,
  rowHeight: number,
  total: number,
  overscan = 5
): FeedWindow {
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const visible = Math.ceil(Math.max(0, viewportHeight) / rowHeight);
  return { start: Math.max(0, first - overscan), end: Math.min(total, first + visible + overscan) };
}
