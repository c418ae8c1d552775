import { FieldType, toDataFrame } from '@grafana/data';
import { labelNames } from '@nowcast/otel-exporter/contract';
import { stepSeries, stepSeriesOverTime } from '../fixtures/prometheus';
import { seriesOf } from '../../testing/panelProps';
import { framesOfQuery } from '../queries/queryFrames';
import { readSeries } from './readSeries';

const values = (series: ReturnType<typeof readSeries>) => series.map((one) => [one.labels[labelNames.step], one.value]);
const overTime: Array<[string, number[]]> = [
  ['viewed', [900, Number.NaN, 1000]],
  ['cart', [500, 550, Number.NaN]],
];

describe('readSeries', () => {
  it('reduces each series of Grafana’s multi frames by the Calculation, skipping NaN', async () => {
    const frames = await seriesOf([
      { target: { refId: 'A', expr: 'x', range: true, interval: '1m' }, range: stepSeriesOverTime(overTime, 60) },
    ]);
    expect(values(readSeries(frames, 'lastNotNull'))).toEqual([
      ['viewed', 1000],
      ['cart', 550],
    ]);
    expect(values(readSeries(frames, 'sum'))).toEqual([
      ['viewed', 1900],
      ['cart', 1050],
    ]);
    expect(values(readSeries(frames, 'last'))).toEqual([
      ['viewed', 1000],
      ['cart', undefined],
    ]);
  });

  it('reads a long table as one series per set of label values, its rows in time order', async () => {
    const frames = await seriesOf([
      {
        target: { refId: 'A', expr: 'x', range: true, format: 'table', interval: '1m' },
        range: stepSeriesOverTime(overTime, 60),
      },
    ]);
    expect(frames).toHaveLength(1);
    const series = readSeries(frames, 'lastNotNull', new Set([labelNames.stepIndex]));
    expect(series.map((one) => [one.labels, one.value])).toEqual([
      [{ [labelNames.step]: 'viewed', [labelNames.stepIndex]: '0' }, 1000],
      [{ [labelNames.step]: 'cart', [labelNames.stepIndex]: '1' }, 550],
    ]);
  });

  it('reads a wide frame as one series per number field', () => {
    const wide = toDataFrame({
      refId: 'A',
      fields: [
        { name: 'Time', type: FieldType.time, values: [1, 2] },
        { name: 'viewed', type: FieldType.number, values: [5, 9], labels: { [labelNames.step]: 'viewed' } },
        { name: 'cart', type: FieldType.number, values: [2, 4], labels: { [labelNames.step]: 'cart' } },
      ],
    });
    expect(values(readSeries([wide], 'lastNotNull'))).toEqual([
      ['viewed', 9],
      ['cart', 4],
    ]);
  });

  it('sets the instant half of a “Both” query aside', async () => {
    const frames = await seriesOf([
      {
        target: { refId: 'A', expr: 'x', range: true, instant: true, interval: '1m' },
        range: stepSeriesOverTime(overTime, 60),
        instant: stepSeries([['viewed', 1000]]),
      },
    ]);
    expect(frames.map((frame) => frame.refId)).toEqual(['A', 'A', 'A-Instant']);
    const { frames: read, ranAsBoth } = framesOfQuery(frames, 'A');
    expect(ranAsBoth).toBe(true);
    expect(read).toHaveLength(2);
  });
});
