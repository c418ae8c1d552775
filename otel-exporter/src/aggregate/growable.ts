/** Typed arrays that grow: series, slots and records grow without an object each. */
export type GrowableArray =
  | Float64Array<ArrayBuffer>
  | Int32Array<ArrayBuffer>
  | Uint32Array<ArrayBuffer>
  | Uint16Array<ArrayBuffer>
  | Uint8Array<ArrayBuffer>
  | Int8Array<ArrayBuffer>;

/** `array`, or a copy at least twice as long holding `needed` elements; new elements are `fill`. */
export function grown<T extends GrowableArray>(array: T, needed: number, fill = 0): T {
  if (needed <= array.length) {
    return array;
  }
  let length = Math.max(8, array.length);
  while (length < needed) length *= 2;
  const next = new (array.constructor as new (length: number) => T)(length);
  next.set(array);
  if (fill !== 0) next.fill(fill, array.length);
  return next;
}
