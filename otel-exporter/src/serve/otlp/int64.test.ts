import { int64FromJson } from './int64';
import { ProtoReader } from './protoReader';

describe('int64 values', () => {
  it.each([
    ['42', 42],
    [42, 42],
    ['-7', -7],
    ['0', 0],
    ['-0', 0],
    ['9007199254740991', 9007199254740991],
    ['9007199254740993', '9007199254740993'],
    ['9223372036854775807', '9223372036854775807'],
    ['-9223372036854775808', '-9223372036854775808'],
  ])('reads the OTLP/JSON intValue %p as %p', (json, value) => {
    expect(int64FromJson(json)).toBe(value);
  });

  it.each([
    '',
    '0x10',
    '1e3',
    '1.5',
    ' 1',
    '9223372036854775808',
    '-9223372036854775809',
    // A JSON number beyond 2^53 − 1: JSON.parse has already rounded it.
    2 ** 53,
    2.5,
    true,
    null,
  ])('refuses %p', (json) => {
    expect(int64FromJson(json)).toBeUndefined();
  });

  it.each([
    [[0x01], 1],
    [[0xac, 0x02], 300],
    [[0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01], -1],
    [[0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01], -2],
    [[0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x0f], 2 ** 53 - 1],
    [[0x81, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x10], '9007199254740993'],
    [[0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f], '9223372036854775807'],
    [[0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01], '-9223372036854775808'],
  ])('reads the protobuf varint %p as %p', (bytes, value) => {
    const reader = new ProtoReader(Buffer.from(bytes));
    expect(reader.int64()).toBe(value);
    expect(reader.pos).toBe(bytes.length);
  });
});
