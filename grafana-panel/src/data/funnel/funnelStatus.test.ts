import { LoadingState } from '@grafana/data';
import {
  checkoutBaselineSteps,
  checkoutSteps,
  grafanaScene,
  medianSeries,
  outcomesReaching,
  stepSeries,
  stepSeriesOverTime,
  type QueryFixture,
} from '../fixtures/prometheus';
import { panelDataOf } from '../../testing/panelProps';
import { defaultPanelOptions } from '../../types';
import { funnelStatus, type FunnelOptions, type FunnelModel } from './funnelStatus';

const options: FunnelOptions = { ...defaultPanelOptions, stepsRefIds: ['A'] };
const instant = (refId: string, series: QueryFixture['instant']): QueryFixture => ({
  target: { refId, expr: `query ${refId}`, instant: true },
  instant: series,
});

async function model(fixtures: readonly QueryFixture[], overrides: Partial<FunnelOptions> = {}): Promise<FunnelModel> {
  const result = funnelStatus(panelDataOf(await grafanaScene(fixtures)), { ...options, ...overrides });
  if (result.status !== 'ok') {
    throw new Error(`expected a funnel, got ${result.status}: ${result.message}`);
  }
  return result.model;
}

const counts = (funnel: FunnelModel, group = 0) => funnel.groups[group]?.steps.map((step) => step.count);
const texts = (funnel: FunnelModel) => funnel.notices.map((notice) => notice.text);

describe('funnelStatus: each query for its part', () => {
  it('reads only the steps query as steps, and names a query without a part', async () => {
    const funnel = await model([
      instant('A', stepSeries(checkoutSteps)),
      instant('B', stepSeries(checkoutBaselineSteps)),
    ]);
    expect(counts(funnel)).toEqual([1000, 600, 300, 240]);
    expect(texts(funnel)).toEqual([expect.stringContaining('Query B has no part and is not drawn')]);
  });

  it('compares with the baseline, says which query it is, and reports a part naming a missing query', async () => {
    const funnel = await model(
      [instant('A', stepSeries(checkoutSteps)), instant('B', stepSeries(checkoutBaselineSteps))],
      {
        baselineRefId: 'B',
      }
    );
    expect(funnel.hasBaseline).toBe(true);
    const last = funnel.groups[0]!.steps[3]!;
    expect(last.conversion.first).toMatchObject({ percent: 24, baselinePercent: 20, changeInPoints: 4 });
    expect(last.conversion.first.significance?.significant).toBe(true);
    const misspelt = await model([instant('A', stepSeries(checkoutSteps))], { baselineRefId: 'b' });
    expect(texts(misspelt)).toEqual([
      'The baseline is set to query b, which this panel does not have (its queries: A).',
    ]);
  });

  it('reads a query given two parts for the first one only', async () => {
    const funnel = await model([instant('A', stepSeries(checkoutSteps))], { baselineRefId: 'A' });
    expect(funnel.hasBaseline).toBe(false);
    expect(texts(funnel)).toEqual(['Query A is chosen as both steps and baseline; it is read as steps only.']);
  });

  it('says no data when the steps returned nothing, and reports a query error first', async () => {
    expect(funnelStatus(panelDataOf(await grafanaScene([instant('A', [])])), options).status).toBe('nodata');
    const failed = await grafanaScene([
      { target: { refId: 'A', expr: 'x', instant: true }, error: 'parse error at char 3' },
    ]);
    expect(funnelStatus(panelDataOf(failed), options)).toEqual({
      status: 'error',
      message: 'bad_data: parse error at char 3',
    });
  });
});

