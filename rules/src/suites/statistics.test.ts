import {
  binomialShortfallZ,
  binomialShortfallZPromql,
  call,
  chiSquareCritical,
  chiSquareSurvival,
  formatNumber,
  poissonExcessZ,
  poissonExcessZPromql,
  poissonShortfallZ,
  poissonShortfallZPromql,
} from '@nowcast/otel-exporter/contract';
import { queryWithPromtool } from '../testing/measure';

/*
 * The significance tests the alert rules run, defined once in the contract (statistics.ts) in
 * TypeScript and PromQL: promtool evaluates the PromQL form and it must equal the TypeScript one.
 */
/** A number as an instant vector (the tests' inputs are series in the rules). */
const n = (x: number) => call('vector', formatNumber(x));

const poissonCases: [count: number, expected: number, relativeStderr: number, dispersion: number][] = [
  [0, 6.7, 0, 1],
  [1, 0.2, 0, 1],
  [3, 0.2, 0.5, 1],
  [16, 1.35, 1.4, 1],
  [869, 678, 0.061, 1.144],
  [120, 150, 0.05, 1],
  [5000, 4800, 0.01, 1.3],
];
const binomialCases: [successes: number, trials: number, p: number, stderr: number, dispersion: number][] = [
  [55, 100, 0.7, 0, 1],
  [330, 600, 0.7, 0.02, 1],
  [12, 80, 0.3, 0.04, 1.2],
  [0, 50, 0.01, 0.005, 1],
];

describe('statistics in PromQL equal the TypeScript', () => {
  it('Poisson excess and shortfall z, and the binomial score z, on promtool', () => {
    const queries = [
      ...poissonCases.flatMap(([x, l, r, d]) => [
        { expr: poissonExcessZPromql(n(x), n(l), r, d), time: 0 },
        { expr: poissonShortfallZPromql(n(x), n(l), r, d), time: 0 },
      ]),
      ...binomialCases.map(([x, t, p, se, d]) => ({
        expr: binomialShortfallZPromql(n(x), n(t), n(p), se, d),
        time: 0,
      })),
    ];
    const { samples } = queryWithPromtool([], 60, [{ series: 'up', values: '1' }], queries);
    const expected = [
      ...poissonCases.flatMap(([x, l, r, d]) => [poissonExcessZ(x, l, r, d), poissonShortfallZ(x, l, r, d)]),
      ...binomialCases.map(([x, t, p, se, d]) => binomialShortfallZ(x, t, p, se, d)),
    ];
    samples.forEach((got, i) => {
      const want = expected[i] ?? NaN;
      // A count of 0 has no excess: PromQL gives NaN or −Inf, TypeScript −Infinity; neither passes a threshold.
      if (!Number.isFinite(want)) expect(got[0]?.value ?? NaN).not.toBeGreaterThan(0);
      else expect(got[0]?.value).toBeCloseTo(want, 9);
    });
  });

  it('the tests are honest at small counts: no events where 6.7 were expected is z = 3 (p = 0.0012)', () => {
    expect(poissonShortfallZ(0, 6.74)).toBeCloseTo(3, 1);
    // 1 error where 0.2 were expected: p = 0.18, nothing like the normal approximation's 1.8σ.
    expect(poissonExcessZ(1, 0.2)).toBeLessThan(1);
    // 3 errors in 69 payments at a 0.3% failure share (0.2 expected): p ≈ 0.001, z ≈ 3, not 6.
    expect(poissonExcessZ(3, 0.207)).toBeGreaterThan(2.5);
    expect(poissonExcessZ(3, 0.207)).toBeLessThan(3.5);
  });

  it('chi-square critical values for the sample-ratio mismatch test match the tables (p < 0.001)', () => {
    expect([1, 2, 3, 4].map((df) => Number(chiSquareCritical(df, 0.001).toFixed(3)))).toEqual([
      10.828, 13.816, 16.266, 18.467,
    ]);
    expect(chiSquareSurvival(10.828, 1)).toBeCloseTo(0.001, 5);
  });
});
