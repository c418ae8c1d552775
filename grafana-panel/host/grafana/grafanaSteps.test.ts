/**
 * The reproduced Grafana data steps against figures taken from Grafana's own source and tests
 * (cited in each module): the step table, the sampler's golden file, the frame shapes.
 */
import { createTheme, dateTime, FieldType, LoadingState, toDataFrame } from '@grafana/data';
import { backendFrames } from './backendFrames';
import { StandardDeviationSampler } from './exemplarSampler';
import { goDuration, interpolateVariables, prometheusStepMs, rateIntervalMs, roundInterval } from './interval';
import { toPanelData } from './panelData';
import { planRequests, type PlannedRequest } from './promRequests';
import { runQueries } from './runQueries';
import type { PromResponse, PromTarget } from './types';

const hour = 3_600_000;
const datasource = { scrapeInterval: '5s' };
const at = Date.UTC(2026, 10, 27, 12, 0, 0);

describe('the step Grafana chooses', () => {
  it('rounds intervals as gtime.RoundInterval (inclusive) and rangeUtil (exclusive)', () => {
    expect(roundInterval(327, true)).toBe(200);
    expect(roundInterval(7500, true)).toBe(5000);
    expect(roundInterval(7500, false)).toBe(10_000);
    expect(roundInterval(7_854, true)).toBe(10_000);
  });

  it('takes the min step, the range over max data points and the range over 11,000, whichever is longest', () => {
    const step = (rangeMs: number, maxDataPoints: number, minStep?: string) =>
      prometheusStepMs({
        range: { from: 0, to: rangeMs },
        maxDataPoints,
        minStep,
        intervalMs: 5000,
        scrapeInterval: '5s',
      });
    expect(step(hour, 11_000, '1s')).toBe(1000);
    expect(step(24 * hour, 11_000, '1s')).toBe(10_000);
    expect(step(hour, 800, '1s')).toBe(5000);
    // No min step: the frontend's interval (the scrape interval here) is the floor.
    expect(step(hour, 11_000)).toBe(5000);
  });

  it('writes $__range, $__interval and $__rate_interval as the backend does', () => {
    const inputs = {
      range: { from: 0, to: hour },
      maxDataPoints: 11_000,
      minStep: undefined,
      intervalMs: 5000,
      scrapeInterval: '5s',
    };
    expect(interpolateVariables('increase(x[$__range]) rate(x[$__rate_interval]) x[$__interval]', inputs, 5000)).toBe(
      'increase(x[3600s]) rate(x[20s]) x[5s]'
    );
    expect(rateIntervalMs(60_000, '5s')).toBe(65_000);
    expect(goDuration(65_000)).toBe('1m5s');
  });
});

describe('the requests Grafana sends', () => {
  const panel = { from: at - hour, to: at + 1234, maxDataPoints: 11_000 };

  it('splits "Both" into a range query and an instant one under <refId>-Instant, without exemplars on the instant one', () => {
    const requests = planRequests(
      { refId: 'A', expr: 'x', instant: true, range: true, exemplar: true, interval: '1s' },
      panel,
      datasource
    );
    expect(requests.map((r) => [r.refId, r.kind])).toEqual([
      ['A', 'range'],
      ['A', 'exemplars'],
      ['A-Instant', 'instant'],
    ]);
  });

  it('aligns range and exemplar queries down to the step and asks instant queries at the end', () => {
    const [instant, exemplars] = planRequests(
      { refId: 'C', expr: 'x', instant: true, exemplar: true, interval: '1s' },
      panel,
      datasource
    );
    expect(instant?.params.time).toBe(String((at + 1234) / 1000));
    expect(exemplars?.params).toMatchObject({ start: String((at - hour) / 1000), end: String((at + 1000) / 1000) });
    expect(exemplars?.stepMs).toBe(1000);
  });
});

describe('the exemplar sampler', () => {
  it('reproduces Grafana’s golden file: one exemplar per 600 s bucket, the highest (testdata/stddev_sampler.jsonc)', () => {
    const sampler = new StandardDeviationSampler(600_000);
    for (let second = 0; second < 100_000; second++) {
      sampler.add({ timestamp: second * 1000, value: second, seriesLabels: {}, labels: {} });
    }
    const kept = sampler.sample();
    expect(kept).toHaveLength(167);
    expect(kept.slice(0, 3).map((e) => [e.timestamp, e.value])).toEqual([
      [599_000, 599],
      [1_199_000, 1199],
      [1_799_000, 1799],
    ]);
    expect(kept[166]?.value).toBe(99_999);
  });

  it('keeps exactly one exemplar per step when every value is 1, the first in response order', () => {
    const sampler = new StandardDeviationSampler(1000);
    const add = (ms: number, user: string) =>
      sampler.add({ timestamp: ms, value: 1, seriesLabels: {}, labels: { user } });
    add(100, 'a');
    add(900, 'b');
    add(1500, 'c');
    add(1200, 'd');
    expect(sampler.sample().map((e) => e.labels.user)).toEqual(['a', 'c']);
  });
});

