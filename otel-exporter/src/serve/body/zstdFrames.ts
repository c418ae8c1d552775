import { refuse } from '../refusal';

/*
 * Zstandard frames (RFC 8878) walked without decompressing, so a body's decompressed size is known
 * before a byte of it is allocated: raw and RLE blocks state their size, a compressed block
 * regenerates at most its frame's block maximum (128 KiB, or the window when smaller). A decoder
 * that allocates what a frame header declares (fzstd does) would otherwise let a 4-byte claim of
 * 2 GiB through.
 */

const frameMagic = 0xfd2fb528;
const blockMaximum = 128 * 1024;
/** HTTP's zstd content coding limits the window to 8 MiB (RFC 9659 §3). */
export const maxZstdWindow = 8 * 1024 * 1024;

function malformed(): never {
  refuse('invalid', 'the body is not valid zstd data');
}

/** Reads `count` (≤ 8) little-endian bytes at `at` as a number. */
function littleEndian(bytes: Uint8Array, at: number, count: number): number {
  let value = 0;
  for (let i = count - 1; i >= 0; i--) value = value * 256 + (bytes[at + i] ?? 0);
  return value;
}

/**
 * The most bytes `data` can decompress to (exact for raw and RLE blocks and declared sizes).
 * Refuses data that is not zstd, and frames whose window passes 8 MiB.
 */
export function zstdDecompressedBound(data: Uint8Array): number {
  let at = 0;
  let bound = 0;
  while (at < data.length) {
    if (at + 4 > data.length) malformed();
    const magic = littleEndian(data, at, 4);
    if ((magic & 0xfffffff0) === 0x184d2a50) {
      // A skippable frame: magic, 4-byte size, content.
      at += 8 + littleEndian(data, at + 4, 4);
      continue;
    }
    if (magic !== frameMagic) malformed();
    const descriptor = data[at + 4] ?? 0;
    const singleSegment = (descriptor >> 5) & 1;
    const checksum = (descriptor >> 2) & 1;
    const dictionaryBytes = [0, 1, 2, 4][descriptor & 3] ?? 0;
    const sizeFlag = descriptor >> 6;
    const sizeBytes = sizeFlag === 0 ? singleSegment : 1 << sizeFlag;
    let cursor = at + 5;
    let window = 0;
    if (!singleSegment) {
      const windowByte = data[cursor++] ?? 0;
      const base = 2 ** (10 + (windowByte >> 3));
      window = base + (base / 8) * (windowByte & 7);
    }
    cursor += dictionaryBytes;
    const declared = sizeBytes === 0 ? undefined : littleEndian(data, cursor, sizeBytes) + (sizeBytes === 2 ? 256 : 0);
    cursor += sizeBytes;
    if (singleSegment) window = declared ?? 0;
    if (window > maxZstdWindow) {
      refuse('tooLarge', `a zstd frame asks for a ${window}-byte window; HTTP allows at most 8 MiB (RFC 9659)`);
    }
    const blockLimit = Math.min(blockMaximum, window);
    let regenerated = 0;
    for (let last = false; !last;) {
      if (cursor + 3 > data.length) malformed();
      const header = littleEndian(data, cursor, 3);
      last = (header & 1) === 1;
      const type = (header >> 1) & 3;
      const size = header >> 3;
      cursor += 3;
      if (type === 0) {
        regenerated += size;
        cursor += size;
      } else if (type === 1) {
        regenerated += size;
        cursor += 1;
      } else if (type === 2) {
        regenerated += blockLimit;
        cursor += size;
      } else {
        malformed();
      }
      if (cursor > data.length) malformed();
    }
    cursor += checksum * 4;
    // A declared size is what a decoder allocates up front, whatever the blocks hold.
    bound += declared ?? regenerated;
    at = cursor;
  }
  return bound;
}
