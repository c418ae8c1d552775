import { liveConversion, settledConversion, type ConversionBase } from '@nowcast/otel-exporter/contract';
import fc from 'fast-check';
import { changeInPoints, computeFunnel, settledCounts } from './computeFunnel';

const names = (count: number) => Array.from({ length: count }, (_, i) => `step ${i}`);

describe('computeFunnel', () => {
  it('gives exact conversions from the first and the previous step, and the drop-off', () => {
    const steps = computeFunnel(names(4), [1000, 600, 300, 240]);
    expect(steps.map((s) => s.conversionFromFirstStep)).toEqual([100, 60, 30, 24]);
    expect(steps.map((s) => s.conversionFromPreviousStep)).toEqual([100, 60, 50, 80]);
    expect(steps.map((s) => s.dropOffFromPreviousStep)).toEqual([undefined, 400, 300, 60]);
    expect(steps.map((s) => s.dropOffPercentFromPreviousStep)).toEqual([undefined, 40, 50, 20]);
  });

  it('has no conversion at all when nobody reached the first step', () => {
    const steps = computeFunnel(names(2), [0, 0]);
    expect(steps.map((s) => s.conversionFromFirstStep)).toEqual([undefined, undefined]);
    expect(steps[1]?.dropOffFromPreviousStep).toBe(0);
  });

  it('gives a step without data no count, no conversion, and the next step no drop-off', () => {
    const steps = computeFunnel(names(3), [200, undefined, 10]);
    expect(steps[1]).toMatchObject({
      count: undefined,
      conversionFromFirstStep: undefined,
      dropOffFromPreviousStep: undefined,
    });
    expect(steps[2]).toMatchObject({
      conversionFromFirstStep: 5,
      conversionFromPreviousStep: undefined,
      dropOffFromPreviousStep: undefined,
    });
  });

  it('keeps a later step larger than its predecessor as it is (a range boundary), not clamped', () => {
    expect(computeFunnel(names(2), [10, 12])[1]).toMatchObject({
      conversionFromPreviousStep: 120,
      dropOffFromPreviousStep: -2,
    });
  });
});

describe('computeFunnel and the contract', () => {
  // Counts as `increase()` gives them (fractional, often 0), or undefined for a step without data.
  const stepCount = fc.option(fc.oneof(fc.constant(0), fc.nat(1000), fc.double({ min: 0, max: 1e6, noNaN: true })), {
    nil: undefined,
  });

  it('gives 100 × the contract’s live conversion from the first and the previous step', () => {
    fc.assert(
      fc.property(fc.array(stepCount, { maxLength: 8 }), (counts) => {
        const steps = computeFunnel(names(counts.length), counts);
        const percent = (position: number, base: ConversionBase) => {
          const ratio = liveConversion(counts, position, base);
          return ratio === undefined ? undefined : 100 * ratio;
        };
        expect(steps.map((step) => step.conversionFromFirstStep)).toEqual(counts.map((_, k) => percent(k, 'first')));
        expect(steps.map((step) => step.conversionFromPreviousStep)).toEqual(
          counts.map((_, k) => percent(k, 'previous'))
        );
      })
    );
  });

  it('gives settled counts whose conversions are the contract’s settled conversion', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(500), { minLength: 1, maxLength: 6 }), (outcomes) => {
        const counts = settledCounts(outcomes, outcomes.length);
        const steps = computeFunnel(names(outcomes.length), counts);
        for (const base of ['first', 'previous'] as const) {
          const expected = outcomes.map((_, k) => {
            const ratio = settledConversion(outcomes, k, base);
            return ratio === undefined ? undefined : 100 * ratio;
          });
          const got = steps.map((step) =>
            base === 'first' ? step.conversionFromFirstStep : step.conversionFromPreviousStep
          );
          expect(got).toEqual(expected);
        }
      })
    );
  });

  it('leaves settled counts unknown where an outcome is unknown', () => {
    expect(settledCounts([400, Number.NaN, 60, 240], 4)).toEqual([undefined, undefined, 300, 240]);
  });
});

describe('changeInPoints', () => {
  it('is the difference in percentage points, undefined without a baseline', () => {
    expect(changeInPoints(42, 40)).toBe(2);
    expect(changeInPoints(42, undefined)).toBeUndefined();
  });
});
