import { eventSeries, exemplarSeries, fixedNow, grafanaScene, lastHour } from '../fixtures/prometheus';
import { panelDataOf } from '../../testing/panelProps';
import { isExemplarFrame, mergeFeed, readExemplars } from './readExemplars';

async function annotations() {
  const scene = await grafanaScene(
    [
      {
        target: { refId: 'C', expr: 'x', instant: true, exemplar: true, interval: '1s' },
        instant: eventSeries([['cart_added', 12]]),
        exemplars: exemplarSeries([
          { secondsAgo: 10, event: 'cart_added', userId: 'a1b2', traceId: 't1'.padEnd(32, '0') },
          { secondsAgo: 0, event: 'payment_succeeded', userId: 'c3d4', traceId: 't2'.padEnd(32, '0') },
        ]),
      },
    ],
    { range: lastHour, maxDataPoints: 11_000 }
  );
  return panelDataOf(scene);
}

describe('readExemplars', () => {
  it('recognises Grafana’s exemplar frames, in the annotations, and nothing else', async () => {
    const data = await annotations();
    expect(data.annotations?.map(isExemplarFrame)).toEqual([true]);
    expect(data.series.map(isExemplarFrame)).toEqual([false]);
  });

  it('reads user pseudonym, event, time and trace of every exemplar, with the trace field for its link', async () => {
    const events = readExemplars((await annotations()).annotations ?? []);
    expect(events.map((e) => [e.time, e.event, e.userId, e.traceId.slice(0, 2), e.spanId.slice(0, 2)])).toEqual([
      [fixedNow - 10_000, 'cart_added', 'a1b2', 't1', 't1'],
      [fixedNow, 'payment_succeeded', 'c3d4', 't2', 't2'],
    ]);
    expect(events[0]?.traceSource?.field.getLinks?.({ valueRowIndex: 0 })[0]?.href).toBe(
      `https://tempo.example/trace/${'t1'.padEnd(32, '0')}`
    );
  });
});

describe('mergeFeed', () => {
  it('puts the newest first, keeps each event once and at most the limit', async () => {
    const [older, newer] = readExemplars((await annotations()).annotations ?? []);
    expect(mergeFeed([older!], [newer!, older!], 10).map((e) => e.userId)).toEqual(['c3d4', 'a1b2']);
    expect(mergeFeed([older!], [newer!], 1).map((e) => e.userId)).toEqual(['c3d4']);
    expect(mergeFeed([older!], [newer!], 0)).toEqual([]);
  });
});
