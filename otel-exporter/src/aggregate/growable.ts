/** A Float64Array that doubles when full: series and slots grow without a per-series object. */
export function grown(array: Float64Array<ArrayBuffer>, needed: number): Float64Array<ArrayBuffer> {
  if (needed <= array.length) {
    return array;
  }
  let length = Math.max(8, array.length);
  while (length < needed) length *= 2;
  const next = new Float64Array(length);
  next.set(array);
  return next;
}
