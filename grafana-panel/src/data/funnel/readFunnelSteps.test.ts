import { FieldType, toDataFrame } from '@grafana/data';
import { labelNames } from '@nowcast/otel-exporter/contract';
import { exampleQueries } from '../exampleQueries';
import { checkoutSteps, queryPerStepFrames, stepSeriesFrames, stepTableFrame } from '../fixtures/frames';
import { readFunnelSteps } from './readFunnelSteps';

const example = exampleQueries('').funnelSteps;
/** [step, step_index, value] of the checkout fixture, whichever shape it comes in. */
const checkoutObservations = checkoutSteps.map(([step, count], index) => [step, index, count]);

describe('readFunnelSteps', () => {
  it('reads one series per step from the step and step_index labels', () => {
    const result = readFunnelSteps(stepSeriesFrames(checkoutSteps), '', example);
    expect(result.kind).toBe('ok');
    if (result.kind !== 'ok') {
      return;
    }
    expect(result.shape).toBe('series-per-step');
    expect(result.observations.map((o) => [o.step, o.stepIndex, o.value])).toEqual([
      ['product_viewed', 0, 1000],
      ['cart_added', 1, 600],
      ['checkout_started', 2, 300],
      ['payment_succeeded', 3, 240],
    ]);
  });

  it('reads a table with step, step_index and value columns', () => {
    const result = readFunnelSteps([stepTableFrame(checkoutSteps)], '', example);
    expect(result).toMatchObject({ kind: 'ok', shape: 'table' });
    if (result.kind === 'ok') {
      expect(result.observations.map((o) => [o.step, o.stepIndex, o.value])).toEqual(checkoutObservations);
    }
  });

  it('reads one query per step in refId order, named by the legend', () => {
    const frames = queryPerStepFrames(checkoutSteps).reverse();
    const result = readFunnelSteps(frames, '', example);
    expect(result).toMatchObject({ kind: 'ok', shape: 'query-per-step' });
    if (result.kind === 'ok') {
      expect(result.observations.map((o) => [o.step, o.stepIndex, o.value])).toEqual(checkoutObservations);
    }
  });

  it('takes the latest value of a range query', () => {
    const frame = toDataFrame({
      refId: 'A',
      fields: [
        { name: 'Time', type: FieldType.time, values: [1, 2, 3] },
        {
          name: 'Value',
          type: FieldType.number,
          values: [5, 7, null],
          labels: { [labelNames.step]: 'viewed', [labelNames.stepIndex]: '0' },
        },
      ],
    });
    const result = readFunnelSteps([frame], '', example);
    expect(result.kind === 'ok' && result.observations[0]?.value).toBe(7);
  });

  it('splits by the breakdown label', () => {
    const frames = [
      ...stepSeriesFrames(checkoutSteps, { labels: { country: 'de' } }),
      ...stepSeriesFrames(checkoutSteps, { labels: { country: 'fr' } }),
    ];
    const result = readFunnelSteps(frames, 'country', example);
    expect(result.kind === 'ok' && [...new Set(result.observations.map((o) => o.group))]).toEqual(['de', 'fr']);
  });

  it('refuses several unlabelled series in one query and names the query to write', () => {
    const frame = toDataFrame({
      refId: 'A',
      fields: [
        { name: 'Time', type: FieldType.time, values: [1] },
        { name: 'a', type: FieldType.number, values: [1] },
        { name: 'b', type: FieldType.number, values: [2] },
      ],
    });
    const result = readFunnelSteps([frame], '', example);
    expect(result.kind).toBe('unsupported');
    expect(result.kind === 'unsupported' && result.message).toContain(example);
  });

  it('refuses frames with no numbers at all', () => {
    const frame = toDataFrame({ refId: 'A', fields: [{ name: 'name', type: FieldType.string, values: ['x'] }] });
    expect(readFunnelSteps([frame], '', example).kind).toBe('unsupported');
  });
});
