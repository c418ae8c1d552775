import { LoadingState } from '@grafana/data';
import { defaultNamespace } from '@nowcast/otel-exporter/contract';
import {
  activeUsersSeries,
  eventSeries,
  exemplarSeries,
  fixedNow,
  grafanaScene,
  lastHour,
  type ExemplarRow,
  type QueryFixture,
} from '../fixtures/prometheus';
import { panelDataOf } from '../../testing/panelProps';
import { exampleQueries } from '../exampleQueries';
import { isSample } from './feedSample';
import { liveStatus, type LiveOptions } from './liveStatus';

const options: LiveOptions = { namespace: '', activeUsersRefId: 'A', ratesRefId: 'B', feedRefId: 'C' };
const rows = (count: number, spacingSeconds: number): ExemplarRow[] =>
  Array.from({ length: count }, (_, i) => ({
    secondsAgo: i * spacingSeconds,
    event: i % 2 === 0 ? 'cart_added' : 'page_viewed',
    userId: `u${i}`,
    traceId: `${i}`.padEnd(32, '0'),
  }));

function queries(exemplars: readonly ExemplarRow[], counted: number): QueryFixture[] {
  return [
    { target: { refId: 'A', expr: 'estimate', range: true, interval: '1m' }, range: activeUsersSeries([10, 12, 15]) },
    {
      target: { refId: 'B', expr: 'rates', instant: true },
      instant: eventSeries([
        ['cart_added', 1.5],
        ['page_viewed', 4],
        ['cart_added', 0.5],
      ]),
    },
    {
      target: { refId: 'C', expr: 'events in range', instant: true, exemplar: true, interval: '1s' },
      instant: eventSeries([['cart_added', counted]]),
      exemplars: exemplarSeries(exemplars),
    },
  ];
}

async function status(fixtures: readonly QueryFixture[], overrides: Partial<LiveOptions> = {}) {
  const scene = await grafanaScene(fixtures, { range: lastHour, maxDataPoints: 11_000 });
  return liveStatus(panelDataOf(scene, { state: LoadingState.Streaming }), { ...options, ...overrides });
}

describe('liveStatus', () => {
  it('reads the estimate with its history, the rates now per event, and the feed’s events, each from its own query', async () => {
    const result = await status(queries(rows(3, 10), 3));
    if (result.status !== 'ok') {
      throw new Error(result.message);
    }
    expect(result.model.activeUsers).toMatchObject({ now: 15, label: 'shop · 5m' });
    expect(result.model.activeUsers?.history.map(([, value]) => value)).toEqual([10, 12, 15]);
    expect(result.model.eventRates.map((r) => [r.event, r.perSecond])).toEqual([
      ['page_viewed', 4],
      ['cart_added', 2],
    ]);
    expect(result.model.events.map((e) => [e.userId, e.time])).toEqual([
      ['u0', fixedNow],
      ['u1', fixedNow - 10_000],
      ['u2', fixedNow - 20_000],
    ]);
    expect(result.model.notices).toEqual([]);
  });

  it('knows the step Grafana sampled by and the events in the range, so it can say the feed is a sample', async () => {
    // Five events within one second: Grafana's sampler keeps the first of them.
    const oneSecond = rows(5, 0.1).map((row) => ({ ...row, secondsAgo: row.secondsAgo + 0.1 }));
    const result = await status(queries(oneSecond, 5));
    if (result.status !== 'ok') {
      throw new Error(result.message);
    }
    expect(result.model.events).toHaveLength(1);
    expect(result.model.sample).toEqual({ stepMs: 1000, eventsInRange: 5, delivered: 1 });
    expect(isSample(result.model.sample!)).toBe(true);
  });

  it('names a query with no part, and reads nothing from it', async () => {
    const result = await status(queries(rows(2, 10), 2), { activeUsersRefId: '' });
    expect(result.status === 'ok' && result.model.activeUsers).toBeUndefined();
    expect(result.status === 'ok' && result.model.notices.map((notice) => notice.text)).toEqual([
      'Query A has no part and is not drawn: choose its part under “Live activity queries” in the panel options.',
    ]);
  });

  it('reports no data, errors, and queries that hold nothing it can use', async () => {
    expect((await status([])).status).toBe('nodata');
    expect(liveStatus(panelDataOf(undefined, { state: LoadingState.Error }), options).status).toBe('error');
    const strings = await status([
      { target: { refId: 'B', expr: 'x', instant: true }, instant: [{ metric: { other: 'x' }, value: [0, '1'] }] },
    ]);
    expect(strings).toMatchObject({ status: 'unsupported' });
  });

  it('suggests the queries in the panel’s namespace, else the default one', async () => {
    const shop = liveStatus(panelDataOf(undefined), { ...options, namespace: 'shop' });
    expect(shop.status === 'nodata' && shop.message).toContain(exampleQueries('shop').activeUsers);
    expect(shop.status === 'nodata' && shop.message).toContain(exampleQueries('shop').eventsInRange);
    const unnamed = liveStatus(panelDataOf(undefined), options);
    expect(unnamed.status === 'nodata' && unnamed.message).toContain(exampleQueries(defaultNamespace).eventRates);
  });
});
