import { exemplarsToFrame, seriesToFrames } from './promFrames';

describe('promFrames', () => {
  it('makes one frame per series with Time and a labelled Value, as Grafana’s Prometheus data source does', () => {
    const frames = seriesToFrames('A', [
      {
        metric: { labels: { step: 'cart_added', step_index: '1' } },
        values: [
          { time: new Date(1000), value: 5 },
          { time: new Date(2000), value: Number.NaN },
        ],
      },
    ]);
    expect(frames).toEqual([
      {
        refId: 'A',
        fields: [
          { name: 'Time', type: 'time', values: [1000] },
          { name: 'Value', type: 'number', values: [5], labels: { step: 'cart_added', step_index: '1' } },
        ],
      },
    ]);
  });

  it('makes one exemplar frame with a string field per label, marked as exemplars', () => {
    const frame = exemplarsToFrame('B', [
      {
        seriesLabels: { __name__: 'product_events_total', event: 'cart_added' },
        exemplars: [{ labels: { user_id: 'u1', trace_id: 't1' }, value: '1', timestamp: 1.5 }],
      },
    ]);
    expect(frame?.meta?.custom).toEqual({ resultType: 'exemplar' });
    expect(frame?.fields.map((field) => [field.name, field.values])).toEqual([
      ['Time', [1500]],
      ['Value', [1]],
      ['__name__', ['product_events_total']],
      ['event', ['cart_added']],
      ['trace_id', ['t1']],
      ['user_id', ['u1']],
    ]);
    expect(exemplarsToFrame('B', [])).toBeUndefined();
  });
});
