import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decompress } from 'fzstd';
import { Refusal } from '../refusal';
import { zstdDecompressedBound } from './zstdFrames';

const fixture = readFileSync(join(__dirname, '../testing/fixtures/logs.json.zst'));
const magic = [0x28, 0xb5, 0x2f, 0xfd];

/** A block header: 3 bytes, little-endian: last flag, type, size. */
const block = (type: number, size: number, last: boolean) => {
  const value = size * 8 + type * 2 + (last ? 1 : 0);
  return [value & 0xff, (value >> 8) & 0xff, (value >> 16) & 0xff];
};

function refusalOf(bytes: Uint8Array): string | number {
  try {
    return zstdDecompressedBound(bytes);
  } catch (error) {
    return error instanceof Refusal ? `${error.kind}: ${error.message}` : String(error);
  }
}

describe('zstd frames walked before decompressing', () => {
  it('bounds what the zstd CLI wrote by its real size', () => {
    expect(zstdDecompressedBound(fixture)).toBe(decompress(fixture).length);
  });

  it('counts RLE blocks at their regenerated size: a 400 KB bomb is known to make 12 GiB', () => {
    const blocks = Array.from({ length: 100_000 }, (_, i) => [...block(1, 128 * 1024, i === 99_999), 0x20]).flat();
    const bomb = Uint8Array.from([...magic, 0x00, 0x58, ...blocks]);
    expect(zstdDecompressedBound(bomb)).toBe(100_000 * 128 * 1024);
  });

  it('takes a declared frame size as what a decoder allocates', () => {
    // A 1 MiB window, a 4-byte content size of 2 GiB, one raw block of 1 byte.
    const frame = Uint8Array.from([...magic, 0x80, 0x50, 0x00, 0x00, 0x00, 0x80, ...block(0, 1, true), 0x41]);
    expect(zstdDecompressedBound(frame)).toBe(2 ** 31);
    // In a single-segment frame the declared size is the window, and 2 GiB is far beyond 8 MiB.
    const single = Uint8Array.from([...magic, 0xa0, 0x00, 0x00, 0x00, 0x80, ...block(0, 1, true), 0x41]);
    expect(refusalOf(single)).toMatch(/^tooLarge: .*2147483648-byte window/);
  });

  it('refuses a window beyond 8 MiB and data that is not zstd', () => {
    expect(refusalOf(Uint8Array.from([...magic, 0x00, 0x70, ...block(0, 0, true)]))).toMatch(/^tooLarge: .*8 MiB/);
    expect(refusalOf(Buffer.from('{"resourceLogs":[]}'))).toMatch(/^invalid: the body is not valid zstd data/);
    expect(refusalOf(Uint8Array.from([...magic, 0x00, 0x58, 0x01]))).toMatch(/^invalid:/);
  });
});
