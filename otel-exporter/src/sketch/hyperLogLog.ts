import type { Hash64 } from './hash64';

const clz32 = Math.clz32;

/**
 * HyperLogLog registers (Flajolet et al.): register index from the top `precision` bits of the
 * hash, rank = position of the first 1-bit in the remaining 64 - precision bits. The estimate is
 * the contract's (`estimateFromRegisters`, `activeUsersEstimatePromql`), never computed here.
 */
export function registerIndex(hash: Hash64, precision: number): number {
  return hash.high >>> (32 - precision);
}

export function registerRank(hash: Hash64, precision: number): number {
  if (hash.low !== 0) {
    return clz32(hash.low) + 1;
  }
  // The low word is all zeros: continue into the high word's bits below the index.
  const rest = (hash.high << precision) >>> 0;
  return rest === 0 ? 32 + (32 - precision) + 1 : 32 + clz32(rest) + 1;
}

/** Adds a hashed item to registers (keeps the larger rank). */
export function addToRegisters(registers: Uint8Array, hash: Hash64, precision: number): void {
  const index = registerIndex(hash, precision);
  const rank = registerRank(hash, precision);
  if (rank > (registers[index] ?? 0)) {
    registers[index] = rank;
  }
}

/** The union of sketches: register-wise max, what PromQL `max by (register)` does across replicas. */
export function mergeRegisters(into: Uint8Array, from: Uint8Array): Uint8Array {
  from.forEach((rank, i) => {
    if (rank > (into[i] ?? 0)) into[i] = rank;
  });
  return into;
}
