import { liveConversion, type ConversionBase } from '@nowcast/otel-exporter/contract';
import fc from 'fast-check';
import { changeInPoints, computeFunnel } from './computeFunnel';

describe('computeFunnel', () => {
  it('gives exact conversions from the first and the previous step, and the drop-off', () => {
    const steps = computeFunnel([
      { name: 'viewed', count: 1000 },
      { name: 'cart', count: 600 },
      { name: 'checkout', count: 300 },
      { name: 'paid', count: 240 },
    ]);
    expect(steps.map((s) => s.conversionFromFirstStep)).toEqual([100, 60, 30, 24]);
    expect(steps.map((s) => s.conversionFromPreviousStep)).toEqual([100, 60, 50, 80]);
    expect(steps.map((s) => s.dropOffFromPreviousStep)).toEqual([undefined, 400, 300, 60]);
    expect(steps.map((s) => s.dropOffPercentFromPreviousStep)).toEqual([undefined, 40, 50, 20]);
    expect(steps.map((s) => s.position)).toEqual([0, 1, 2, 3]);
  });

  it('has no conversion at all when nobody reached the first step', () => {
    const steps = computeFunnel([
      { name: 'viewed', count: 0 },
      { name: 'cart', count: 0 },
    ]);
    expect(steps.map((s) => s.conversionFromFirstStep)).toEqual([undefined, undefined]);
    expect(steps[1]?.conversionFromPreviousStep).toBeUndefined();
    expect(steps[1]?.dropOffFromPreviousStep).toBe(0);
  });

  it('marks a step without data as missing with a zero count, and the next step has no base', () => {
    const steps = computeFunnel([
      { name: 'viewed', count: 200 },
      { name: 'cart', count: undefined },
      { name: 'paid', count: 10 },
    ]);
    expect(steps[1]).toMatchObject({
      missing: true,
      count: 0,
      conversionFromFirstStep: 0,
      conversionFromPreviousStep: 0,
    });
    expect(steps[2]).toMatchObject({ conversionFromFirstStep: 5, conversionFromPreviousStep: undefined });
  });

  it('keeps a later step larger than its predecessor as it is (a range boundary), not clamped', () => {
    const steps = computeFunnel([
      { name: 'a', count: 10 },
      { name: 'b', count: 12 },
    ]);
    expect(steps[1]).toMatchObject({ conversionFromPreviousStep: 120, dropOffFromPreviousStep: -2 });
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
        const steps = computeFunnel(counts.map((count, position) => ({ name: `step ${position}`, count })));
        // The panel draws a step without data as 0, and counts it as 0 (until missing steps are reworked).
        const drawn = counts.map((count) => count ?? 0);
        const percent = (position: number, base: ConversionBase) => {
          const ratio = liveConversion(drawn, position, base);
          return ratio === undefined ? undefined : 100 * ratio;
        };
        expect(steps.map((step) => step.conversionFromFirstStep)).toEqual(drawn.map((_, k) => percent(k, 'first')));
        expect(steps.map((step) => step.conversionFromPreviousStep)).toEqual(
          drawn.map((_, k) => percent(k, 'previous'))
        );
      })
    );
  });
});

describe('changeInPoints', () => {
  it('is the difference in percentage points, undefined without a baseline', () => {
    expect(changeInPoints(60, 55.5)).toBe(4.5);
    expect(changeInPoints(60, undefined)).toBeUndefined();
  });
});
