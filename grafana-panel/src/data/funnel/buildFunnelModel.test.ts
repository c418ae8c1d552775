import { checkoutBaselineSteps, checkoutSteps, stepSeriesFrames } from '../fixtures/frames';
import { buildFunnelModel, orderSteps } from './buildFunnelModel';
import { readFunnelSteps, type StepObservation } from './readFunnelSteps';

function observe(frames: ReturnType<typeof stepSeriesFrames>, breakdown = ''): StepObservation[] {
  const result = readFunnelSteps(frames, breakdown, '');
  if (result.kind !== 'ok') {
    throw new Error(result.message);
  }
  return result.observations;
}

describe('buildFunnelModel', () => {
  it('orders steps by step_index whatever order the series come in', () => {
    const shuffled = stepSeriesFrames(checkoutSteps).reverse();
    const model = buildFunnelModel({ shape: 'series-per-step', current: observe(shuffled) });
    expect(model.stepNames).toEqual(['product_viewed', 'cart_added', 'checkout_started', 'payment_succeeded']);
    expect(model.groups[0]?.steps.map((s) => s.conversionFromFirstStep)).toEqual([100, 60, 30, 24]);
  });

  it('keeps a placeholder for a step index nobody reached', () => {
    const frames = stepSeriesFrames(
      [
        ['viewed', 400],
        ['paid', 100],
      ],
      { stepIndexes: [0, 2] }
    );
    const model = buildFunnelModel({ shape: 'series-per-step', current: observe(frames) });
    expect(model.stepNames).toEqual(['viewed', 'Step 2', 'paid']);
    const steps = model.groups[0]!.steps;
    expect(steps.map((s) => [s.count, s.missing])).toEqual([
      [400, false],
      [0, true],
      [100, false],
    ]);
    expect(steps[2]).toMatchObject({ conversionFromFirstStep: 25, conversionFromPreviousStep: undefined });
  });

  it('builds one funnel per breakdown value over the same steps, largest first and __other__ last', () => {
    const frames = [
      ...stepSeriesFrames(
        [
          ['viewed', 50],
          ['paid', 5],
        ],
        { labels: { country: '__other__' } }
      ),
      ...stepSeriesFrames(
        [
          ['viewed', 100],
          ['paid', 20],
        ],
        { labels: { country: 'fr' } }
      ),
      ...stepSeriesFrames(
        [
          ['viewed', 400],
          ['paid', 40],
        ],
        { labels: { country: 'de' } }
      ),
    ];
    const model = buildFunnelModel({ shape: 'series-per-step', current: observe(frames, 'country') });
    expect(model.groups.map((g) => g.key)).toEqual(['de', 'fr', '__other__']);
    expect(model.groups.map((g) => g.steps[1]?.conversionFromFirstStep)).toEqual([10, 20, 10]);
  });

  it('sums series of one step that differ in labels the panel does not split by', () => {
    const frames = [
      ...stepSeriesFrames([['viewed', 30]], { labels: { instance: 'a' } }),
      ...stepSeriesFrames([['viewed', 70]], { labels: { instance: 'b' } }),
    ];
    const model = buildFunnelModel({ shape: 'series-per-step', current: observe(frames) });
    expect(model.groups[0]?.steps[0]?.count).toBe(100);
  });

  it('compares with the baseline in percentage points for both percent bases', () => {
    const model = buildFunnelModel({
      shape: 'series-per-step',
      current: observe(stepSeriesFrames(checkoutSteps)),
      baseline: observe(stepSeriesFrames(checkoutBaselineSteps, { refId: 'B' })),
    });
    expect(model.hasBaseline).toBe(true);
    const steps = model.groups[0]!.steps;
    // now 100/60/30/24 % of first; last week 100/55.55…/30/20 %
    expect(steps[3]?.baseline?.conversionFromFirstStep).toBe(20);
    expect(steps[3]?.changeFromFirstStepInPoints).toBe(4);
    expect(steps[2]?.changeFromFirstStepInPoints).toBe(0);
    // now 80 % of previous; last week 180/270 = 66.66… %
    expect(steps[3]?.changeFromPreviousStepInPoints).toBeCloseTo(13.3333333, 6);
    expect(model.groups[0]?.scaleMax).toBe(1000);
  });

  it('attaches the median time to convert per step', () => {
    const times = observe(
      stepSeriesFrames(
        [
          ['cart_added', 42],
          ['payment_succeeded', 310],
        ],
        { refId: 'C', stepIndexes: [1, 3] }
      )
    );
    const model = buildFunnelModel({
      shape: 'series-per-step',
      current: observe(stepSeriesFrames(checkoutSteps)),
      timeToConvert: times,
    });
    expect(model.groups[0]?.steps.map((s) => s.medianSecondsToConvert)).toEqual([undefined, 42, undefined, 310]);
  });
});

describe('orderSteps', () => {
  it('puts steps without an index after the indexed ones, in order of appearance', () => {
    const field = stepSeriesFrames([['x', 1]])[0]!.fields[1]!;
    const o = (step: string, stepIndex: number | undefined): StepObservation => ({
      step,
      stepIndex,
      group: '',
      value: 1,
      field,
      row: 0,
    });
    expect(orderSteps([o('late', undefined), o('b', 1), o('a', 0)])).toEqual(['a', 'b', 'late']);
  });
});
