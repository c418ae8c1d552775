/** The few protobuf encodings the service answers with: varints and length-delimited fields. */

function varint(value: number): number[] {
  const bytes: number[] = [];
  let rest = value;
  while (rest >= 0x80) {
    bytes.push((rest % 0x80) | 0x80);
    rest = Math.floor(rest / 0x80);
  }
  bytes.push(rest);
  return bytes;
}

/** A non-negative integer field (int32, int64 below 2^53). Zero is the default and is left out. */
export function varintField(number: number, value: number): Buffer {
  return value === 0 ? Buffer.alloc(0) : Buffer.from([...varint(number << 3), ...varint(value)]);
}

/** A string or sub-message field. An empty string is the default and is left out. */
export function lengthDelimitedField(number: number, content: Buffer | string): Buffer {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  if (typeof content === 'string' && bytes.length === 0) return bytes;
  return Buffer.concat([Buffer.from([...varint((number << 3) | 2), ...varint(bytes.length)]), bytes]);
}
