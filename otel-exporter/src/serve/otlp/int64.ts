/*
 * OTLP int64 values (`intValue`) as JavaScript values, exactly. Within ±(2^53 − 1) they are numbers;
 * beyond, they stay decimal strings, so nothing loses precision silently: as a property value or an
 * id they are exact text, as an event's value they are refused (`invalid_value`), since no counter
 * adds them exactly.
 */

const int64Max = 9223372036854775807n;
const int64Min = -9223372036854775808n;
/** What the protobuf JSON mapping writes for int64: a decimal integer, optionally negative. */
const decimalInteger = /^-?\d{1,20}$/;

/**
 * An `intValue` of OTLP/JSON: a decimal string or a JSON number (the mapping allows both).
 * Undefined when it is neither an integer nor within int64 (`""`, `"0x10"`, `"1e3"`, `"1.5"`, …), or
 * a JSON number beyond 2^53 (JSON.parse has rounded it already: send such values as strings).
 */
export function int64FromJson(value: unknown): number | string | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? value : undefined;
  if (typeof value !== 'string' || !decimalInteger.test(value)) return undefined;
  const number = Number(value);
  if (Number.isSafeInteger(number)) return number === 0 ? 0 : number;
  const exact = BigInt(value);
  return exact > int64Max || exact < int64Min ? undefined : exact.toString();
}

/** A protobuf int64 from its two's-complement halves (as varints carry it). */
export function int64FromHalves(low: number, high: number): number | string {
  // Non-negative and below 2^53: the common case, without BigInt.
  if (high >= 0 && high < 0x200000) return high * 0x100000000 + low;
  const exact = BigInt.asIntN(64, (BigInt(high >>> 0) << 32n) | BigInt(low >>> 0));
  const number = Number(exact);
  return Number.isSafeInteger(number) ? number : exact.toString();
}