describe('the backend’s frames', () => {
  const request = (overrides: Partial<PlannedRequest> = {}): PlannedRequest => ({
    refId: 'A',
    kind: 'instant',
    path: '/api/v1/query',
    params: {},
    stepMs: 15_000,
    exemplarQuery: false,
    legendFormat: undefined,
    expr: 'sum(x)',
    ...overrides,
  });

  it('frames a vector as one numeric-multi frame per series, NaN travelling as an entity', () => {
    const answer: PromResponse = {
      status: 'success',
      data: {
        resultType: 'vector',
        result: [
          { metric: { step: 'a' }, value: [at / 1000, '10'] },
          { metric: { step: 'b' }, value: [at / 1000, 'NaN'] },
        ],
      },
    };
    const frames = backendFrames(request(), answer).frames.map((json) => toDataFrame(json));
    expect(frames.map((frame) => frame.meta?.type)).toEqual(['numeric-multi', 'numeric-multi']);
    expect(frames[0]?.fields[0]?.config.interval).toBe(15_000);
    expect(frames[0]?.fields[1]?.config.displayNameFromDS).toBe('{step="a"}');
    expect(frames[1]?.fields[1]?.values[0]).toBeNaN();
  });

  it('gives an empty answer one empty frame, and an error its message', () => {
    const empty = backendFrames(request(), { status: 'success', data: { resultType: 'vector', result: [] } });
    expect(empty.frames.map((json) => toDataFrame(json).fields.length)).toEqual([0]);
    expect(backendFrames(request(), { status: 'error', errorType: 'bad_data', error: 'parse error' }).error).toBe(
      'bad_data: parse error'
    );
  });
});

describe('the frontend and the query runner', () => {
  const answers: Record<string, PromResponse> = {
    range: {
      status: 'success',
      data: {
        resultType: 'matrix',
        result: [
          {
            metric: { step: 'a' },
            values: [
              [at / 1000 - 60, '4'],
              [at / 1000, '6'],
            ],
          },
          {
            metric: { step: 'b' },
            values: [
              [at / 1000 - 60, '1'],
              [at / 1000, '2'],
            ],
          },
        ],
      },
    },
    exemplars: {
      status: 'success',
      data: [
        {
          seriesLabels: { event: 'e' },
          exemplars: [
            { labels: { user: 'u1', trace: 't1' }, value: '1', timestamp: at / 1000 - 30 },
            { labels: { user: 'u2' }, value: '1', timestamp: at / 1000 - 10 },
          ],
        },
      ],
    },
  };

  async function panelData(target: PromTarget) {
    const response = await runQueries(
      [target],
      { from: at - hour, to: at, maxDataPoints: 11_000 },
      datasource,
      async (r) => answers[r.kind] ?? { status: 'success', data: { resultType: 'vector', result: [] } }
    );
    return toPanelData({
      response,
      targets: [target],
      destinations: [{ name: 'trace', url: 'https://tempo.example/${__value.raw}' }],
      fieldConfig: { defaults: {}, overrides: [] },
      theme: createTheme(),
      timeRange: { from: dateTime(at - hour), to: dateTime(at), raw: { from: 'now-1h', to: 'now' } },
      timeZone: 'utc',
      state: LoadingState.Done,
    });
  }

  it('turns a range query in table format into one frame with a row per sample', async () => {
    const data = await panelData({ refId: 'A', expr: 'x', range: true, format: 'table', interval: '1m' });
    expect(data.series).toHaveLength(1);
    const table = data.series[0]!;
    expect(table.fields.map((field) => [field.name, field.type])).toEqual([
      ['Time', FieldType.time],
      ['step', FieldType.string],
      ['Value', FieldType.number],
    ]);
    expect(table.fields[2]?.values).toEqual([4, 1, 6, 2]);
  });

  it('puts sampled exemplars in the annotations with the data source’s trace link, through field overrides', async () => {
    const data = await panelData({ refId: 'A', expr: 'x', range: true, exemplar: true, interval: '1m' });
    expect(data.series).toHaveLength(2);
    const [exemplars] = data.annotations ?? [];
    // One 1 m step holds both exemplars; the sampler keeps the first.
    expect(exemplars?.fields.map((field) => [field.name, field.values])).toEqual([
      ['Time', [at - 30_000]],
      ['Value', [1]],
      ['event', ['e']],
      ['trace', ['t1']],
      ['user', ['u1']],
    ]);
    const trace = exemplars!.fields.find((field) => field.name === 'trace')!;
    expect(trace.getLinks?.({ valueRowIndex: 0 })[0]?.href).toBe('https://tempo.example/t1');
  });
});
