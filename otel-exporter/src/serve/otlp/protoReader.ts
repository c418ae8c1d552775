import { refuse } from '../refusal';
import { int64FromHalves } from './int64';

/** Protobuf wire types (https://protobuf.dev/programming-guides/encoding/). */
export const wireType = { varint: 0, fixed64: 1, lengthDelimited: 2, fixed32: 5 } as const;

function truncated(): never {
  refuse('invalid', 'not a valid protobuf message: it ends in the middle of a field');
}

/**
 * Reads protobuf wire format from one buffer: a cursor and the primitives, nothing generated.
 * Every read checks its bounds; a malformed message is refused, never read past its end.
 */
export class ProtoReader {
  pos = 0;

  constructor(readonly bytes: Buffer) {}

  private byte(): number {
    if (this.pos >= this.bytes.length) truncated();
    return this.bytes[this.pos++] as number;
  }

  /** A varint up to 2^32 − 1 (tags, lengths, bools). */
  uint32(): number {
    let value = 0;
    for (let shift = 0; shift < 35; shift += 7) {
      const b = this.byte();
      value += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) {
        if (value > 0xffffffff) break;
        return value;
      }
    }
    refuse('invalid', 'not a valid protobuf message: a tag or length is not a 32-bit varint');
  }

  /** An int64 varint: a number within ±(2^53 − 1), else its exact decimal text. */
  int64(): number | string {
    let low = 0;
    let b = 0;
    for (let shift = 0; shift < 28; shift += 7) {
      b = this.byte();
      low |= (b & 0x7f) << shift;
      if (b < 0x80) return low;
    }
    b = this.byte();
    low = (low | ((b & 0x0f) << 28)) >>> 0;
    let high = (b & 0x7f) >> 4;
    if (b < 0x80) return int64FromHalves(low, high);
    for (let shift = 3; shift < 32; shift += 7) {
      b = this.byte();
      high |= (b & 0x7f) << shift;
      if (b < 0x80) return int64FromHalves(low, high | 0);
    }
    refuse('invalid', 'not a valid protobuf message: a varint is longer than 10 bytes');
  }

  /** A fixed64 (little-endian uint64) as a number: nanosecond times lose only sub-microsecond digits. */
  fixed64(): number {
    if (this.pos + 8 > this.bytes.length) truncated();
    const low = this.bytes.readUInt32LE(this.pos);
    const high = this.bytes.readUInt32LE(this.pos + 4);
    this.pos += 8;
    return high * 0x100000000 + low;
  }

  double(): number {
    if (this.pos + 8 > this.bytes.length) truncated();
    const value = this.bytes.readDoubleLE(this.pos);
    this.pos += 8;
    return value;
  }

  /** Reads a length prefix; returns where the field ends (the caller reads up to there). */
  lengthDelimited(): number {
    const length = this.uint32();
    const end = this.pos + length;
    if (end > this.bytes.length) truncated();
    return end;
  }

  string(): string {
    const end = this.lengthDelimited();
    const text = this.bytes.toString('utf8', this.pos, end);
    this.pos = end;
    return text;
  }

  /** Lowercase hex of a bytes field (trace and span ids). */
  hex(): string {
    const end = this.lengthDelimited();
    const text = this.bytes.toString('hex', this.pos, end);
    this.pos = end;
    return text;
  }

  bytesField(): Uint8Array {
    const end = this.lengthDelimited();
    const copy = new Uint8Array(this.bytes.subarray(this.pos, end));
    this.pos = end;
    return copy;
  }

  /** Skips a field of an unknown number; groups (wire types 3 and 4) are long deprecated and refused. */
  skip(type: number): void {
    switch (type) {
      case wireType.varint:
        while (this.byte() >= 0x80);
        return;
      case wireType.fixed64:
        this.pos += 8;
        break;
      case wireType.lengthDelimited:
        this.pos = this.lengthDelimited();
        return;
      case wireType.fixed32:
        this.pos += 4;
        break;
      default:
        refuse('invalid', `not a valid protobuf message: wire type ${type} is not supported`);
    }
    if (this.pos > this.bytes.length) truncated();
  }
}
