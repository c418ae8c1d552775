import { binary, call, formatNumber, paren } from './promql';

/*
 * The statistics of a conversion measured from counts, defined once: how sure a rate is (the
 * Wilson score interval) and whether two rates differ by more than chance (the two-proportion
 * z-test). The panel computes them in TypeScript from the counts it draws; a PromQL form of the
 * Wilson bound, for rules that must not judge noise, belongs beside these functions.
 *
 * Counts may be fractional (Prometheus' `increase()` extrapolates), which both formulas accept.
 * A rate is only a proportion when 0 ≤ successes ≤ trials: live step counters over a time range
 * can break that (attempts that began before the range), and then there is no interval and no
 * test (undefined), never a made-up one.
 */

/** z of a two-sided 95 % interval: the standard normal's 97.5th percentile. */
export const z95 = 1.959963984540054;

/** The significance level below which a difference is called significant. */
export const significanceLevel = 0.05;

/** A range of proportions, 0 to 1. */
export interface ProportionInterval {
  readonly low: number;
  readonly high: number;
}

function isProportion(successes: number, trials: number): boolean {
  return Number.isFinite(successes) && Number.isFinite(trials) && trials > 0 && successes >= 0 && successes <= trials;
}

/**
 * The Wilson score interval of `successes` out of `trials` (Wilson 1927): unlike the normal
 * approximation it stays inside 0–1 and is honest for small counts and for rates near 0 or 1
 * (1 of 7 gives 2.6 %–51.3 %, not 14.3 % ± 26 %). Undefined when the counts are not a proportion.
 */
export function wilsonInterval(successes: number, trials: number, z = z95): ProportionInterval | undefined {
  if (!isProportion(successes, trials)) {
    return undefined;
  }
  const rate = successes / trials;
  const z2 = z * z;
  const scale = 1 + z2 / trials;
  const centre = (rate + z2 / (2 * trials)) / scale;
  const halfWidth = (z / scale) * Math.sqrt((rate * (1 - rate)) / trials + z2 / (4 * trials * trials));
  // At 0 and at every trial the bound is exactly 0 (or 1); rounding must not move it.
  return {
    low: successes === 0 ? 0 : Math.max(0, centre - halfWidth),
    high: successes === trials ? 1 : Math.min(1, centre + halfWidth),
  };
}

/**
 * The standard normal distribution function Φ(x), through the complementary error function of
 * Numerical Recipes (`erfcc`, fractional error below 1.2e-7 everywhere).
 */
export function standardNormalCdf(x: number): number {
  const y = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.5 * y);
  const polynomial = erfcCoefficients.reduceRight((sum, coefficient) => coefficient + t * sum, 0);
  const erfc = t * Math.exp(-y * y + polynomial);
  return x >= 0 ? 1 - erfc / 2 : erfc / 2;
}

/** Numerical Recipes' `erfcc` coefficients, lowest power first. */
const erfcCoefficients = [
  -1.26551223, 1.00002368, 0.37409196, 0.09678418, -0.18628806, 0.27886807, -1.13520398, 1.48851587, -0.82215223,
  0.17087277,
];

export interface ProportionDifference {
  /** The test statistic: the difference in standard errors of the pooled proportion. */
  readonly z: number;
  /** Two-sided p-value: the chance of a difference at least this large if both rates were equal. */
  readonly pValue: number;
  /** `pValue` is below the significance level. */
  readonly significant: boolean;
}

/**
 * The pooled two-proportion z-test of `successesA / trialsA` against `successesB / trialsB`
 * (e.g. this week's conversion against last week's). Undefined when either side is not a
 * proportion. Identical rates of 0 or 1 on both sides differ by nothing: z 0, p 1.
 */
export function twoProportionTest(
  successesA: number,
  trialsA: number,
  successesB: number,
  trialsB: number,
  level = significanceLevel
): ProportionDifference | undefined {
  if (!isProportion(successesA, trialsA) || !isProportion(successesB, trialsB)) {
    return undefined;
  }
  const pooled = (successesA + successesB) / (trialsA + trialsB);
  const standardError = Math.sqrt(pooled * (1 - pooled) * (1 / trialsA + 1 / trialsB));
  if (standardError === 0) {
    return { z: 0, pValue: 1, significant: false };
  }
  const z = (successesA / trialsA - successesB / trialsB) / standardError;
  const pValue = Math.min(1, 2 * (1 - standardNormalCdf(Math.abs(z))));
  return { z, pValue, significant: pValue < level };
}

/*
 * The significance tests the alert rules run on counts, each in TypeScript and in PromQL (the same
 * formula, held together by a promtool test: rules/src/suites/statistics.test.ts). Each gives a
 * z: how many standard errors of doubt the counts leave; a rule fires when it exceeds its
 * sensitivity. The doubt has two parts: the counts' own noise (Poisson or binomial, widened by a
 * learned dispersion ≥ 1 where the signal is noisier than its counts) and the reference's standard
 * error (a baseline learned from weeks of counts is not exact either).
 *
 * Counts use the Wilson–Hilferty cube-root approximation of the exact Poisson tail
 * (P(X ≥ x | λ) = P(χ²₂ₓ ≤ 2λ)), within a few percent of exact from a count of 1 on, where the
 * normal approximation is not (1 error where 0.2 were expected is not 1.8σ of evidence; 3 of 69
 * at 0.3% is p ≈ 0.001, not z = 7).
 */

/**
 * z of a count significantly ABOVE an expected Poisson count: 3·(1 − 1/(9x) − c) / √(φ²/x + c²r²)
 * with c = (λ/x)^⅓, r the expected count's relative standard error and φ the dispersion.
 * −Infinity for a count of 0 (no count is evidence of excess).
 */
