import { activeUsersLabelNames, productFamilies } from './families';
import { labelNames } from './labels';
import { aggregate, binary, call, paren } from './promql';

/*
 * The PromQL estimate of unique users from HyperLogLog registers. The rule generator records it and
 * the tests compare it with ground truth, so this is the only place that writes the formula.
 */

const perScopeAndWindow = [labelNames.scope, labelNames.window];

/** Registers merged across exporter replicas: HLL union is the register-wise max. */
export function mergedRegistersPromql(namespace: string): string {
  return aggregate('max', activeUsersLabelNames, productFamilies(namespace).activeUsersRegister.name);
}

/** The bias constant alpha_m of Flajolet et al. for m registers. */
export function hllAlpha(registerCount: number): number {
  switch (registerCount) {
    case 16:
      return 0.673;
    case 32:
      return 0.697;
    case 64:
      return 0.709;
    default:
      return 0.7213 / (1 + 1.079 / registerCount);
  }
}

/**
 * Estimated distinct users per (scope, window), from a vector of merged registers
 * (one series per scope, window, register): the harmonic-mean estimate
 * E = alpha·m² / Σ 2^-M, replaced by linear counting m·ln(m/V) when E ≤ 2.5m and V registers are zero.
 * Registers come from a 64-bit hash, so no large-range correction is needed.
 */
export function activeUsersEstimatePromql(registers: string, precision: number): string {
  const m = 2 ** precision;
  const byScope = { on: perScopeAndWindow };
  const raw = paren(
    binary(hllAlpha(m) * m * m, '/', aggregate('sum', perScopeAndWindow, binary(0.5, '^', paren(registers))))
  );
  const zeroRegisters = aggregate('count', perScopeAndWindow, binary(paren(registers), '==', 0));
  const linearCounting = paren(binary(m, '*', call('ln', binary(m, '/', zeroRegisters))));
  const small = paren(binary(linearCounting, 'and', paren(binary(raw, '<=', 2.5 * m)), byScope));
  return binary(small, 'or', raw, byScope);
}

/** Standard error of the estimate for precision p. */
export function hllStandardError(precision: number): number {
  return 1.04 / Math.sqrt(2 ** precision);
}