describe('funnelStatus: data shapes', () => {
  const overTime: Array<[string, number[]]> = [
    ['product_viewed', [900, 950, 1000]],
    ['cart_added', [500, 550, 600]],
  ];

  it('reads the latest value of each series in table format, instead of adding up the samples', async () => {
    const funnel = await model([
      {
        target: { refId: 'A', expr: 'x', range: true, format: 'table', interval: '1m' },
        range: stepSeriesOverTime(overTime, 60),
      },
    ]);
    expect(counts(funnel)).toEqual([1000, 600]);
  });

  it('reads a query set to “Both” once, and says which half it read', async () => {
    const funnel = await model([
      {
        target: { refId: 'A', expr: 'x', range: true, instant: true, interval: '1m' },
        range: stepSeriesOverTime(overTime, 60),
        instant: stepSeries([
          ['product_viewed', 1000],
          ['cart_added', 600],
        ]),
      },
    ]);
    expect(counts(funnel)).toEqual([1000, 600]);
    expect(texts(funnel)).toEqual([
      'Query A runs as “Both”: its range result is read (Last *) and its instant copy set aside.',
    ]);
  });

  it('adds per-interval increases up when the Calculation is Total', async () => {
    const funnel = await model(
      [
        {
          target: { refId: 'A', expr: 'x', range: true, interval: '1m' },
          range: stepSeriesOverTime([['viewed', [300, 300, 400]]], 60),
        },
      ],
      { calculation: 'sum' }
    );
    expect(counts(funnel)).toEqual([1000]);
  });

  it('reads one query per step, in the order the steps option lists them', async () => {
    const one = (refId: string, value: number, legend: string): QueryFixture => ({
      target: { refId, expr: 'x', instant: true, legendFormat: legend },
      instant: [{ metric: {}, value: [0, String(value)] }],
    });
    const funnel = await model([one('A', 50, 'paid'), one('B', 200, 'viewed')], { stepsRefIds: ['B', 'A'] });
    expect(funnel.stepNames).toEqual(['viewed', 'paid']);
    expect(counts(funnel)).toEqual([200, 50]);
    expect(funnel.shape).toBe('query-per-step');
  });

  it('keeps a NaN or absent step as missing: no count, no conversion from it, no drop-off', async () => {
    const funnel = await model([
      instant('A', stepSeries([checkoutSteps[0]!, ['cart_added', Number.NaN], checkoutSteps[2]!])),
    ]);
    const steps = funnel.groups[0]!.steps;
    expect(steps.map((step) => step.count)).toEqual([1000, undefined, 300]);
    expect(steps[1]).toMatchObject({ conversionFromFirstStep: undefined, dropOffFromPreviousStep: undefined });
    expect(steps[2]).toMatchObject({
      conversionFromFirstStep: 30,
      conversionFromPreviousStep: undefined,
      dropOffFromPreviousStep: undefined,
    });
    const gap = await model([
      instant(
        'A',
        stepSeries(
          [
            ['viewed', 400],
            ['paid', 100],
          ],
          { stepIndexes: [0, 2] }
        )
      ),
    ]);
    expect(gap.stepNames).toEqual(['viewed', 'Step 2', 'paid']);
    expect(counts(gap)).toEqual([400, undefined, 100]);
  });

  it('adds up series of one step that differ in a label the funnel is not broken down by', async () => {
    const funnel = await model([
      instant('A', [
        ...stepSeries([['viewed', 30]], { labels: { instance: 'a' } }),
        ...stepSeries([['viewed', 70]], { labels: { instance: 'b' } }),
      ]),
    ]);
    expect(counts(funnel)).toEqual([100]);
  });

  it('never adds medians: two series for one step give no median and a notice naming the label', async () => {
    const funnel = await model(
      [
        instant('A', stepSeries(checkoutSteps)),
        instant('C', [
          ...medianSeries([['cart_added', 40]], { platform: 'web' }),
          ...medianSeries(
            [
              ['cart_added', 60],
              ['payment_succeeded', 300],
            ],
            { platform: 'ios' }
          ),
        ]),
      ],
      { medianRefId: 'C' }
    );
    expect(funnel.groups[0]!.steps.map((step) => step.medianSecondsToConvert)).toEqual([
      undefined,
      undefined,
      undefined,
      300,
    ]);
    expect(texts(funnel)[0]).toMatch(/^The median query returns 2 series for cart_added \(they differ in platform\)/);
  });
});