export function poissonExcessZ(count: number, expected: number, relativeStderr = 0, dispersion = 1): number {
  if (!(count > 0)) return -Infinity;
  const c = Math.cbrt(expected / count);
  return (
    (3 * (1 - 1 / (9 * count) - c)) /
    Math.sqrt((dispersion * dispersion) / count + c * c * relativeStderr * relativeStderr)
  );
}

/**
 * z of a count significantly BELOW an expected Poisson count: with x' = x + 1 and c = (λ/x')^⅓,
 * 3·(c − 1 + 1/(9x')) / √(φ²/x' + c²r²). No events where λ = 6.7 were expected is z = 3.
 */
export function poissonShortfallZ(count: number, expected: number, relativeStderr = 0, dispersion = 1): number {
  const next = Math.max(0, count) + 1;
  const c = Math.cbrt(expected / next);
  return (
    (3 * (c - 1 + 1 / (9 * next))) /
    Math.sqrt((dispersion * dispersion) / next + c * c * relativeStderr * relativeStderr)
  );
}

/**
 * z of a share significantly BELOW p: the score test (the one the Wilson interval inverts) with the
 * reference's standard error added, (n·p − x) / √(φ²·n·p(1 − p) + (n·se)²).
 */
export function binomialShortfallZ(successes: number, trials: number, p: number, stderr = 0, dispersion = 1): number {
  const variance = dispersion * dispersion * trials * p * (1 - p) + (trials * stderr) ** 2;
  return (trials * p - successes) / Math.sqrt(variance);
}

/** A PromQL operand: an expression in parentheses, or a number as a literal. */
function operand(x: string | number): string {
  return typeof x === 'number' ? formatNumber(x) : paren(x);
}

/** `a^2` of an operand. */
function squared(x: string | number): string {
  return typeof x === 'number' ? formatNumber(x * x) : binary(operand(x), '^', 2);
}

/** The parts of a count test: the count (x or x + 1), the cube root of λ over it, the noise. */
function countTest(count: string, expected: string, relativeStderr: string | number, dispersion: string | number) {
  const x = operand(count);
  const c = paren(binary(paren(binary(operand(expected), '/', x)), '^', 1 / 3));
  const noise = call(
    'sqrt',
    binary(binary(squared(dispersion), '/', x), '+', binary(squared(c), '*', squared(relativeStderr)))
  );
  return { x, c, noise };
}

/** `poissonExcessZ` in PromQL (a count of 0 gives −Inf or NaN: never above any sensitivity). */
export function poissonExcessZPromql(
  count: string,
  expected: string,
  relativeStderr: string | number = 0,
  dispersion: string | number = 1
): string {
  const { x, c, noise } = countTest(count, expected, relativeStderr, dispersion);
  const centre = paren(binary(binary(1, '-', binary(1, '/', paren(binary(9, '*', x)))), '-', c));
  return binary(binary(3, '*', centre), '/', noise);
}

/** `poissonShortfallZ` in PromQL. */
export function poissonShortfallZPromql(
  count: string,
  expected: string,
  relativeStderr: string | number = 0,
  dispersion: string | number = 1
): string {
  const { x, c, noise } = countTest(binary(operand(count), '+', 1), expected, relativeStderr, dispersion);
  const centre = paren(binary(binary(c, '-', 1), '+', binary(1, '/', paren(binary(9, '*', x)))));
  return binary(binary(3, '*', centre), '/', noise);
}

/** `binomialShortfallZ` in PromQL. */
export function binomialShortfallZPromql(
  successes: string,
  trials: string,
  p: string,
  stderr: string | number = 0,
  dispersion: string | number = 1
): string {
  const [x, n, pp] = [operand(successes), operand(trials), operand(p)];
  const variance = binary(
    binary(binary(binary(squared(dispersion), '*', n), '*', pp), '*', paren(binary(1, '-', pp))),
    '+',
    squared(binary(n, '*', operand(stderr)))
  );
  return binary(paren(binary(binary(n, '*', pp), '-', x)), '/', call('sqrt', variance));
}

/**
 * The chi-square distribution's survival function P(X > x) for `df` degrees of freedom, in closed
 * form for whole df (even: a Poisson sum; odd: the normal tail plus a finite series).
 */
export function chiSquareSurvival(x: number, df: number): number {
  if (x <= 0) return 1;
  if (df % 2 === 0) {
    let term = Math.exp(-x / 2);
    let sum = term;
    for (let i = 1; i < df / 2; i++) {
      term *= x / 2 / i;
      sum += term;
    }
    return Math.min(1, sum);
  }
  const root = Math.sqrt(x);
  let term = root * Math.sqrt(2 / Math.PI) * Math.exp(-x / 2);
  let sum = 0;
  for (let i = 1; i <= (df - 1) / 2; i++) {
    sum += term;
    term *= x / (2 * i + 1);
  }
  return Math.min(1, 2 * (1 - standardNormalCdf(root)) + sum);
}

/** The x beyond which a chi-square with `df` degrees of freedom lies with probability p (bisection). */
export function chiSquareCritical(df: number, p: number): number {
  let low = 0;
  let high = 1000;
  for (let i = 0; i < 100; i++) {
    const mid = (low + high) / 2;
    if (chiSquareSurvival(mid, df) > p) low = mid;
    else high = mid;
  }
  return (low + high) / 2;
}

/** The z whose one-sided normal tail is p (bisection on Φ). */
export function normalQuantile(p: number): number {
  let low = -40;
  let high = 40;
  for (let i = 0; i < 100; i++) {
    const mid = (low + high) / 2;
    if (standardNormalCdf(mid) < p) low = mid;
    else high = mid;
  }
  return (low + high) / 2;
}
