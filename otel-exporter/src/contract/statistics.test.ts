import fc from 'fast-check';
import { standardNormalCdf, twoProportionTest, wilsonInterval, z95 } from './statistics';

/** The value, or a failed test when there is none. */
function defined<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('expected a value');
  return value;
}

describe('wilsonInterval', () => {
  it('gives the textbook 95 % interval for 1 of 7 and for 240 of 1,000', () => {
    const small = defined(wilsonInterval(1, 7));
    expect(small.low).toBeCloseTo(0.0257, 4);
    expect(small.high).toBeCloseTo(0.5131, 4);
    const large = defined(wilsonInterval(240, 1000));
    expect(large.low).toBeCloseTo(0.2146, 4);
    expect(large.high).toBeCloseTo(0.2674, 4);
  });

  it('stays inside 0–1 at the edges and contains the rate', () => {
    expect(defined(wilsonInterval(0, 10)).low).toBe(0);
    expect(defined(wilsonInterval(10, 10)).high).toBe(1);
    fc.assert(
      fc.property(
        fc.double({ min: 0.5, max: 1e6, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (n, p) => {
          const interval = defined(wilsonInterval(n * p, n));
          expect(interval.low).toBeLessThanOrEqual(p + 1e-12);
          expect(interval.high).toBeGreaterThanOrEqual(p - 1e-12);
          expect(interval.low).toBeGreaterThanOrEqual(0);
          expect(interval.high).toBeLessThanOrEqual(1);
        }
      )
    );
  });

  it('has no interval when the counts are not a proportion', () => {
    expect(wilsonInterval(12, 10)).toBeUndefined();
    expect(wilsonInterval(1, 0)).toBeUndefined();
    expect(wilsonInterval(-1, 10)).toBeUndefined();
    expect(wilsonInterval(Number.NaN, 10)).toBeUndefined();
  });
});

describe('standardNormalCdf', () => {
  it('matches the normal table', () => {
    expect(standardNormalCdf(0)).toBeCloseTo(0.5, 7);
    expect(standardNormalCdf(z95)).toBeCloseTo(0.975, 6);
    expect(standardNormalCdf(-1)).toBeCloseTo(0.158655, 6);
    expect(standardNormalCdf(3)).toBeCloseTo(0.99865, 5);
  });
});

describe('twoProportionTest', () => {
  it('calls 24 % of 1,000 against 20 % of 900 significant, and 3 of 7 against 2 of 6 not', () => {
    const clear = defined(twoProportionTest(240, 1000, 180, 900));
    expect(clear.z).toBeCloseTo(2.098, 2);
    expect(clear.pValue).toBeCloseTo(0.0359, 3);
    expect(clear.significant).toBe(true);
    const noise = defined(twoProportionTest(3, 7, 2, 6));
    expect(noise.significant).toBe(false);
    expect(noise.pValue).toBeGreaterThan(0.5);
  });

  it('is symmetric and finds no difference between equal rates', () => {
    expect(twoProportionTest(50, 100, 50, 100)).toEqual({ z: 0, pValue: 1, significant: false });
    expect(twoProportionTest(0, 10, 0, 20)).toEqual({ z: 0, pValue: 1, significant: false });
    expect(defined(twoProportionTest(10, 40, 30, 60)).pValue).toBeCloseTo(
      defined(twoProportionTest(30, 60, 10, 40)).pValue,
      12
    );
  });

  it('refuses counts that are not proportions', () => {
    expect(twoProportionTest(11, 10, 5, 10)).toBeUndefined();
    expect(twoProportionTest(5, 10, 5, 0)).toBeUndefined();
  });
});
