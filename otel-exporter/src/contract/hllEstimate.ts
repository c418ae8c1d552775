import { hllAlpha } from './activeUsersPromql';

/**
 * The same estimate as activeUsersEstimatePromql, computed in-process from register values
 * (each the rank of the first 1-bit, 0 for an empty register). Tests hold the two together.
 */
export function estimateFromRegisters(registers: ArrayLike<number>): number {
  const m = registers.length;
  let inverseSum = 0;
  let zeros = 0;
  for (let i = 0; i < m; i++) {
    const rank = registers[i] ?? 0;
    inverseSum += 0.5 ** rank;
    if (rank === 0) zeros++;
  }
  const raw = (hllAlpha(m) * m * m) / inverseSum;
  return raw <= 2.5 * m && zeros > 0 ? m * Math.log(m / zeros) : raw;
}