describe('funnelStatus: settled and live', () => {
  it('draws settled counts from the outcomes, with the live counters beside them', async () => {
    const funnel = await model(
      [
        instant(
          'A',
          stepSeries([
            ['viewed', 1000],
            ['cart', 1040],
          ])
        ),
        instant('B', outcomesReaching([1000, 600])),
      ],
      { outcomesRefId: 'B' }
    );
    expect(funnel.kind).toBe('settled');
    expect(counts(funnel)).toEqual([1000, 600]);
    expect(funnel.groups[0]!.steps.map((step) => step.liveCount)).toEqual([1000, 1040]);
  });

  it('explains a live step above 100 %', async () => {
    const funnel = await model([
      instant(
        'A',
        stepSeries([
          ['viewed', 1000],
          ['cart', 1040],
        ])
      ),
    ]);
    expect(funnel.kind).toBe('live');
    expect(texts(funnel)[0]).toMatch(/^Above 100 %: more attempts reached cart than viewed in this range/);
  });

  it('says when the outcomes are empty, and refuses a baseline of the other kind', async () => {
    const empty = await model([instant('A', stepSeries(checkoutSteps)), instant('B', [])], { outcomesRefId: 'B' });
    expect(empty.kind).toBe('live');
    expect(texts(empty)).toEqual([
      'The outcomes (query B) have no closed attempts in this range yet, so conversion is live.',
    ]);
    const mismatch = await model(
      [
        instant('A', stepSeries(checkoutSteps)),
        instant('B', outcomesReaching([1000, 600, 300, 240])),
        instant('C', stepSeries(checkoutBaselineSteps)),
      ],
      { outcomesRefId: 'B', baselineRefId: 'C' }
    );
    expect(mismatch.hasBaseline).toBe(false);
    expect(texts(mismatch)[0]).toMatch(/^The baseline \(query C\) is not outcomes by reached step like the funnel/);
  });

  it('says when the baseline has no data', async () => {
    const funnel = await model([instant('A', stepSeries(checkoutSteps)), instant('B', [])], { baselineRefId: 'B' });
    expect(funnel.hasBaseline).toBe(false);
    expect(texts(funnel)).toEqual([
      'The baseline (query B) has no data in its range, so there is nothing to compare with.',
    ]);
  });
});

describe('funnelStatus: volume', () => {
  it('gives each conversion its 95 % Wilson interval and marks a small base as low volume', async () => {
    const funnel = await model(
      [
        instant(
          'A',
          stepSeries([
            ['viewed', 7],
            ['cart', 3],
            ['paid', 1],
          ])
        ),
      ],
      { minVolume: 30 }
    );
    const paid = funnel.groups[0]!.steps[2]!.conversion.first;
    expect(paid.percent).toBeCloseTo(14.2857, 4);
    expect(paid.interval!.low).toBeCloseTo(2.568, 3);
    expect(paid.interval!.high).toBeCloseTo(51.313, 3);
    expect(paid.lowVolume).toBe(true);
    const enough = await model(
      [
        instant(
          'A',
          stepSeries([
            ['viewed', 7],
            ['cart', 3],
            ['paid', 1],
          ])
        ),
      ],
      { minVolume: 5 }
    );
    expect(enough.groups[0]!.steps[2]!.conversion.first.lowVolume).toBe(false);
  });

  it('hides breakdown groups that counted nobody, unless asked to show them', async () => {
    const fixtures = [
      instant('A', [
        ...stepSeries(checkoutSteps, { labels: { country: 'de' } }),
        ...stepSeries(
          checkoutSteps.map(([step]) => [step, 0]),
          { labels: { country: '__other__' } }
        ),
      ]),
    ];
    const hidden = await model(fixtures, { breakdownLabel: 'country' });
    expect(hidden.groups.map((group) => group.key)).toEqual(['de']);
    expect(hidden.hiddenGroups).toEqual(['__other__']);
    const shown = await model(fixtures, { breakdownLabel: 'country', showEmptyGroups: true });
    expect(shown.groups.map((group) => group.key)).toEqual(['de', '__other__']);
  });
});

it('reports the state Grafana gives a failed query even without a message', () => {
  const data = panelDataOf(undefined, { state: LoadingState.Error });
  expect(funnelStatus(data, options).status).toBe('error');
});
