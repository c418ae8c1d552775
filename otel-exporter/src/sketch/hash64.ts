/**
 * A 64-bit string hash in two 32-bit halves (multiply-xor per UTF-16 unit, then murmur3's fmix32
 * with the halves mixed into each other). Written into a reused holder so hashing allocates nothing.
 * HyperLogLog takes its register index from `high` and its rank from the remaining bits.
 */
export interface Hash64 {
  high: number;
  low: number;
}

// Module-level references: a global lookup per call is costly in sandboxed contexts (jest's vm).
const imul = Math.imul;

function fmix32(h: number): number {
  h ^= h >>> 16;
  h = imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

export function hash64(text: string, into: Hash64): Hash64 {
  let a = 0x9e3779b9 ^ text.length;
  let b = 0x7f4a7c15 ^ imul(text.length, 0x27d4eb2f);
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    a = imul(a ^ unit, 0xcc9e2d51);
    a = (a << 13) | (a >>> 19);
    b = imul(b ^ unit, 0x1b873593);
    b = (b << 17) | (b >>> 15);
  }
  a = fmix32(a ^ imul(b, 0x9e3779b1));
  b = fmix32(b ^ imul(a, 0x85ebca77));
  into.high = a >>> 0;
  into.low = b >>> 0;
  return into;
}
